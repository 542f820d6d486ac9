import type { DefinitionError, FlowDefinition, FlowEdge, FlowNode, FormDefinition } from '../types';
import { validateDocumentSchema } from './document.validators';
import { cyclesWithoutWait, indexFlow, reachable, type FlowGraph } from './flow-graph';
import { pointer } from './json-pointer';
import { checkRuleAt } from './rule-check';

type Report = (error: DefinitionError) => void;

const nodePath = (index: number, ...rest: (string | number)[]) => pointer('nodes', index, ...rest);
const edgePath = (index: number, ...rest: (string | number)[]) => pointer('edges', index, ...rest);
const label = (node: FlowNode) => `${node.type} node "${node.id}"`;

function checkIds(flow: FlowDefinition, report: Report): void {
  const nodeIds = new Set<string>();
  flow.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) {
      report({
        code: 'duplicate_id',
        path: nodePath(index, 'id'),
        nodeId: node.id,
        message: `two nodes have the id "${node.id}"`,
      });
    }
    nodeIds.add(node.id);
  });
  const edgeIds = new Set<string>();
  flow.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) {
      report({
        code: 'duplicate_id',
        path: edgePath(index, 'id'),
        edgeId: edge.id,
        message: `two edges have the id "${edge.id}"`,
      });
    }
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) {
        report({
          code: 'edge_unknown_node',
          path: edgePath(index, end),
          edgeId: edge.id,
          message: `edge "${edge.id}" has ${end} "${edge[end]}", which is not a node`,
        });
      }
    }
  });
}

/** Route rules per node type: how many edges may leave, which labels they need. */
function checkRoutes(graph: FlowGraph, report: Report): void {
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
      if (edge.outcome !== undefined && node.type !== 'approval') {
        edgeError(
          'only edges leaving an approval carry an outcome',
          edgePath(edgeIndex, 'outcome'),
        );
      }
    }
    switch (node.type) {
      case 'start':
        if (into.length > 0) edgeError('no edge may lead into the start');
        if (out.length > 1) edgeError('the start has exactly one outgoing edge');
        break;
      case 'end':
        if (out.length > 0) edgeError('an end has no outgoing edge');
        break;
      case 'update_record':
      case 'parallel_join':
        if (out.length > 1) edgeError('this node has exactly one outgoing edge');
        if (node.type === 'parallel_join' && into.length < 2) {
          edgeError('a join needs at least two incoming edges');
        }
        break;
      case 'parallel_split':
        if (out.length === 1) edgeError('a split needs at least two outgoing edges');
        break;
      case 'approval':
        checkApproval(node, index, out, report);
        break;
      case 'exclusive':
        checkExclusive(node, index, out, report);
        break;
    }
  }
}

function checkApproval(
  node: FlowNode & { type: 'approval' },
  index: number,
  out: { edge: FlowEdge; index: number }[],
  report: Report,
): void {
  if (node.settings.assignees.length === 0) {
    report({
      code: 'missing_assignee',
      path: nodePath(index, 'settings', 'assignees'),
      nodeId: node.id,
      message: `${label(node)} has no assignee`,
    });
  }
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

function checkExclusive(
  node: FlowNode & { type: 'exclusive' },
  index: number,
  out: { edge: FlowEdge; index: number }[],
  report: Report,
): void {
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

function checkStructure(graph: FlowGraph, report: Report): void {
  const starts = [...graph.nodes.values()].filter(({ node }) => node.type === 'start');
  if (starts.length === 0)
    report({ code: 'no_start', path: '/nodes', message: 'the flow has no start node' });
  starts.slice(1).forEach(({ node, index }) =>
    report({
      code: 'multiple_starts',
      path: nodePath(index),
      nodeId: node.id,
      message: `the flow has more than one start ("${node.id}")`,
    }),
  );
  const fromStart = reachable(
    graph,
    starts.map(({ node }) => node.id),
    'forward',
  );
  const ends = [...graph.nodes.values()]
    .filter(({ node }) => node.type === 'end')
    .map(({ node }) => node.id);
  const toEnd = reachable(graph, ends, 'backward');
  for (const { node, index } of graph.nodes.values()) {
    if (starts.length > 0 && !fromStart.has(node.id)) {
      report({
        code: 'unreachable_node',
        path: nodePath(index),
        nodeId: node.id,
        message: `${label(node)} cannot be reached from the start`,
      });
    }
    if (node.type === 'end') continue;
    if ((graph.outgoing.get(node.id) ?? []).length === 0) {
      report({
        code: 'dead_end',
        path: nodePath(index),
        nodeId: node.id,
        message: `${label(node)} has no outgoing edge`,
      });
    } else if (!toEnd.has(node.id)) {
      report({
        code: 'dead_end',
        path: nodePath(index),
        nodeId: node.id,
        message: `no end can be reached from ${label(node)}`,
      });
    }
  }
  for (const { node, index } of graph.nodes.values()) {
    if (node.type !== 'parallel_join') continue;
    const upstream = reachable(graph, [node.id], 'backward');
    const hasSplit = [...upstream].some(
      (id) => graph.nodes.get(id)?.node.type === 'parallel_split',
    );
    if (!hasSplit) {
      report({
        code: 'join_without_split',
        path: nodePath(index),
        nodeId: node.id,
        message: `${label(node)} has no parallel split before it`,
      });
    }
  }
  const isWait = (id: string) => graph.nodes.get(id)?.node.type === 'approval';
  for (const group of cyclesWithoutWait(graph, isWait)) {
    const first = graph.nodes.get(group[0] ?? '');
    report({
      code: 'cycle_without_wait',
      path: first ? nodePath(first.index) : '/nodes',
      ...(first ? { nodeId: first.node.id } : {}),
      message: `nodes ${group.map((id) => `"${id}"`).join(', ')} form a loop with no approval in it`,
    });
  }
}

function checkRules(
  flow: FlowDefinition,
  graph: FlowGraph,
  form: FormDefinition | undefined,
  report: Report,
): void {
  const fields = form ? Object.keys(form.schema.properties) : undefined;
  const check = (
    rule: Parameters<typeof checkRuleAt>[0],
    location: Parameters<typeof checkRuleAt>[2],
  ) => {
    checkRuleAt(rule, fields, location).forEach(report);
  };
  flow.edges.forEach((edge, index) => {
    if (edge.condition === undefined) return;
    if (graph.nodes.get(edge.source)?.node.type !== 'exclusive') return;
    check(edge.condition, { path: edgePath(index, 'condition'), edgeId: edge.id });
  });
  flow.nodes.forEach((node, index) => {
    if (node.type !== 'update_record') return;
    for (const [key, rule] of Object.entries(node.settings.set)) {
      const path = nodePath(index, 'settings', 'set', key);
      if (fields && !fields.includes(key)) {
        report({
          code: 'unknown_field',
          path,
          nodeId: node.id,
          field: key,
          message: `${label(node)} sets "${key}", which is not a field of the form`,
        });
      }
      check(rule, { path, nodeId: node.id, field: key });
    }
  });
}

/**
 * Validates a flow definition: its JSON Schema first (`schema_invalid` /
 * `unknown_node_type`), then ids, edges, the graph (start, reachability, dead ends,
 * branches, joins, loops without a wait), approvals, and every rule against the form's
 * fields when the form is given. Never throws; an empty list means it can be published.
 */
export function validateFlow(flow: unknown, form?: FormDefinition): DefinitionError[] {
  try {
    const schemaErrors = validateDocumentSchema('flow', flow);
    if (schemaErrors.length > 0) return schemaErrors;
    const valid = flow as FlowDefinition;
    const errors: DefinitionError[] = [];
    const report: Report = (error) => errors.push(error);
    checkIds(valid, report);
    const graph = indexFlow(valid);
    checkRoutes(graph, report);
    checkStructure(graph, report);
    checkRules(valid, graph, form, report);
    return errors;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [
      { code: 'schema_invalid', path: '', message: `the flow could not be validated: ${detail}` },
    ];
  }
}
