import type { DashboardDefinition, FormDefinition, TemplateAutomation } from '@liuyun/definitions';
import { mergeTemplate } from '../src/modules/templates/template-merge';
import type { TemplateContent } from '../src/modules/templates/template-content';

// The three-way merge itself, unit by unit: forms by field, automations and dashboards by key.
const form = (labels: Record<string, string>): FormDefinition => ({
  key: 'deal',
  name: { zh: '交易', en: 'Deal' },
  schema: {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(labels).map(([k, en]) => [
        k,
        { type: 'string', 'x-widget': 'text', 'x-label': { zh: en, en } },
      ]),
    ) as FormDefinition['schema']['properties'],
  },
  layout: Object.keys(labels),
});

const automation = (key: string, enabled = true): TemplateAutomation => ({
  key,
  name: { zh: key, en: key },
  enabled,
  trigger: { kind: 'manual', form: 'deal' },
  flow: { nodes: [] },
});

const dashboard = (key: string, title: string): DashboardDefinition =>
  ({ key, name: { zh: title, en: title }, charts: [] }) as unknown as DashboardDefinition;

const content = (
  f: FormDefinition,
  automations: TemplateAutomation[] = [],
  dashboards: DashboardDefinition[] = [],
): TemplateContent => ({ forms: [{ form: f, flow: null }], automations, dashboards });

it('keeps a field the admin added and places a field the template added after its neighbour', () => {
  const base = content(form({ a: 'A', b: 'B' }));
  const theirs = content(form({ a: 'A', n: 'New', b: 'B' }));
  const ours = content(form({ a: 'A', b: 'B', mine: 'Mine' }));
  const { merged, changes, unresolved } = mergeTemplate(base, theirs, ours);
  expect(merged.forms[0]!.form.layout).toEqual(['a', 'n', 'b', 'mine']);
  expect(changes.map((c) => [c.id, c.upstream, c.outcome])).toEqual([
    ['field:deal/n', 'added', 'apply'],
  ]);
  expect(unresolved).toEqual([]);
});

it('merges automations by key: removed upstream but edited here is a conflict; untouched removal applies', () => {
  const base = content(form({ a: 'A' }), [automation('x'), automation('y')]);
  const theirs = content(form({ a: 'A' }), []);
  const ours = content(form({ a: 'A' }), [automation('x', false), automation('y')]);
  const result = mergeTemplate(base, theirs, ours);
  expect(result.changes.map((c) => [c.id, c.upstream, c.local, c.outcome])).toEqual([
    ['automation:x', 'removed', 'changed', 'conflict'],
    ['automation:y', 'removed', 'unchanged', 'apply'],
  ]);
  expect(result.merged.automations.map((a) => a.key)).toEqual(['x']);
  const theirsChosen = mergeTemplate(base, theirs, ours, { 'automation:x': 'theirs' });
  expect(theirsChosen.unresolved).toEqual([]);
  expect(theirsChosen.merged.automations).toEqual([]);
});

it('adds a dashboard the template added and reports both sides changing one alike as the same', () => {
  const base = content(form({ a: 'A' }), [], [dashboard('d1', 'One')]);
  const theirs = content(form({ a: 'A2' }), [], [dashboard('d1', 'One'), dashboard('d2', 'Two')]);
  const ours = content(form({ a: 'A2' }), [], [dashboard('d1', 'Mine')]);
  const { merged, changes } = mergeTemplate(base, theirs, ours);
  expect(merged.dashboards.map((d) => [d.key, d.name.en])).toEqual([
    ['d1', 'Mine'],
    ['d2', 'Two'],
  ]);
  expect(changes.map((c) => [c.id, c.outcome])).toEqual([
    ['field:deal/a', 'same'],
    ['dashboard:d2', 'apply'],
  ]);
});

it('treats every difference as a conflict when the installed version is unknown', () => {
  const theirs = content(form({ a: 'A2', b: 'B' }));
  const ours = content(form({ a: 'Mine', b: 'B' }));
  const { changes, unresolved, merged } = mergeTemplate(null, theirs, ours);
  expect(changes.map((c) => [c.id, c.upstream, c.local, c.outcome])).toEqual([
    ['field:deal/a', 'unknown', 'unknown', 'conflict'],
  ]);
  expect(unresolved).toEqual(['field:deal/a']);
  expect(merged.forms[0]!.form.schema.properties.a?.['x-label']).toEqual({
    zh: 'Mine',
    en: 'Mine',
  });
});

it('keeps a form the new version dropped (its records stay reachable)', () => {
  const other: FormDefinition = { ...form({ z: 'Z' }), key: 'visit' };
  const base: TemplateContent = {
    forms: [
      { form: form({ a: 'A' }), flow: null },
      { form: other, flow: null },
    ],
    automations: [],
    dashboards: [],
  };
  const theirs = content(form({ a: 'A' }));
  const { merged, changes } = mergeTemplate(base, theirs, base);
  expect(merged.forms.map((f) => f.form.key)).toEqual(['deal', 'visit']);
  expect(changes.map((c) => [c.id, c.upstream, c.outcome])).toEqual([
    ['form:visit', 'removed', 'keep'],
  ]);
});
