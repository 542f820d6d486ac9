import dagre from '@dagrejs/dagre';
import type { FlowDefinition } from '@liuyun/definitions';
import type { Point } from './flow-commands';

/** The node box the layout plans for (the canvas card is about this size). */
const NODE_WIDTH = 176;
const NODE_HEIGHT = 56;

/**
 * Top-down layered positions for every node (dagre's network-simplex ranking), as the
 * top-left corners React Flow expects.
 */
export function autoLayout(flow: FlowDefinition): Map<string, Point> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of flow.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of flow.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions = new Map<string, Point>();
  for (const node of flow.nodes) {
    const laid = graph.node(node.id);
    if (laid) positions.set(node.id, { x: laid.x - NODE_WIDTH / 2, y: laid.y - NODE_HEIGHT / 2 });
  }
  return positions;
}
