import { InvalidFormError, prepareForm, type FieldError } from '../src';
import { quoteForm } from './fixtures/quote.form';

const quote = prepareForm(quoteForm);

const baseInput = {
  customer: 'ACME',
  items: [
    { product: 'Widget', quantity: 3, unit_price: 19.99, discount_pct: 10 },
    { product: 'Gadget', quantity: 1, unit_price: 100 },
  ],
  discount_pct: 5,
};

const codesOf = (errors: FieldError[]) => errors.map((e) => `${e.keyword} ${e.instancePath}`);

describe('prepareForm', () => {
  it('compiles once per form object', () => {
    expect(prepareForm(quoteForm)).toBe(quote);
  });

  it('refuses a form that does not validate', () => {
    const broken = { ...quoteForm, layout: [] };
    expect(() => prepareForm(broken)).toThrow(InvalidFormError);
  });
});

describe('evaluate: computed fields', () => {
  it('computes row subtotals, then the total, overriding what the client sent', () => {
    const input = {
      ...baseInput,
      total: 1,
      items: baseInput.items.map((row) => ({ ...row, subtotal: 0 })),
    };
    const result = quote.evaluate(input);
    expect(result.errors).toEqual([]);
    const items = result.data.items as { subtotal: number }[];
    expect(items.map((row) => row.subtotal)).toEqual([53.97, 100]);
    expect(result.data.total).toBe(146.27);
  });

  it('does not change the input', () => {
    const input = structuredClone(baseInput);
    quote.evaluate(input);
    expect(input).toEqual(baseInput);
  });

  it('leaves a computed field empty when its rule yields nothing storable', () => {
    const result = quote.evaluate({ customer: 'ACME', items: [{ product: 'x', quantity: 1 }] });
    expect(codesOf(result.errors)).toEqual(['required /items/0/unit_price', 'check /total']);
  });
});

describe('evaluate: visibility and conditional requirements', () => {
  const cases: {
    description: string;
    discount: number;
    reason?: string;
    visible: boolean;
    errors: string[];
  }[] = [
    { description: 'a small discount hides the reason', discount: 5, visible: false, errors: [] },
    {
      description: 'a small discount drops a reason sent anyway',
      discount: 10,
      reason: 'x',
      visible: false,
      errors: [],
    },
    {
      description: 'a large discount requires the reason',
      discount: 15,
      visible: true,
      errors: ['required /reason'],
    },
    {
      description: 'a blank reason counts as missing',
      discount: 15,
      reason: '  ',
      visible: true,
      errors: ['required /reason'],
    },
    {
      description: 'a large discount with a reason passes',
      discount: 15,
      reason: 'loyal customer',
      visible: true,
      errors: [],
    },
  ];

  it.each(cases.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    const input = {
      ...baseInput,
      discount_pct: c.discount,
      ...(c.reason === undefined ? {} : { reason: c.reason }),
    };
    const result = quote.evaluate(input);
    expect(result.visibility.reason).toBe(c.visible);
    expect(result.required.reason).toBe(c.visible);
    expect('reason' in result.data).toBe(c.visible && c.reason !== undefined);
    expect(codesOf(result.errors)).toEqual(c.errors);
  });

  it('names the missing field in a human message and keys row fields by path', () => {
    const result = quote.evaluate({ ...baseInput, discount_pct: 20 });
    expect(result.errors).toEqual([
      {
        instancePath: '/reason',
        keyword: 'required',
        message: 'Discount reason is required',
        params: { missingProperty: 'reason' },
      },
    ]);
    expect(result.visibility['items.1.subtotal']).toBe(true);
    expect(result.required['items.0.product']).toBe(true);
    expect(result.required['items.0.discount_pct']).toBe(false);
  });
});

describe('evaluate: read-only fields', () => {
  it('drops a read-only field sent by a submitter', () => {
    const result = quote.evaluate({ ...baseInput, status: 'approved' });
    expect(result.errors).toEqual([]);
    expect(result.data.status).toBeUndefined();
  });

  it('keeps it for the host, and still validates it', () => {
    expect(
      quote.evaluate({ ...baseInput, status: 'approved' }, { allowReadonly: true }).data.status,
    ).toBe('approved');
    const wrong = quote.evaluate({ ...baseInput, status: 'won' }, { allowReadonly: true });
    expect(codesOf(wrong.errors)).toEqual(['enum /status']);
  });
});

describe('evaluate: types, ranges and checks', () => {
  it('reports ajv errors at the row field, with the label in the message', () => {
    const result = quote.evaluate({
      ...baseInput,
      items: [{ product: 'x', quantity: 0, unit_price: 'ten' }],
    });
    expect(codesOf(result.errors)).toEqual(
      expect.arrayContaining(['minimum /items/0/quantity', 'type /items/0/unit_price']),
    );
    const quantity = result.errors.find((e) => e.instancePath === '/items/0/quantity');
    expect(quantity?.message).toBe('Quantity must be >= 1');
  });

  it('runs submit checks with both languages', () => {
    const result = quote.evaluate({
      ...baseInput,
      items: [{ product: 'free', quantity: 1, unit_price: 0 }],
    });
    expect(result.errors).toEqual([
      {
        instancePath: '/total',
        keyword: 'check',
        message: 'The total must be above 0',
        params: { checkId: 'total_positive', messageZh: '总价必须大于 0' },
      },
    ]);
  });

  it('requires at least one item row', () => {
    const result = quote.evaluate({ customer: 'ACME', items: [] });
    expect(codesOf(result.errors)).toEqual(expect.arrayContaining(['required /items']));
  });
});

describe('evaluate: hostile input never throws', () => {
  const hostile: { description: string; input: unknown; expected: string[] }[] = [
    { description: 'null', input: null, expected: ['type '] },
    { description: 'an array', input: [baseInput], expected: ['type '] },
    { description: 'a string', input: 'ACME', expected: ['type '] },
    { description: 'a class instance', input: new Date(0), expected: ['type '] },
    {
      description: 'a __proto__ key',
      input: JSON.parse('{"customer":"x","__proto__":{"admin":true}}') as unknown,
      expected: ['forbiddenProperty /__proto__'],
    },
    {
      description: 'a constructor key inside a row',
      input: {
        ...baseInput,
        items: [{ product: 'x', quantity: 1, unit_price: 1, constructor: 'x' }],
      },
      expected: ['forbiddenProperty /items/0/constructor'],
    },
    {
      description: 'an unknown key',
      input: { ...baseInput, ownerId: 'u1' },
      expected: ['additionalProperties '],
    },
    {
      description: 'an unknown key in a row',
      input: { ...baseInput, items: [{ product: 'x', quantity: 1, unit_price: 1, cost: 1 }] },
      expected: ['additionalProperties /items/0'],
    },
    {
      description: 'a row that is not an object',
      input: { ...baseInput, items: ['row'] },
      expected: [
        'type /items/0',
        'required /items/0/product',
        'required /items/0/quantity',
        'required /items/0/unit_price',
        'check /total',
      ],
    },
    {
      description: 'items that are not a list',
      input: { ...baseInput, items: 'many' },
      expected: ['type /items', 'check /total'],
    },
    {
      description: 'deep nesting',
      input: { ...baseInput, customer: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown },
      expected: [
        'maxDepth /customer/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0',
      ],
    },
    {
      description: 'a NUL and a lone surrogate',
      input: { ...baseInput, customer: 'a\u0000\ud800' },
      expected: [],
    },
  ];

  it.each(hostile.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    const result = quote.evaluate(c.input);
    expect(codesOf(result.errors)).toEqual(c.expected);
  });
});
