import type { FlowEdge, FlowNode } from '../types';
import type { FlowGraph } from './flow-graph';
import { edgePath, label, nodePath, type Report } from './flow-report';

type Linked = { edge: FlowEdge; index: number }[];

/** Node types left by exactly one plain edge. */
const SINGLE_EXIT = new Set<FlowNode['type']>([
  'start',
  'fill',
  'cc',
  'update_record',
  'parallel_join',
  'create_record',
  'notify',
  'webhook',
  'wait',
]);

/** Whether the edges leaving a node carry outcomes (approve / reject). */
function hasOutcomes(node: FlowNode): boolean {
  return node.type === 'approval' || (node.type === 'subprocess' && node.settings.waitForOutcome);
}

/** An approval, or a sub-process that waits: one `approve` edge, at most one `reject` edge. */
function checkOutcomeEdges(node: FlowNode, index: number, out: Linked, report: Report): void {
  const approve = out.filter(({ edge }) => edge.outcome === 'approve');
  const reject = out.filter(({ edge }) => edge.outcome === 'reject');
  if (approve.length === 0) {
    report({
      code: 'approval_without_approve_edge',
      path: nodePath(index),
      nodeId: node.id,
      message: `${label(node)} has no edge with outcome "approve" (without a reject edge, a reject ends the instance as rejected)`,
    });
  }
  for (const [edges, outcome] of [
    [approve, 'approve'],
    [reject, 'reject'],
  ] as const) {
    if (edges.length > 1) {
      report({
        code: 'invalid_edge',
        path: nodePath(index),
        nodeId: node.id,
        message: `${label(node)} has more than one "${outcome}" edge`,
      });
    }
  }
  for (const { edge, index: edgeIndex } of out) {
    if (edge.outcome === undefined) {
      report({
        code: 'invalid_edge',
        path: edgePath(edgeIndex),
        nodeId: node.id,
        edgeId: edge.id,
        message: `edge "${edge.id}" leaves ${label(node)} without an outcome ("approve" or "reject")`,
      });
    }
  }
}

function checkExclusive(node: FlowNode, index: number, out: Linked, report: Report): void {
  const defaults = out.filter(({ edge }) => edge.isDefault === true);
  if (defaults.length !== 1) {
    report({
      code: 'branch_without_default',
      path: nodePath(index),
      nodeId: node.id,
      message:
        defaults.length === 0
          ? `${label(node)} has no default edge (taken when no condition holds)`
          : `${label(node)} has ${defaults.length} default edges; exactly one is taken when no condition holds`,
    });
  }
  for (const { edge, index: edgeIndex } of out) {
    if (edge.isDefault !== true && edge.condition === undefined) {
      report({
        code: 'invalid_rule',
        path: edgePath(edgeIndex),
        nodeId: node.id,
        edgeId: edge.id,
        message: `edge "${edge.id}" leaves ${label(node)} with neither a condition nor the default flag`,
      });
    }
  }
}

/** Route rules per node type: how many edges may leave, which labels they need. */
export function checkRoutes(graph: FlowGraph, report: Report): void {
  for (const { node, index } of graph.nodes.values()) {
    const out = graph.outgoing.get(node.id) ?? [];
    const into = graph.incoming.get(node.id) ?? [];
    const edgeError = (message: string, at = nodePath(index)) =>
      report({
        code: 'invalid_edge',
        path: at,
        nodeId: node.id,
        message: `${label(node)}: ${message}`,
      });
    for (const { edge, index: edgeIndex } of out) {
      if (edge.condition !== undefined && node.type !== 'exclusive') {
        edgeError(
          'only edges leaving an exclusive branch carry a condition',
          edgePath(edgeIndex, 'condition'),
        );
      }
      if (edge.outcome !== undefined && !hasOutcomes(node)) {
        edgeError(
          'only edges leaving an approval or a waiting sub-process carry an outcome',
          edgePath(edgeIndex, 'outcome'),
        );
      }
    }
    if (node.type === 'start' && into.length > 0) edgeError('no edge may lead into the start');
    if (SINGLE_EXIT.has(node.type) || (node.type === 'subprocess' && !hasOutcomes(node))) {
      if (out.length > 1) edgeError('this node has exactly one outgoing edge');
    }
    if (node.type === 'parallel_join' && into.length < 2)
      edgeError('a join needs at least two incoming edges');
    if (node.type === 'parallel_split' && out.length === 1)
      edgeError('a split needs at least two outgoing edges');
    if (node.type === 'end' && out.length > 0) edgeError('an end has no outgoing edge');
    if (hasOutcomes(node)) checkOutcomeEdges(node, index, out, report);
    if (node.type === 'exclusive') checkExclusive(node, index, out, report);
  }
}
