import type { AppDefinition } from '@liuyun/definitions';
import type { RecordView } from '../src/modules/records/records.service';
import { startTestApp, type TestApp } from './support/test-app';

// 流水号 under load: 200 submissions at once, plus refused ones that reached the counter
// (a unique code already taken) and must give their number back. Runs against PGlite, and
// against a Postgres server when DATABASE_URL is set.
const app: AppDefinition = {
  key: 'serial_lab',
  name: { zh: '流水号', en: 'Serial lab' },
  forms: [
    {
      form: {
        key: 'ticket',
        name: { zh: '工单', en: 'Ticket' },
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: {
            code: {
              type: 'string',
              maxLength: 40,
              'x-widget': 'text',
              'x-label': { zh: '代码', en: 'Code' },
              'x-unique': true,
            },
            number: {
              type: 'string',
              'x-widget': 'serial',
              'x-label': { zh: '编号', en: 'Number' },
              'x-serial': { pattern: 'T-{YYYY}-{seq:5}', reset: 'yearly' },
            },
          },
        },
        layout: ['code', 'number'],
      },
    },
  ],
};

const SUBMISSIONS = 200;
const REFUSED = 20;

let t: TestApp;
let tokens: string[];
let formId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const admin = await t.login('admin');
  tokens = await Promise.all(['rep1', 'rep2', 'manager1', 'admin'].map((u) => t.login(u)));
  const res = await t.request<{ forms: { id: string }[] }>('POST', '/api/apps', {
    token: admin,
    body: app,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  formId = res.body.forms[0]!.id;
}, 120_000);

afterAll(async () => {
  await t.close();
});

it('numbers 200 concurrent submissions 1..200: unique, gapless, refused ones give theirs back', async () => {
  const taken = await t.request<RecordView>('POST', `/api/forms/${formId}/records`, {
    token: tokens[0],
    body: { data: { code: 'TAKEN' } },
  });
  expect(taken.status).toBe(201);
  const year = String(taken.body.data.number).slice(2, 6);
  expect(taken.body.data.number).toBe(`T-${year}-00001`);

  const bodies = [
    ...Array.from({ length: SUBMISSIONS }, (_, i) => ({ code: `C${i}` })),
    ...Array.from({ length: REFUSED }, () => ({ code: 'TAKEN' })),
  ];
  // Interleave the refused ones among the others.
  const order = bodies.map((_, i) => (i * 37) % bodies.length);
  const answers = await Promise.all(
    order.map((i, n) =>
      t.request<RecordView & { error?: { code: string } }>('POST', `/api/forms/${formId}/records`, {
        token: tokens[n % tokens.length],
        body: { data: bodies[i] },
      }),
    ),
  );
  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  expect(Object.fromEntries(statuses)).toEqual({ 201: SUBMISSIONS, 409: REFUSED });

  const numbers = answers.filter((a) => a.status === 201).map((a) => String(a.body.data.number));
  const expected = Array.from(
    { length: SUBMISSIONS },
    (_, i) => `T-${year}-${String(i + 2).padStart(5, '0')}`,
  );
  expect([...numbers].sort()).toEqual(expected);

  // What is stored agrees, and the next submission takes the next number.
  const stored: { n: string }[] = await t.db.query(
    `SELECT data->>'number' AS n FROM records WHERE form_id = $1 ORDER BY 1`,
    [formId],
  );
  expect(stored.map((r) => r.n)).toEqual([`T-${year}-00001`, ...expected]);
  const next = await t.request<RecordView>('POST', `/api/forms/${formId}/records`, {
    token: tokens[1],
    body: { data: { code: 'LAST' } },
  });
  expect(next.body.data.number).toBe(`T-${year}-${String(SUBMISSIONS + 2).padStart(5, '0')}`);
}, 300_000);
