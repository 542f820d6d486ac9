import { layoutPlaces, prepareForm, type FormDefinition } from '../src';

const label = (en: string) => ({ zh: en, en });

// Two tabs; the second holds a section. The section shows only for big amounts, the second
// tab only for companies: what they hold follows them, in the browser and on the server.
const form: FormDefinition = {
  key: 'layout_visibility',
  name: label('Layout'),
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'approver_note'],
    properties: {
      name: { type: 'string', 'x-widget': 'text', 'x-label': label('Name') },
      basics: { type: 'null', 'x-widget': 'tab', 'x-label': label('Basics') },
      kind: {
        type: 'string',
        enum: ['person', 'company'],
        'x-widget': 'select',
        'x-label': label('Kind'),
      },
      amount: { type: 'number', 'x-widget': 'number', 'x-label': label('Amount') },
      company: {
        type: 'null',
        'x-widget': 'tab',
        'x-label': label('Company'),
        'x-visible': { '==': [{ var: 'kind' }, 'company'] },
      },
      tax_id: { type: 'string', 'x-widget': 'text', 'x-label': label('Tax id') },
      big: {
        type: 'null',
        'x-widget': 'section',
        'x-label': label('Big deals'),
        'x-visible': { '>': [{ var: 'amount' }, 1000] },
      },
      approver_note: { type: 'string', 'x-widget': 'textarea', 'x-label': label('Note') },
    },
  },
  layout: ['name', 'basics', 'kind', 'amount', 'company', 'tax_id', 'big', 'approver_note'],
};

describe('tabs and sections', () => {
  it('place every field under its tab and section', () => {
    expect(Object.fromEntries(layoutPlaces(form))).toEqual({
      name: { tab: null, section: null },
      basics: { tab: null, section: null },
      kind: { tab: 'basics', section: null },
      amount: { tab: 'basics', section: null },
      company: { tab: null, section: null },
      tax_id: { tab: 'company', section: null },
      big: { tab: 'company', section: null },
      approver_note: { tab: 'company', section: 'big' },
    });
  });

  const prepared = prepareForm(form);
  const cases: {
    what: string;
    input: Record<string, unknown>;
    visible: Record<string, boolean>;
    stored: string[];
    missing: string[];
  }[] = [
    {
      what: 'a person: the company tab and all it holds are hidden, never required nor stored',
      input: { name: 'A', kind: 'person', amount: 5000, tax_id: 'T1', approver_note: 'n' },
      visible: { tax_id: false, big: false, approver_note: false, kind: true },
      stored: ['amount', 'kind', 'name'],
      missing: [],
    },
    {
      what: 'a small company: the tab shows, its big-deal section does not',
      input: { name: 'A', kind: 'company', amount: 10, tax_id: 'T1', approver_note: 'n' },
      visible: { tax_id: true, big: false, approver_note: false },
      stored: ['amount', 'kind', 'name', 'tax_id'],
      missing: [],
    },
    {
      what: 'a big company: the section shows and its required field is required',
      input: { name: 'A', kind: 'company', amount: 5000 },
      visible: { tax_id: true, big: true, approver_note: true },
      stored: ['amount', 'kind', 'name'],
      missing: ['/approver_note'],
    },
  ];
  it.each(cases)('$what', ({ input, visible, stored, missing }) => {
    const result = prepared.evaluate(input);
    for (const [key, shown] of Object.entries(visible))
      expect([key, result.visibility[key]]).toEqual([key, shown]);
    expect(Object.keys(result.data).sort()).toEqual(stored);
    expect(
      result.errors.filter((e) => e.keyword === 'required').map((e) => e.instancePath),
    ).toEqual(missing);
  });
});
