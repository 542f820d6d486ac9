import type { FlowDefinition, FlowNode } from '@liuyun/definitions';
import type { InstanceState } from '@liuyun/runtime';

/** Old node id → node id in the newer flow; a node not listed keeps its id. */
export type NodeMapping = Record<string, string>;

/** Why one instance cannot move to the newer flow. */
export interface MigrationBlocker {
  reason: string;
  nodeId: string;
}

/** Where a node of the old flow goes: the mapping, else the same id. */
export function mappedNodeId(mapping: NodeMapping, nodeId: string): string {
  return Object.prototype.hasOwnProperty.call(mapping, nodeId)
    ? (mapping[nodeId] ?? nodeId)
    : nodeId;
}

function nodeOf(flow: FlowDefinition, id: string): FlowNode | undefined {
  return flow.nodes.find((n) => n.id === id);
}

function incomingCount(flow: FlowDefinition, id: string): number {
  return flow.edges.filter((e) => e.target === id).length;
}

/**
 * The nodes an instance is at: its tokens, task groups, timers, return marks, joins
 * with arrived branches, and the nodes of its open task rows. Saved states of older
 * runtimes may lack some lists, hence the defaults.
 */
export function liveNodeIds(state: InstanceState, openTaskNodeIds: readonly string[]): string[] {
  const ids = [
    ...(state.tokens ?? []).map((t) => t.nodeId),
    ...(state.approvals ?? []).map((a) => a.nodeId),
    ...(state.timers ?? []).map((t) => t.nodeId),
    ...(state.returns ?? []).flatMap((r) => [r.toNodeId, r.fromNodeId]),
    ...Object.keys(state.joins ?? {}),
    ...openTaskNodeIds,
  ];
  return [...new Set(ids)];
}

/**
 * Checks that every node the instance is at has a counterpart of the same type in the
 * newer flow, that no two of them land on one node, and that a join still waits for as
 * many branches. Answers the first problem, or null when the instance can move.
 */
export function migrationBlocker(
  from: FlowDefinition,
  to: FlowDefinition,
  toVersion: number,
  mapping: NodeMapping,
  state: InstanceState,
  openTaskNodeIds: readonly string[],
): MigrationBlocker | null {
  const landed = new Map<string, string>();
  for (const oldId of liveNodeIds(state, openTaskNodeIds)) {
    const newId = mappedNodeId(mapping, oldId);
    const oldNode = nodeOf(from, oldId);
    const newNode = nodeOf(to, newId);
    if (!oldNode) {
      return { nodeId: oldId, reason: `The instance is at "${oldId}", which its own flow lacks.` };
    }
    if (!newNode) {
      return {
        nodeId: oldId,
        reason: `Node "${oldId}" (${oldNode.type}) has no counterpart in version ${toVersion}: "${newId}" does not exist there. Map it to a ${oldNode.type} node.`,
      };
    }
    if (newNode.type !== oldNode.type) {
      return {
        nodeId: oldId,
        reason: `Node "${oldId}" is a ${oldNode.type} node but "${newId}" in version ${toVersion} is a ${newNode.type} node.`,
      };
    }
    const other = landed.get(newId);
    if (other !== undefined) {
      return {
        nodeId: oldId,
        reason: `Nodes "${other}" and "${oldId}" both map to "${newId}"; each live node needs its own.`,
      };
    }
    landed.set(newId, oldId);
    if (
      oldNode.type === 'parallel_join' &&
      (state.joins?.[oldId] ?? 0) > 0 &&
      incomingCount(from, oldId) !== incomingCount(to, newId)
    ) {
      return {
        nodeId: oldId,
        reason: `Join "${oldId}" waits for ${incomingCount(from, oldId)} branches but "${newId}" in version ${toVersion} joins ${incomingCount(to, newId)}.`,
      };
    }
  }
  return null;
}

/**
 * The state with node ids moved to the newer flow. Task and timer keys stay as they are:
 * they are opaque handles already stored on task rows and jobs. Path entries move where
 * their node has a counterpart (so returns to them still work); the rest stay history.
 */
export function migrateState(
  state: InstanceState,
  to: FlowDefinition,
  mapping: NodeMapping,
): InstanceState {
  const next = structuredClone(state);
  const move = (id: string): string => mappedNodeId(mapping, id);
  const exists = new Set(to.nodes.map((n) => n.id));
  next.tokens = (next.tokens ?? []).map((t) => ({ ...t, nodeId: move(t.nodeId) }));
  next.approvals = (next.approvals ?? []).map((a) => ({ ...a, nodeId: move(a.nodeId) }));
  next.timers = (next.timers ?? []).map((t) => ({ ...t, nodeId: move(t.nodeId) }));
  next.returns = (next.returns ?? []).map((r) => ({
    ...r,
    toNodeId: move(r.toNodeId),
    fromNodeId: move(r.fromNodeId),
  }));
  next.joins = Object.fromEntries(
    Object.entries(next.joins ?? {}).map(([id, count]) => [move(id), count]),
  );
  next.path = (next.path ?? []).map((p) =>
    exists.has(move(p.nodeId)) ? { ...p, nodeId: move(p.nodeId) } : p,
  );
  return next;
}

/** The mapping entries that name nodes neither flow has, as error details. */
export function mappingErrors(
  from: FlowDefinition,
  to: FlowDefinition,
  mapping: NodeMapping,
): { instancePath: string; keyword: string; message: string; params: Record<string, string> }[] {
  const errors = [];
  for (const [oldId, newId] of Object.entries(mapping)) {
    const path = `/nodeMapping/${oldId.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!nodeOf(from, oldId)) {
      errors.push({
        instancePath: path,
        keyword: 'nodeMapping',
        message: `"${oldId}" is not a node of the older flow`,
        params: { nodeId: oldId },
      });
    }
    if (!nodeOf(to, newId)) {
      errors.push({
        instancePath: path,
        keyword: 'nodeMapping',
        message: `"${newId}" is not a node of the newer flow`,
        params: { nodeId: newId },
      });
    }
  }
  return errors;
}
