import {
  fieldDefaults,
  linkCopyValue,
  missingDefaults,
  validateApp,
  type AppDefinition,
  type FieldSchema,
  type FormDefinition,
  type JsonValue,
} from '../src';

const label = { zh: 'x', en: 'x' };
const text: FieldSchema = { type: 'string', maxLength: 100, 'x-widget': 'text', 'x-label': label };
const num: FieldSchema = { type: 'number', 'x-widget': 'number', 'x-label': label };

function lines(columns: Record<string, FieldSchema>): FieldSchema {
  return {
    type: 'array',
    'x-widget': 'subform',
    'x-label': label,
    items: { type: 'object', additionalProperties: false, properties: columns },
  } as FieldSchema;
}

const quoteLines = lines({ product: text, qty: num, note: text });
const contractLines = lines({
  product: text,
  qty: num,
  total: { ...num, 'x-computed': { '*': [{ var: 'qty' }, 2] } },
});

function form(key: string, properties: Record<string, FieldSchema>): FormDefinition {
  return {
    key,
    name: label,
    schema: { type: 'object', additionalProperties: false, properties },
    layout: Object.keys(properties),
  };
}

describe('linked-record copies into a sub-form', () => {
  it('keeps the columns the target stores, by name; computed and unknown ones are left out', () => {
    const rows: JsonValue = [
      { product: 'A', qty: 2, note: 'gift', total: 99 },
      { product: 'B', qty: null },
    ];
    expect(linkCopyValue(contractLines, rows)).toEqual([
      { product: 'A', qty: 2 },
      { product: 'B' },
    ]);
    expect(linkCopyValue(contractLines, 'not rows')).toEqual([]);
    expect(linkCopyValue(text, 'plain')).toBe('plain');
    expect(linkCopyValue(text, undefined)).toBeNull();
  });

  it('is valid between sub-forms with columns in common, refused from a plain field', () => {
    const app = (copyFrom: string): AppDefinition => ({
      key: 'a',
      name: label,
      forms: [
        { form: form('quote', { title: text, items: quoteLines }) },
        {
          form: form('contract', {
            quote: {
              type: 'string',
              format: 'uuid',
              maxLength: 36,
              'x-widget': 'linked_record',
              'x-label': label,
              'x-link': { form: 'quote', display: 'title', copy: { lines: copyFrom } },
            },
            lines: contractLines,
          }),
        },
      ],
    });
    expect(validateApp(app('items'))).toEqual([]);
    const refused = validateApp(app('title'));
    expect(refused.map((e) => e.code)).toContain('schema_invalid');
    expect(refused.map((e) => e.path).join()).toContain('/x-link/copy/lines');
  });
});

describe('field defaults', () => {
  const f = form('lead', {
    pool: { ...text, default: 'pool' },
    status: { ...text, default: 'new', 'x-readonly': true },
    score: { ...num, 'x-computed': 1, default: 5 } as FieldSchema,
    name: text,
  });

  it('lists the stored fields with a default and fills only what is missing', () => {
    expect(fieldDefaults(f)).toEqual({ pool: 'pool', status: 'new' });
    expect(missingDefaults(f, { pool: 'assigned', status: null })).toEqual({ status: 'new' });
  });
});
