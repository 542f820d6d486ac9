import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { evaluate } from '@liuyun/logic';
import { indexErrors } from '../src/builder/draft/definition-errors';
import { addNode, connect, newNode, starterFlow } from '../src/builder/flow-editor/flow-commands';
import { groupToLogic, logicToGroup, type RuleGroup } from '../src/builder/rules/rule-model';
import { diffVersions, mergedFlow } from '../src/builder/versions/definition-diff';

const t = (en: string) => ({ zh: en, en });

describe('visual rules', () => {
  const group: RuleGroup = {
    combinator: 'and',
    conditions: [
      { field: 'discount', op: '>', value: 10 },
      { field: 'region', op: 'in', value: ['north', 'east'] },
      { field: 'note', op: 'contains', value: 'vip' },
      { field: 'reason', op: 'empty' },
    ],
  };

  it('round-trips through JSON Logic and evaluates as written', () => {
    const rule = groupToLogic(group);
    expect(logicToGroup(rule)).toEqual(group);
    expect(evaluate(rule, { discount: 15, region: 'east', note: 'a vip deal', reason: '' })).toBe(
      true,
    );
    expect(evaluate(rule, { discount: 5, region: 'east', note: 'vip', reason: '' })).toBe(false);
  });

  it('stands a single condition alone, treats no condition as always, and leaves other rules to JSON', () => {
    expect(
      groupToLogic({ combinator: 'or', conditions: [{ field: 'a', op: '==', value: 1 }] }),
    ).toEqual({
      '==': [{ var: 'a' }, 1],
    });
    expect(groupToLogic({ combinator: 'and', conditions: [] })).toBe(true);
    expect(logicToGroup({ '>': [{ '+': [{ var: 'a' }, 1] }, 2] })).toBeNull();
    expect(logicToGroup({ and: [{ or: [{ var: 'a' }] }] })).toBeNull();
    expect(logicToGroup(undefined)).toEqual({ combinator: 'and', conditions: [] });
  });
});

describe('publish errors by place', () => {
  it('puts flow errors on their nodes and edges and form errors on their fields', () => {
    const index = indexErrors([
      {
        code: 'missing_assignee',
        message: 'm',
        path: '/nodes/1/settings/assignees',
        nodeId: 'manager',
      },
      { code: 'invalid_rule', message: 'm', path: '/edges/2', nodeId: 'branch', edgeId: 'e2' },
      { code: 'unknown_field', message: 'm', path: '/flow/nodes/3', nodeId: 'set' },
      {
        code: 'invalid_rule',
        message: 'm',
        path: '/definition/schema/properties/total/x-computed',
      },
      { code: 'layout_mismatch', message: 'm', path: '/layout' },
      { code: 'no_start', message: 'm', path: '/flow/nodes' },
    ]);
    expect([...index.nodes.keys()]).toEqual(['manager', 'set']);
    expect([...index.edges.keys()]).toEqual(['e2']);
    expect([...index.fields.keys()]).toEqual(['total']);
    expect(index.form.map((e) => e.code)).toEqual(['layout_mismatch']);
    expect(index.flow.map((e) => e.code)).toEqual(['no_start']);
  });
});

describe('version differences', () => {
  const form = (extra: boolean): FormDefinition => ({
    key: 'leave',
    name: t('Leave'),
    schema: {
      type: 'object',
      properties: {
        days: { type: 'number', 'x-widget': 'number', 'x-label': t('Days') },
        ...(extra
          ? { note: { type: 'string' as const, 'x-widget': 'text' as const, 'x-label': t('Note') } }
          : {}),
      },
    },
    layout: extra ? ['days', 'note'] : ['days'],
  });

  it('lists nodes, edges, fields and settings added, removed and changed, ignoring moves', () => {
    let v1 = starterFlow('leave', t('Leave'), { start: t('Start'), end: t('End') });
    v1 = addNode(v1, newNode('approval', 'manager', t('Manager'), { x: 0, y: 100 }));
    v1 = connect(connect(v1, 'start', 'manager'), 'manager', 'end');
    let v2: FlowDefinition = {
      ...v1,
      withdrawPolicy: 'always' as const,
      nodes: v1.nodes
        .filter((n) => n.id !== 'manager')
        .map((n) => (n.id === 'end' ? { ...n, position: { x: 500, y: 500 }, name: t('Done') } : n)),
      edges: [],
    };
    v2 = addNode(v2, newNode('fill', 'hr', t('HR'), { x: 0, y: 100 }));
    v2 = connect(connect(v2, 'start', 'hr'), 'hr', 'end');
    const diff = diffVersions(
      { definition: form(false), flow: v1 },
      { definition: form(true), flow: v2 },
    );
    expect(diff.nodes).toEqual([
      { kind: 'changed', id: 'end', parts: ['name'] },
      { kind: 'added', id: 'hr', parts: [] },
      { kind: 'removed', id: 'manager', parts: [] },
    ]);
    expect(diff.edges.map((c) => c.kind).sort()).toEqual(['added', 'added', 'removed', 'removed']);
    expect(diff.fields).toEqual([{ kind: 'added', id: 'note', parts: [] }]);
    expect(diff.settings.map((c) => c.id)).toEqual(['flow.withdrawPolicy', 'form.layout']);

    const merged = mergedFlow(v1, v2, diff);
    expect(merged.flow?.nodes.map((n) => n.id)).toEqual(['start', 'end', 'hr', 'manager']);
    expect(merged.nodeKinds.get('manager')).toBe('removed');
  });
});
