import { validateFlow, type FlowDefinition } from '@liuyun/definitions';
import { connectionProblem } from '../src/builder/flow-editor/connection-rules';
import {
  addNode,
  connect,
  copySelection,
  moveNodes,
  newNode,
  paste,
  removeElements,
  starterFlow,
  updateEdge,
} from '../src/builder/flow-editor/flow-commands';
import { execute, redo, startHistory, undo } from '../src/builder/draft/doc-history';

const t = (en: string) => ({ zh: en, en });

function fourNodes(): FlowDefinition {
  let flow = starterFlow('leave', t('Leave'), { start: t('Start'), end: t('End') });
  flow = addNode(flow, newNode('approval', 'manager', t('Manager'), { x: 0, y: 100 }));
  flow = addNode(flow, newNode('end', 'rejected', t('Rejected'), { x: 200, y: 200 }));
  flow = connect(flow, 'start', 'manager');
  flow = connect(flow, 'manager', 'end');
  flow = connect(flow, 'manager', 'rejected');
  return flow;
}

describe('connections', () => {
  it('gives an approval an approve edge first and a reject edge second, then refuses a third', () => {
    const flow = fourNodes();
    expect(flow.edges.map((e) => [e.source, e.target, e.outcome])).toEqual([
      ['start', 'manager', undefined],
      ['manager', 'end', 'approve'],
      ['manager', 'rejected', 'reject'],
    ]);
    const withThird = addNode(flow, newNode('cc', 'cc', t('CC'), { x: 0, y: 0 }));
    expect(connectionProblem(withThird, 'manager', 'cc')).toBe('outcomes_used');
  });

  it('refuses loops on one node, edges into the start, out of an end, twice, or a second exit', () => {
    const flow = fourNodes();
    expect(connectionProblem(flow, 'manager', 'manager')).toBe('self');
    expect(connectionProblem(flow, 'manager', 'start')).toBe('into_start');
    expect(connectionProblem(flow, 'end', 'manager')).toBe('out_of_end');
    expect(connectionProblem(flow, 'start', 'manager')).toBe('duplicate');
    expect(connectionProblem(flow, 'start', 'end')).toBe('single_exit');
    expect(connectionProblem(flow, 'start', 'ghost')).toBe('unknown_node');
  });

  it('makes the first edge of an exclusive branch its default, and keeps one default', () => {
    let flow = starterFlow('f', t('F'), { start: t('S'), end: t('E') });
    flow = addNode(flow, newNode('exclusive', 'branch', t('Branch'), { x: 0, y: 0 }));
    flow = addNode(flow, newNode('end', 'other', t('Other'), { x: 0, y: 0 }));
    flow = connect(flow, 'start', 'branch');
    flow = connect(flow, 'branch', 'end');
    flow = connect(flow, 'branch', 'other');
    const [first, second] = flow.edges.filter((e) => e.source === 'branch');
    expect(first?.isDefault).toBe(true);
    expect(second?.isDefault).toBeUndefined();
    flow = updateEdge(flow, second!.id, (e) => ({ ...e, isDefault: true }));
    expect(flow.edges.filter((e) => e.isDefault).map((e) => e.id)).toEqual([second!.id]);
  });

  it('builds a flow the publish check accepts once the approval has an assignee', () => {
    const flow = fourNodes();
    expect(validateFlow(flow).map((e) => e.code)).toEqual(['missing_assignee']);
    const fixed = {
      ...flow,
      nodes: flow.nodes.map((n) =>
        n.type === 'approval'
          ? {
              ...n,
              settings: { ...n.settings, assignees: [{ kind: 'role' as const, role: 'manager' }] },
            }
          : n,
      ),
    };
    expect(validateFlow(fixed)).toEqual([]);
  });
});

describe('editing commands', () => {
  it('removes a node with its edges, and keeps the objects of untouched nodes', () => {
    const flow = fourNodes();
    const next = removeElements(flow, new Set(['manager']), new Set());
    expect(next.nodes.map((n) => n.id)).toEqual(['start', 'end', 'rejected']);
    expect(next.edges).toEqual([]);
    expect(next.nodes[0]).toBe(flow.nodes[0]);
    const moved = moveNodes(flow, new Map([['manager', { x: 10.4, y: 20.6 }]]));
    expect(moved.nodes.find((n) => n.id === 'manager')?.position).toEqual({ x: 10, y: 21 });
    expect(moved.nodes[0]).toBe(flow.nodes[0]);
  });

  it('copies the selected nodes with the edges between them and pastes them with fresh ids', () => {
    const flow = fourNodes();
    const clip = copySelection(flow, new Set(['start', 'manager', 'rejected']));
    expect(clip.nodes.map((n) => n.id)).toEqual(['manager', 'rejected']);
    expect(clip.edges.map((e) => [e.source, e.target])).toEqual([['manager', 'rejected']]);
    const { flow: pasted, nodeIds } = paste(flow, clip, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['manager_1', 'rejected_1']);
    const copy = pasted.edges[pasted.edges.length - 1];
    expect([copy?.source, copy?.target, copy?.outcome]).toEqual([
      'manager_1',
      'rejected_1',
      'reject',
    ]);
    expect(pasted.nodes.find((n) => n.id === 'manager_1')?.position).toEqual({ x: 40, y: 140 });
    const ids = [...pasted.nodes.map((n) => n.id), ...pasted.edges.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('undoes and redoes commands, and merges consecutive edits with the same key', () => {
    let h = startHistory(1);
    h = execute(h, (n) => n + 1);
    h = execute(h, (n) => n + 1, 'typing');
    h = execute(h, (n) => n + 1, 'typing');
    expect(h.present).toBe(4);
    h = undo(h);
    expect(h.present).toBe(2);
    h = undo(h);
    expect(h.present).toBe(1);
    h = undo(h);
    expect(h.present).toBe(1);
    h = redo(redo(h));
    expect(h.present).toBe(4);
    h = undo(h);
    h = execute(h, (n) => n * 10);
    expect(h.present).toBe(20);
    expect(redo(h).present).toBe(20);
    expect(execute(h, (n) => n)).toBe(h);
  });
});
