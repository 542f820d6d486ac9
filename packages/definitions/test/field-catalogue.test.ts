import {
  WIDGET_TYPES,
  WIDGETS,
  fieldDependencies,
  formatSerial,
  prepareForm,
  serialPatternProblem,
  serialPeriod,
  validateForm,
  widgetField,
  type DefinitionErrorCode,
  type FieldSchema,
  type FormDefinition,
} from '../src';
import {
  customerForm,
  everyFieldForm,
  everyFieldSubmission,
  followupForm,
} from './fixtures/every-field.form';

const label = { zh: '字段', en: 'Field' };
const forms = { every_field: everyFieldForm, customer: customerForm, followup: followupForm };

function withField(key: string, field: FieldSchema, extra: Partial<FormDefinition> = {}) {
  const form = structuredClone(everyFieldForm);
  form.schema.properties[key] = field;
  if (!form.layout.includes(key)) form.layout.push(key);
  return { ...form, ...extra };
}

function codes(form: unknown, withForms = false): DefinitionErrorCode[] {
  return [...new Set(validateForm(form, withForms ? { forms } : {}).map((e) => e.code))].sort();
}

describe('the field catalogue', () => {
  it('has one catalogue entry per widget, and the every-field form uses them all', () => {
    expect(Object.keys(WIDGETS).sort()).toEqual([...WIDGET_TYPES].sort());
    const used = new Set(Object.values(everyFieldForm.schema.properties).map((f) => f['x-widget']));
    expect([...used].sort()).toEqual([...WIDGET_TYPES].sort());
  });

  it('publishes a form with every widget, checked against the forms it links to', () => {
    expect(validateForm(everyFieldForm, { forms })).toEqual([]);
    expect(validateForm(followupForm, { forms })).toEqual([]);
  });

  it('accepts a valid submission, computes formulas and never stores display-only fields', () => {
    const result = prepareForm(everyFieldForm).evaluate({
      ...everyFieldSubmission,
      help: null,
      number: 'EF-forged',
      total: 1,
    });
    expect(result.errors).toEqual([]);
    expect(result.data.total).toBe(200.5);
    expect(result.data.big_total).toBe(150.5);
    // 2025-03-14 is a Friday: two working days before is Wednesday.
    expect(result.data.reminder).toBe('2025-03-12');
    for (const key of ['help', 'basics', 'more', 'history', 'number'])
      expect(result.data).not.toHaveProperty(key);
  });

  it('counts working days on the calendar it is given (holidays, make-up days)', () => {
    const result = prepareForm(everyFieldForm).evaluate(everyFieldSubmission, {
      calendar: { holidays: ['2025-03-12'], makeupDays: [] },
    });
    expect(result.data.reminder).toBe('2025-03-11');
  });

  const badValues: [string, Record<string, unknown>, string][] = [
    ['a checkbox value outside its options', { tags: ['gold'] }, '/tags/0'],
    ['a checkbox value twice', { tags: ['vip', 'vip'] }, '/tags'],
    ['too many checkbox values', { tags: ['vip', 'new', 'risk', 'vip'] }, '/tags'],
    ['a member that is not an id', { owner: 'rep1' }, '/owner'],
    ['a department list where one id is expected', { team: ['x'] }, '/team'],
    [
      'watchers beyond the limit',
      { watchers: Array.from({ length: 6 }, (_, i) => `${i}2222222-2222-4222-8222-222222222222`) },
      '/watchers',
    ],
    ['an address with an unknown part', { address: { province: 'x', street: 'y' } }, '/address'],
    ['a latitude out of range', { place: { lat: 91, lng: 0 } }, '/place/lat'],
    ['a location without longitude', { place: { lat: 1 } }, '/place'],
    [
      'a file without its size',
      { files: [{ id: '55555555-5555-4555-8555-555555555555', name: 'a', type: 'text/plain' }] },
      '/files/0',
    ],
    ['a signature that is text', { signature: 'data:image/png;base64,xx' }, '/signature'],
    ['a linked record that is not an id', { customer: 'ACME' }, '/customer'],
    ['no item rows (minItems)', { items: [] }, '/items'],
    [
      'too many item rows (maxItems)',
      { items: Array.from({ length: 6 }, () => ({ product: 'x' })) },
      '/items',
    ],
    ['a date that does not exist', { due: '2025-02-30' }, '/due'],
    ['a title the submit check refuses', { title: 'TEST order' }, '/title'],
  ];

  it.each(badValues)('refuses %s', (_name, change, path) => {
    const result = prepareForm(everyFieldForm).evaluate({ ...everyFieldSubmission, ...change });
    expect(result.errors.map((e) => e.instancePath)).toContain(path);
  });
});

describe('publish-time checks of fields', () => {
  const cases: [string, FormDefinition, DefinitionErrorCode[], boolean?][] = [
    [
      'a date field without its format',
      withField('x', { ...widgetField('date', label), format: undefined } as FieldSchema),
      ['schema_invalid'],
    ],
    [
      'a checkbox without options',
      withField('x', widgetField('checkbox', label)),
      ['schema_invalid'],
    ],
    [
      'a member field of type number',
      withField('x', { ...widgetField('member', label), type: 'number' } as FieldSchema),
      ['schema_invalid'],
    ],
    [
      'an address with a made-up shape',
      withField('x', {
        ...widgetField('address', label),
        properties: { street: { type: 'string' } },
      }),
      ['schema_invalid'],
    ],
    [
      'a linked record without x-link',
      withField('x', widgetField('linked_record', label)),
      ['schema_invalid'],
    ],
    [
      'x-link on a text field',
      withField(
        'x',
        widgetField('text', label, { 'x-link': { form: 'customer', display: 'name' } }),
      ),
      ['schema_invalid'],
    ],
    [
      'a description without content',
      withField('x', widgetField('description', label)),
      ['schema_invalid'],
    ],
    [
      'a required-when on a section',
      withField('x', widgetField('section', label, { 'x-required-when': true })),
      ['schema_invalid'],
    ],
    [
      'a serial pattern without a sequence',
      withField('x', widgetField('serial', label, { 'x-serial': { pattern: 'HT-{YYYY}' } })),
      ['schema_invalid'],
    ],
    [
      'a monthly serial without the month',
      withField(
        'x',
        widgetField('serial', label, {
          'x-serial': { pattern: 'HT-{YYYY}-{seq:3}', reset: 'monthly' },
        }),
      ),
      ['schema_invalid'],
    ],
    ['a formula without a rule', withField('x', widgetField('formula', label)), ['schema_invalid']],
    [
      'a date operator on a number field',
      withField(
        'x',
        widgetField('formula', label, {
          'x-computed': { date_add: [{ var: 'quantity' }, 1, 'day'] },
        }),
      ),
      ['type_mismatch'],
    ],
    [
      'an aggregate over a text field',
      withField(
        'x',
        widgetField('formula', label, {
          type: 'number',
          'x-computed': { sum: [{ var: 'title' }, 'a'] },
        }),
      ),
      ['type_mismatch'],
    ],
    [
      'arithmetic on an address',
      withField(
        'x',
        widgetField('formula', label, {
          type: 'number',
          'x-computed': { '*': [{ var: 'address' }, 2] },
        }),
      ),
      ['type_mismatch'],
    ],
    [
      'a rule reading a description',
      withField('x', widgetField('text', label, { 'x-visible': { '!!': { var: 'help' } } })),
      ['type_mismatch'],
    ],
    [
      'an unsafe-looking regex that RE2 cannot compile',
      withField(
        'x',
        widgetField('text', label, { 'x-visible': { regex_test: [{ var: 'title' }, '(a+)+\\1'] } }),
      ),
      ['invalid_rule'],
    ],
    [
      'visibility and a computed value in a circle',
      withField(
        'x',
        widgetField('formula', label, {
          type: 'number',
          'x-computed': { '+': [{ var: 'quantity' }, 1] },
        }),
        {},
      ),
      [],
    ],
    [
      'a copy into a field that does not exist',
      withField(
        'customer',
        widgetField('linked_record', label, {
          'x-link': { form: 'customer', display: 'name', copy: { nowhere: 'phone' } },
        }),
      ),
      ['unknown_field'],
    ],
    [
      'a link to a form the app does not have',
      withField(
        'customer',
        widgetField('linked_record', label, { 'x-link': { form: 'supplier', display: 'name' } }),
      ),
      ['unknown_form'],
      true,
    ],
    [
      'an option list from an unknown field',
      withField(
        'x',
        widgetField('select', label, { 'x-options-from': { form: 'customer', field: 'nope' } }),
      ),
      ['unknown_field'],
      true,
    ],
    [
      'a related list over a field that is no link to this form',
      withField(
        'history',
        widgetField('related_list', label, {
          'x-related': { form: 'followup', field: 'summary', columns: ['summary'] },
        }),
      ),
      ['schema_invalid'],
      true,
    ],
  ];

  // Rest parameters: jest would read a fourth named parameter as a `done` callback.
  it.each(cases)('%s', (...[, form, expected, withForms]) => {
    expect(codes(form, withForms === true)).toEqual(expected);
  });

  it('refuses fields that depend on each other in a circle, whatever the rule kinds', () => {
    const form = structuredClone(everyFieldForm);
    form.schema.properties.notes = {
      ...form.schema.properties.notes!,
      'x-visible': { '!!': { var: 'level' } },
    };
    form.schema.properties.level = {
      ...form.schema.properties.level!,
      'x-default': { if: [{ var: 'notes' }, 'a', 'b'] },
    };
    const errors = validateForm(form);
    expect(errors.map((e) => e.code)).toEqual(['dependency_cycle']);
    expect(errors[0]?.message).toMatch(/notes → level → notes|level → notes → level/);
    expect(fieldDependencies(form)).toEqual(
      expect.arrayContaining([
        { from: 'level', to: 'notes', via: 'x-visible' },
        { from: 'title', to: 'segment', via: 'x-linkage' },
        { from: 'customer', to: 'customer_phone', via: 'x-link' },
        { from: 'items', to: 'total', via: 'x-computed' },
      ]),
    );
  });
});

describe('serial numbers', () => {
  it('formats the pattern with the date and the zero-padded sequence', () => {
    const spec = { pattern: 'HT-{YYYY}{MM}{DD}-{seq:4}', reset: 'daily' as const };
    expect(formatSerial(spec, '2025-03-07', 12)).toBe('HT-20250307-0012');
    expect(formatSerial({ pattern: '{YY}/{seq:2}' }, '2025-03-07', 123)).toBe('25/123');
    expect(serialPeriod(spec, '2025-03-07')).toBe('2025-03-07');
    expect(serialPeriod({ ...spec, reset: 'monthly' }, '2025-03-07')).toBe('2025-03');
    expect(serialPeriod({ ...spec, reset: 'yearly' }, '2025-03-07')).toBe('2025');
    expect(serialPeriod({ pattern: '{seq:3}' }, '2025-03-07')).toBe('');
  });

  it.each([
    [{ pattern: 'A-{seq:3}' }, null],
    [{ pattern: 'A-{seq:3}-{seq:2}' }, /exactly one/],
    [{ pattern: 'A-{seq:0}' }, /1 to 12/],
    [{ pattern: 'A-{YYYY}-{seq:3}', reset: 'yearly' as const }, null],
    [{ pattern: 'A-{seq:3}', reset: 'yearly' as const }, /yearly/],
    [{ pattern: 'A-{HH}-{seq:3}' }, /unknown token/],
  ])('checks the pattern %j', (spec, problem) => {
    const found = serialPatternProblem(spec);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
