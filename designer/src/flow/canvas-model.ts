import type { FlowDefinition, FlowNode, NodeType } from '@liuyun/definitions';
import type { ProcessPathEntry, Task } from '@liuyun/client';
import { layeredLayout, type Point } from './auto-layout';
import type {
  CanvasEdge,
  CanvasNode,
  CanvasNodeOf,
  FlowDirection,
  NodeRunState,
} from './canvas.types';

export interface RunInfo {
  path: ProcessPathEntry[];
  activeNodeIds: string[];
  tasks: Task[];
}

/** Saved positions when every node has one, else the layered layout. */
function positionsOf(flow: FlowDefinition): {
  positions: Map<string, Point>;
  direction: FlowDirection;
} {
  const saved = flow.nodes.every((n) => n.position !== undefined);
  if (!saved) return { positions: layeredLayout(flow), direction: 'vertical' };
  const positions = new Map(flow.nodes.map((n) => [n.id, n.position ?? { x: 0, y: 0 }]));
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
  return { positions, direction: spread(xs) > spread(ys) ? 'horizontal' : 'vertical' };
}

function toCanvasNode<T extends NodeType>(
  node: Extract<FlowNode, { type: T }>,
  data: Omit<CanvasNodeOf<T>['data'], 'node'>,
  position: Point,
): CanvasNodeOf<T> {
  return { id: node.id, type: node.type as T, position, data: { ...data, node } };
}

/**
 * The edges the run went along. Each time a node was entered, the way in was the edge
 * from the most recently entered of its possible sources (branches not taken are never
 * entered, so a later visit to a shared target is not credited to them).
 */
export function followedEdges(flow: FlowDefinition, path: ProcessPathEntry[]): Set<string> {
  const followed = new Set<string>();
  path.forEach((entry, index) => {
    let best: { edgeIds: string[]; at: number } | null = null;
    for (const edge of flow.edges) {
      if (edge.target !== entry.nodeId) continue;
      let at = -1;
      for (let i = index - 1; i >= 0; i -= 1) {
        if (path[i]?.nodeId === edge.source) {
          at = i;
          break;
        }
      }
      if (at < 0) continue;
      if (!best || at > best.at) best = { edgeIds: [edge.id], at };
      else if (at === best.at) best.edgeIds.push(edge.id);
    }
    best?.edgeIds.forEach((id) => followed.add(id));
  });
  return followed;
}

/**
 * The flow definition as React Flow nodes and edges, with the run laid over it: nodes
 * entered and edges followed are marked, the nodes the instance waits at are active.
 */
export function toCanvas(flow: FlowDefinition, run: RunInfo | null) {
  const { positions, direction } = positionsOf(flow);
  const entered = new Map<string, number[]>();
  run?.path.forEach((entry, index) => {
    entered.set(entry.nodeId, [...(entered.get(entry.nodeId) ?? []), index]);
  });
  const active = new Set(run?.activeNodeIds ?? []);

  const nodes: CanvasNode[] = flow.nodes.map((node) => {
    const state: NodeRunState = active.has(node.id)
      ? 'active'
      : entered.has(node.id)
        ? 'done'
        : 'idle';
    const assigneeNames = [
      ...new Set(
        (run?.tasks ?? [])
          .filter((t) => t.nodeId === node.id && t.status !== 'cancelled')
          .flatMap((t) => (t.assignee ? [t.assignee.displayName] : [])),
      ),
    ];
    const position = positions.get(node.id) ?? { x: 0, y: 0 };
    return toCanvasNode(node, { state, direction, assigneeNames }, position) as CanvasNode;
  });

  const followed = followedEdges(flow, run?.path ?? []);
  const edges: CanvasEdge[] = flow.edges.map((edge) => {
    const traversed = followed.has(edge.id);
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'smoothstep',
      data: { edge, traversed },
      className: traversed ? 'flow-edge is-traversed' : 'flow-edge',
      animated: traversed && active.has(edge.target),
    };
  });
  return { nodes, edges, direction };
}
