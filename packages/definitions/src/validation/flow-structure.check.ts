import { WAIT_NODE_TYPES } from '../node-types';
import type { FlowNode } from '../types';
import { cyclesWithoutWait, hasMatchingSplit, reachable, type FlowGraph } from './flow-graph';
import { label, nodePath, type Report } from './flow-report';

const waitTypes = new Set<string>(WAIT_NODE_TYPES);

/** Whether a token stops at this node for an event (so a loop through it cannot spin). */
function isWaitNode(node: FlowNode | undefined): boolean {
  if (!node || !waitTypes.has(node.type)) return false;
  return node.type !== 'subprocess' || node.settings.waitForOutcome;
}

/** Start, reachability, dead ends, joins and loops. */
export function checkStructure(graph: FlowGraph, report: Report): void {
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
    if (node.type !== 'parallel_join' || hasMatchingSplit(graph, node.id)) continue;
    report({
      code: 'join_without_split',
      path: nodePath(index),
      nodeId: node.id,
      message: `${label(node)} has no parallel split whose branches bring each of its incoming edges`,
    });
  }
  const isWait = (id: string) => isWaitNode(graph.nodes.get(id)?.node);
  for (const group of cyclesWithoutWait(graph, isWait)) {
    const first = graph.nodes.get(group[0] ?? '');
    report({
      code: 'cycle_without_wait',
      path: first ? nodePath(first.index) : '/nodes',
      ...(first ? { nodeId: first.node.id } : {}),
      message: `nodes ${group.map((id) => `"${id}"`).join(', ')} form a loop with no approval, fill-in, wait or waiting sub-process in it`,
    });
  }
}
