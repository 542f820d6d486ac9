import type { FormDefinition } from '@liuyun/definitions';
import { requestLimitError } from '../src/common/validation/request-limits';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; message: string };
}

let app: TestApp;
let rep1: string;
let admin: string;
let quoteId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  [rep1, admin] = await Promise.all([app.login('rep1'), app.login('admin')]);
  quoteId = await formIdOf(app, rep1, 'quote');
});

afterAll(async () => {
  await app.close();
});

function nested(levels: number): string {
  return `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

describe('S2: bodies over the limits are refused before anything else runs', () => {
  const tooBig: [string, () => string, number, string][] = [
    [
      'a body over 1 MB',
      () => JSON.stringify({ data: { customer_name: 'x'.repeat(1_100_000) } }),
      413,
      'payload_too_large',
    ],
    [
      'a text over 100,000 characters',
      () => JSON.stringify({ data: { customer_name: 'x'.repeat(100_001) } }),
      400,
      'limit_exceeded',
    ],
    [
      'a list over 10,000 items',
      () => JSON.stringify({ data: { items: Array.from({ length: 10_001 }, () => 0) } }),
      400,
      'limit_exceeded',
    ],
    [
      'nesting 65 levels deep',
      () => `{"data":{"customer_name":${nested(65)}}}`,
      400,
      'limit_exceeded',
    ],
    ['nesting 100,000 levels deep', () => `{"data":${nested(100_000)}}`, 400, 'limit_exceeded'],
    [
      'an object of 10,001 keys',
      () =>
        JSON.stringify({
          data: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, 1])),
        }),
      400,
      'limit_exceeded',
    ],
    [
      'a NUL character',
      () => JSON.stringify({ data: { ...quoteData(5), customer_name: 'a\u0000b' } }),
      400,
      'invalid_text',
    ],
    ['a lone surrogate in a key', () => `{"data":{"\\ud800":1}}`, 400, 'invalid_text'],
  ];

  it.each(tooBig)('refuses %s and stores nothing', async (_name, body, status, code) => {
    const before = await countRows(app, 'records');
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      rawBody: body(),
    });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ status, code });
    expect(await countRows(app, 'records')).toBe(before);
  });

  it('checks limits before authentication, routing or any schema', async () => {
    const anonymous = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      rawBody: `{"data":${nested(70)}}`,
    });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.code).toBe('limit_exceeded');
    const noRoute = await app.request<Envelope>('POST', '/api/no-such-route', {
      rawBody: JSON.stringify({ s: 'y'.repeat(100_001) }),
    });
    expect(noRoute.body.error.code).toBe('limit_exceeded');
  });

  it('lets bodies inside the limits through to validation', async () => {
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      rawBody: `{"data":{"customer_name":${nested(60)}}}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('finds the first broken limit without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(requestLimitError(deep)?.code).toBe('limit_exceeded');
    expect(requestLimitError({ ok: ['a', 1, { b: null }] })).toBeNull();
  });
});

describe('S4: untrusted form schemas are refused at publish', () => {
  async function current(): Promise<FormDefinition> {
    const res = await app.request<{ definition: FormDefinition }>('GET', `/api/forms/${quoteId}`, {
      token: admin,
    });
    return structuredClone(res.body.definition);
  }

  function withCustomer(form: FormDefinition, extra: Record<string, unknown>): FormDefinition {
    const customer = form.schema.properties.customer_name!;
    form.schema.properties.customer_name = { ...customer, ...extra } as typeof customer;
    return form;
  }

  const cases: [string, (f: FormDefinition) => unknown][] = [
    ['a catastrophic regex in pattern', (f) => withCustomer(f, { pattern: '^(a+)+$' })],
    ['patternProperties', (f) => withCustomer(f, { patternProperties: { '(x+x+)+y': {} } })],
    ['$data indirection', (f) => withCustomer(f, { maxLength: { $data: '1/total' } })],
    ['a recursive $ref', (f) => withCustomer(f, { $ref: '#' })],
    [
      '$defs with a self-reference',
      (f) => ({ ...f, schema: { ...f.schema, $defs: { a: { $ref: '#/$defs/a' } } } }),
    ],
    ['$id rebasing', (f) => withCustomer(f, { $id: 'http://evil.example/x' })],
  ];

  it.each(cases)('refuses %s with 422 and publishes nothing', async (_name, mutate) => {
    const before: { v: number }[] = await app.db.query(
      'SELECT published_version AS v FROM forms WHERE id = $1',
      [quoteId],
    );
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/versions`, {
      token: admin,
      body: { definition: mutate(await current()) },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('definition_invalid');
    const after: { v: number }[] = await app.db.query(
      'SELECT published_version AS v FROM forms WHERE id = $1',
      [quoteId],
    );
    expect(after).toEqual(before);
  });

  it('refuses a 5,000-deep schema (the body limit, before the validator)', async () => {
    const form = await current();
    const text = JSON.stringify({ definition: form }).replace(
      '"x-widget":"text"',
      `"x-widget":"text","default":${nested(5000)}`,
    );
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/versions`, {
      token: admin,
      rawBody: text,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('limit_exceeded');
  });

  it('refuses a 50-deep default inside the body limit through the definition validator', async () => {
    const form = await current();
    const text = JSON.stringify({ definition: form }).replace(
      '"x-widget":"text"',
      `"x-widget":"text","default":${nested(50)}`,
    );
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/versions`, {
      token: admin,
      rawBody: text,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('definition_invalid');
  });
});
