import type { SimulationAnswer } from '@liuyun/client';
import type { FlowDefinition } from '@liuyun/definitions';
import type { NodeRunState } from '../../flow/canvas.types';
import { followedEdges } from '../../flow/canvas-model';
import type { FlowOverlay } from '../flow-editor/canvas-derive';

/**
 * A simulated run laid over the canvas, up to step `upTo` of its path: the nodes entered so
 * far, the edges followed, the nodes waiting (at the last step) and who holds their tasks.
 */
export function simulationOverlay(
  flow: FlowDefinition,
  answer: SimulationAnswer,
  upTo: number,
): FlowOverlay {
  const path = answer.path.slice(0, upTo + 1);
  const last = upTo >= answer.path.length - 1;
  const nodeStates = new Map<string, NodeRunState>();
  for (const entry of path) nodeStates.set(entry.nodeId, 'done');
  const assigneeNames = new Map<string, string[]>();
  for (const group of answer.tasks) {
    if (!nodeStates.has(group.nodeId)) continue;
    const names = group.assignees.map((a) => a.displayName);
    assigneeNames.set(group.nodeId, [
      ...new Set([...(assigneeNames.get(group.nodeId) ?? []), ...names]),
    ]);
    if (last && group.assignees.some((a) => a.status === 'open'))
      nodeStates.set(group.nodeId, 'active');
  }
  if (!last) {
    const at = path[path.length - 1];
    if (at) nodeStates.set(at.nodeId, 'active');
  }
  for (const node of flow.nodes) if (!nodeStates.has(node.id)) nodeStates.set(node.id, 'idle');
  return { nodeStates, traversedEdges: followedEdges(flow, path), assigneeNames };
}
