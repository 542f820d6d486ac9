import type { FlowDefinition, FlowNode, NodeType } from '@liuyun/definitions';
import type {
  AutomationFlow,
  DeleteRecordSettings,
  HostNode,
  QuerySettings,
  RoundRobinSettings,
} from './automation.types';

/** Runtime node types an automation may use: no people, no waiting. */
export const AUTOMATION_NODE_TYPES: ReadonlySet<string> = new Set<NodeType | HostNode['type']>([
  'start',
  'exclusive',
  'create_record',
  'update_record',
  'notify',
  'webhook',
  'end',
  'delete_record',
  'query',
  'round_robin',
]);

/** The flow the runtime runs, and the host steps it stands in for. */
export interface CompiledAutomationFlow {
  flow: FlowDefinition;
  /** delete_record node id → its settings: their `upsertRecords` effects are deletions. */
  deletes: Map<string, DeleteRecordSettings>;
  /** query node id → its settings: evaluated before the flow; their effects are dropped. */
  queries: Map<string, QuerySettings>;
  /** round_robin node id → its settings: picked before the flow (after the queries). */
  roundRobins: Map<string, RoundRobinSettings>;
}

export function isHostNode(node: FlowNode | HostNode): node is HostNode {
  return node.type === 'delete_record' || node.type === 'query' || node.type === 'round_robin';
}

/**
 * Turns host steps into runtime nodes that emit an effect the host recognises by node id,
 * so branches and ordering stay the runtime's business:
 * - `delete_record` becomes a `create_record` in `update` mode: its `upsertRecords`
 *   effect (with the `match` bound to the triggering record) is applied as a deletion;
 * - `query` becomes an `update_record` setting `into` to itself: the value was computed
 *   before the flow started (every write of a run is applied after the step, so a query
 *   reads the same data wherever it stands), and its effect is dropped;
 * - `round_robin` likewise: the pick is made before the flow, after the queries.
 */
export function compileAutomationFlow(source: AutomationFlow): CompiledAutomationFlow {
  const deletes = new Map<string, DeleteRecordSettings>();
  const queries = new Map<string, QuerySettings>();
  const roundRobins = new Map<string, RoundRobinSettings>();
  const nodes = source.nodes.map((node): FlowNode => {
    if (!isHostNode(node)) return node;
    const { position } = node as { position?: { x: number; y: number } };
    const base = { id: node.id, name: node.name, ...(position ? { position } : {}) };
    if (node.type === 'delete_record') {
      deletes.set(node.id, node.settings);
      return {
        ...base,
        type: 'create_record',
        settings: {
          form: node.settings.form ?? 'trigger',
          mode: 'update',
          match: node.settings.match ?? true,
          set: { deleted: true },
        },
      } as FlowNode;
    }
    if (node.type === 'round_robin') roundRobins.set(node.id, node.settings);
    else queries.set(node.id, node.settings);
    const into = node.settings.into;
    return {
      ...base,
      type: 'update_record',
      settings: { set: { [into]: { var: into } } },
    } as FlowNode;
  });
  return { flow: { ...source, nodes } as FlowDefinition, deletes, queries, roundRobins };
}
