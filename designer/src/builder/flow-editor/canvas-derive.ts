import type { FlowDefinition, FlowEdge, FlowNode } from '@liuyun/definitions';
import { MarkerType } from '@xyflow/react';
import type { CanvasEdge, CanvasNode, NodeRunState } from '../../flow/canvas.types';
import type { ChangeKind } from '../versions/definition-diff';

/** What a screen lays over the flow: a simulated run, a version diff, errors. */
export interface FlowOverlay {
  nodeStates?: ReadonlyMap<string, NodeRunState>;
  traversedEdges?: ReadonlySet<string>;
  nodeDiff?: ReadonlyMap<string, ChangeKind>;
  edgeDiff?: ReadonlyMap<string, ChangeKind>;
  /** People holding tasks at a node (simulation), by display name. */
  assigneeNames?: ReadonlyMap<string, string[]>;
}

export interface EdgeStyleInput {
  label?: string;
  errors: string[];
  traversed: boolean;
  diff?: ChangeKind;
  selected?: boolean;
}

const COLORS = {
  idle: '#98a2b3',
  traversed: '#1668dc',
  error: '#e5484d',
  added: '#2f9e44',
  removed: '#e5484d',
  changed: '#d97706',
} as const;

export interface CachedNode {
  def: FlowNode;
  key: string;
  node: CanvasNode;
}

/**
 * Turns the definition into React Flow nodes, reusing the previous object of every node
 * whose definition and marks did not change, so that only changed nodes re-render.
 */
export function deriveNodes(
  flow: FlowDefinition,
  cache: Map<string, CachedNode>,
  options: {
    editable: boolean;
    nodeErrors: ReadonlyMap<string, string[]>;
    overlay: FlowOverlay;
  },
): CanvasNode[] {
  const { overlay } = options;
  const seen = new Set<string>();
  const nodes = flow.nodes.map((def) => {
    seen.add(def.id);
    const state: NodeRunState = overlay.nodeStates?.get(def.id) ?? 'idle';
    const errors = options.nodeErrors.get(def.id) ?? [];
    const diff = overlay.nodeDiff?.get(def.id);
    const names = overlay.assigneeNames?.get(def.id) ?? [];
    const key = `${state}|${errors.join('\n')}|${diff ?? ''}|${names.join(',')}|${options.editable}`;
    const cached = cache.get(def.id);
    if (cached && cached.def === def && cached.key === key) return cached.node;
    const node = {
      id: def.id,
      type: def.type,
      position: def.position ?? { x: 0, y: 0 },
      deletable: options.editable && def.type !== 'start',
      connectable: options.editable,
      data: {
        node: def,
        state,
        direction: 'vertical',
        assigneeNames: names,
        editable: options.editable,
        ...(errors.length > 0 ? { errors } : {}),
        ...(diff ? { diff } : {}),
      },
    } as CanvasNode;
    cache.set(def.id, { def, key, node });
    return node;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return nodes;
}

/** One edge as React Flow draws it: colour by run, diff or error; the label it carries. */
export function styledEdge(edge: FlowEdge, input: EdgeStyleInput, editable: boolean): CanvasEdge {
  const color =
    input.errors.length > 0
      ? COLORS.error
      : input.diff
        ? COLORS[input.diff]
        : input.traversed
          ? COLORS.traversed
          : COLORS.idle;
  const label = input.errors.length > 0 ? `⚠ ${input.label ?? ''}`.trim() : input.label;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: 'smoothstep',
    deletable: editable,
    data: { edge, traversed: input.traversed },
    className: [
      'flow-edge',
      input.traversed ? 'is-traversed' : '',
      input.errors.length > 0 ? 'has-errors' : '',
      input.diff ? `diff-${input.diff}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    label,
    ariaLabel: [input.label, ...input.errors].filter(Boolean).join(' · ') || undefined,
    labelBgPadding: [6, 3],
    labelBgBorderRadius: 4,
    labelStyle: { fill: color === COLORS.idle ? '#5c6573' : color, fontSize: 12 },
    style: {
      stroke: color,
      strokeWidth: input.traversed || input.errors.length > 0 || input.diff ? 2.25 : 1.5,
      ...(input.diff === 'removed' ? { strokeDasharray: '6 4' } : {}),
    },
    markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 },
    ...(input.selected ? { selected: true } : {}),
  };
}
