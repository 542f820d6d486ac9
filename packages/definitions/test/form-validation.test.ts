import { subFormRowsOf, validateForm } from '../src';
import { invalidFormCases } from './cases/invalid-forms.cases';
import { quoteForm } from './fixtures/quote.form';

describe('validateForm: the invalid-form corpus', () => {
  it.each(invalidFormCases.map((c) => [c.description, c] as const))(
    '%s',
    (_description, testCase) => {
      const errors = validateForm(testCase.form);
      expect([...new Set(errors.map((error) => error.code))].sort()).toEqual(
        [...testCase.expected].sort(),
      );
    },
  );
});

describe('validateForm', () => {
  it('accepts the quote form', () => {
    expect(validateForm(quoteForm)).toEqual([]);
  });

  it('explains why a pattern is refused, pointing at it', () => {
    const form = structuredClone(quoteForm);
    Object.assign(form.schema.properties.customer as object, { pattern: '^(a+)+$' });
    expect(validateForm(form)).toEqual([
      expect.objectContaining({
        code: 'schema_invalid',
        path: '/schema/properties/customer/pattern',
        message: expect.stringContaining('not allowed') as unknown,
      }),
    ]);
  });

  it('locates a rule error inside a sub-form row', () => {
    const form = structuredClone(quoteForm);
    const subtotal = subFormRowsOf(form.schema.properties.items)?.properties.subtotal;
    Object.assign(subtotal as object, { 'x-computed': { '*': [{ var: 'qty' }, 2] } });
    expect(validateForm(form)).toEqual([
      expect.objectContaining({
        code: 'unknown_field',
        field: 'subtotal',
        path: '/schema/properties/items/items/properties/subtotal/x-computed/*/0/var',
      }),
    ]);
  });

  it('refuses a 5,000-deep schema quickly (S4)', () => {
    let deep: unknown = { type: 'string', 'x-widget': 'text', 'x-label': { zh: 'a', en: 'a' } };
    for (let i = 0; i < 5000; i += 1)
      deep = {
        type: 'object',
        'x-widget': 'text',
        'x-label': { zh: 'a', en: 'a' },
        properties: { a: deep },
      };
    const form = {
      ...structuredClone(quoteForm),
      schema: { type: 'object', properties: { a: deep } },
      layout: ['a'],
    };
    validateForm(quoteForm); // compiles the form meta-schema once, outside the timing
    const started = performance.now();
    const errors = validateForm(form);
    expect(performance.now() - started).toBeLessThan(50);
    expect(errors.map((e) => e.code)).toEqual(['schema_invalid']);
  });
});
