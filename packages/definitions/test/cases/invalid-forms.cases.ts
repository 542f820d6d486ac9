import type { DefinitionErrorCode, FormDefinition } from '../../src';
import { quoteForm } from '../fixtures/quote.form';

export interface FormCase {
  description: string;
  form: FormDefinition | unknown;
  expected: DefinitionErrorCode[];
}

type Props = FormDefinition['schema']['properties'];

/** A fresh copy of the quote form with a change applied. */
function quoteWith(change: (form: FormDefinition, props: Props) => void): FormDefinition {
  const form = structuredClone(quoteForm);
  change(form, form.schema.properties);
  return form;
}

function rowsOf(props: Props): Props {
  const rows = props.items?.items?.properties;
  if (!rows) throw new Error('the quote form has item rows');
  return rows;
}

const label = { zh: '字段', en: 'Field' };

export const invalidFormCases: FormCase[] = [
  { description: 'undefined is not a form', form: undefined, expected: ['schema_invalid'] },
  { description: 'a number is not a form', form: 42, expected: ['schema_invalid'] },
  {
    description: 'a field with a user regex (pattern)',
    form: quoteWith((_f, p) => Object.assign(p.customer as object, { pattern: '^(a+)+$' })),
    expected: ['schema_invalid'],
  },
  {
    description: 'a field with $ref',
    form: quoteWith((_f, p) => Object.assign(p.customer as object, { $ref: '#' })),
    expected: ['schema_invalid'],
  },
  {
    description: 'a field with $data',
    form: quoteWith((_f, p) =>
      Object.assign(p.customer as object, { maxLength: { $data: '1/total' } }),
    ),
    expected: ['schema_invalid'],
  },
  {
    description: 'a field with $dynamicRef',
    form: quoteWith((_f, p) => Object.assign(p.customer as object, { $dynamicRef: '#meta' })),
    expected: ['schema_invalid'],
  },
  {
    description: 'a field named __proto__',
    form: quoteWith((f, p) => {
      Object.defineProperty(p, '__proto__', {
        value: { type: 'string', 'x-widget': 'text', 'x-label': label },
        enumerable: true,
      });
      f.layout.push('__proto__');
    }),
    expected: ['schema_invalid'],
  },
  {
    description: 'a sub-form inside a sub-form row',
    form: quoteWith((_f, p) => {
      rowsOf(p).parts = {
        type: 'array',
        'x-widget': 'subform',
        'x-label': label,
        items: {
          type: 'object',
          properties: { name: { type: 'string', 'x-widget': 'text', 'x-label': label } },
        },
      };
    }),
    expected: ['schema_invalid'],
  },
  {
    description: 'a 5,000-deep default value',
    form: quoteWith((_f, p) => {
      let deep: unknown = 1;
      for (let i = 0; i < 5000; i += 1) deep = [deep];
      Object.assign(p.customer as object, { default: deep });
    }),
    expected: ['schema_invalid'],
  },
  {
    description: 'a label far too long',
    form: quoteWith((_f, p) =>
      Object.assign(p.customer as object, { 'x-label': { zh: 'x'.repeat(600), en: 'x' } }),
    ),
    expected: ['schema_invalid'],
  },
  {
    description: 'a sub-form without rows',
    form: quoteWith((_f, p) => delete (p.items as { items?: unknown }).items),
    expected: ['schema_invalid'],
  },
  {
    description: 'a select without enum values',
    form: quoteWith((_f, p) => {
      const status = p.status as { enum?: unknown; 'x-enum-labels'?: unknown };
      delete status.enum;
      delete status['x-enum-labels'];
    }),
    expected: ['schema_invalid'],
  },
  {
    description: 'enum labels that do not match the values',
    form: quoteWith((_f, p) => (p.status as { 'x-enum-labels': unknown[] })['x-enum-labels'].pop()),
    expected: ['schema_invalid'],
  },
  {
    description: 'a keyword that does not apply to the type (strict mode)',
    form: quoteWith((_f, p) => Object.assign(p.customer as object, { minimum: 3 })),
    expected: ['schema_invalid'],
  },
  {
    description: 'a field missing from the layout',
    form: quoteWith((f) => f.layout.pop()),
    expected: ['layout_mismatch'],
  },
  {
    description: 'a layout entry that is not a field',
    form: quoteWith((f) => f.layout.push('phone')),
    expected: ['layout_mismatch'],
  },
  {
    description: 'a field twice in the layout',
    form: quoteWith((f) => f.layout.push('customer')),
    expected: ['layout_mismatch'],
  },
  {
    description: 'required names an unknown field',
    form: quoteWith((f) => f.schema.required?.push('phone')),
    expected: ['unknown_field'],
  },
  {
    description: 'a visibility rule on an unknown field',
    form: quoteWith((_f, p) =>
      Object.assign(p.reason as object, { 'x-visible': { '>': [{ var: 'discount' }, 10] } }),
    ),
    expected: ['unknown_field'],
  },
  {
    description: 'a computed rule with an unknown operator',
    form: quoteWith((_f, p) => Object.assign(p.total as object, { 'x-computed': { log: [1] } })),
    expected: ['invalid_rule'],
  },
  {
    description: 'a row rule reading a record field that does not exist',
    form: quoteWith((_f, p) =>
      Object.assign(rowsOf(p).subtotal as object, { 'x-computed': { var: '$record.rate' } }),
    ),
    expected: ['unknown_field'],
  },
  {
    description: 'a row rule reading a top-level field without $record',
    form: quoteWith((_f, p) =>
      Object.assign(rowsOf(p).subtotal as object, { 'x-computed': { var: 'customer' } }),
    ),
    expected: ['unknown_field'],
  },
  {
    description: 'computed fields that depend on each other',
    form: quoteWith((_f, p) => {
      Object.assign(p.discount_pct as object, { 'x-computed': { '/': [{ var: 'total' }, 100] } });
    }),
    expected: ['dependency_cycle'],
  },
  {
    description: 'a check on an unknown field',
    form: quoteWith((f) => f.checks?.push({ id: 'c2', rule: { var: 'margin' }, message: label })),
    expected: ['unknown_field'],
  },
  {
    description: 'two checks with one id',
    form: quoteWith((f) => f.checks?.push({ id: 'total_positive', rule: true, message: label })),
    expected: ['duplicate_id'],
  },
];
