import type { RecordView } from '../src/modules/records/records.service';
import { installLeads } from './support/leads-app';
import { startTestApp, type TestApp } from './support/test-app';

interface Page {
  items: RecordView[];
  nextCursor: string | null;
}
interface Envelope {
  error: { status: number; code: string; message: string; details?: { instancePath: string }[] };
}

let app: TestApp;
let admin: string;
let rep1: string;
let rep2: string;
let formId: string;
let today: string;

function dayOffset(days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Lead {
  name: string;
  company?: string;
  stage?: string;
  amount?: number;
  close_date?: string;
  met_at?: string;
  notes?: string;
}

const rep1Leads = (): Lead[] => [
  {
    name: 'Alice Zhang',
    company: '北京流云科技有限公司',
    stage: 'new',
    amount: 1200,
    close_date: dayOffset(0),
    notes: 'Met at the expo',
  },
  {
    name: 'Bob Li',
    company: 'Acme Trading',
    stage: 'contacted',
    amount: 80,
    close_date: dayOffset(-3),
  },
  {
    name: 'Carol Wang',
    company: '上海云帆贸易',
    stage: 'qualified',
    amount: 50000,
    close_date: dayOffset(-40),
  },
  { name: 'Dan Zhao', company: 'Globex', stage: 'lost', close_date: dayOffset(5) },
  { name: 'Eve Sun', company: 'Acme Holdings', stage: 'new', amount: 300 },
  { name: 'Frank 100% real_name', stage: 'contacted', amount: 300, notes: 'discount_pct 50%' },
];

async function list(token: string, query: Record<string, string | object>): Promise<Page> {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  );
  const res = await app.request<Page>('GET', `/api/forms/${formId}/records?${qs}`, { token });
  if (res.status !== 200) throw new Error(`list ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const names = (p: Page) => p.items.map((r) => String(r.data.name));

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  [admin, rep1, rep2] = await Promise.all([
    app.login('admin'),
    app.login('rep1'),
    app.login('rep2'),
  ]);
  formId = await installLeads(app, admin);
  const rows: { today: string }[] = await app.db.query(
    `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today`,
  );
  today = rows[0]!.today;
  for (const data of rep1Leads()) {
    const res = await app.request('POST', `/api/forms/${formId}/records`, {
      token: rep1,
      body: { data },
    });
    expect(res.status).toBe(201);
  }
  const met = new Date(`${today}T02:00:00Z`).toISOString();
  const res = await app.request('POST', `/api/forms/${formId}/records`, {
    token: rep2,
    body: {
      data: { name: 'Grace Rep2', company: 'Acme Secret', stage: 'new', amount: 999, met_at: met },
    },
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await app.close();
});

describe('filters per field kind', () => {
  it('choice: eq, ne, in', async () => {
    expect(
      names(await list(rep1, { filter: [{ field: 'stage', op: 'eq', value: 'new' }] })).sort(),
    ).toEqual(['Alice Zhang', 'Eve Sun']);
    const notNew = await list(rep1, { filter: [{ field: 'stage', op: 'ne', value: 'new' }] });
    expect(notNew.items).toHaveLength(4);
    const some = await list(rep1, {
      filter: [{ field: 'stage', op: 'in', value: ['lost', 'qualified'] }],
    });
    expect(names(some).sort()).toEqual(['Carol Wang', 'Dan Zhao']);
  });

  it('text: contains (inside words, CJK, wildcards taken literally) and starts_with', async () => {
    const acme = await list(rep1, { filter: [{ field: 'company', op: 'contains', value: 'cme' }] });
    expect(names(acme).sort()).toEqual(['Bob Li', 'Eve Sun']);
    const cjk = await list(rep1, { filter: [{ field: 'company', op: 'contains', value: '流云' }] });
    expect(names(cjk)).toEqual(['Alice Zhang']);
    const single = await list(rep1, {
      filter: [{ field: 'company', op: 'contains', value: '云' }],
    });
    expect(names(single).sort()).toEqual(['Alice Zhang', 'Carol Wang']);
    const percent = await list(rep1, {
      filter: [{ field: 'name', op: 'contains', value: '0% r' }],
    });
    expect(names(percent)).toEqual(['Frank 100% real_name']);
    const underscore = await list(rep1, {
      filter: [{ field: 'name', op: 'contains', value: 'l_n' }],
    });
    expect(names(underscore)).toEqual(['Frank 100% real_name']);
    const starts = await list(rep1, {
      filter: [{ field: 'company', op: 'starts_with', value: 'acme' }],
    });
    expect(names(starts).sort()).toEqual(['Bob Li', 'Eve Sun']);
    const without = await list(rep1, {
      filter: [{ field: 'company', op: 'not_contains', value: 'Acme' }],
    });
    expect(names(without)).not.toContain('Bob Li');
    expect(names(without)).toContain('Frank 100% real_name');
  });

  it('number: ranges and equality', async () => {
    const big = await list(rep1, { filter: [{ field: 'amount', op: 'gt', value: 300 }] });
    expect(names(big).sort()).toEqual(['Alice Zhang', 'Carol Wang']);
    const mid = await list(rep1, {
      filter: [{ field: 'amount', op: 'between', value: [80, 300] }],
    });
    expect(names(mid).sort()).toEqual(['Bob Li', 'Eve Sun', 'Frank 100% real_name']);
    const eq = await list(rep1, { filter: [{ field: 'amount', op: 'eq', value: 300 }] });
    expect(eq.items).toHaveLength(2);
  });

  it('date: absolute and relative ranges, counted in the time zone asked for', async () => {
    const week = await list(rep1, {
      filter: [{ field: 'close_date', op: 'within', value: 'last_7_days' }],
    });
    expect(names(week).sort()).toEqual(['Alice Zhang', 'Bob Li']);
    const todayOnly = await list(rep1, {
      filter: [{ field: 'close_date', op: 'within', value: 'today' }],
    });
    expect(names(todayOnly)).toEqual(['Alice Zhang']);
    const next = await list(rep1, {
      filter: [{ field: 'close_date', op: 'within', value: 'next_30_days' }],
    });
    expect(names(next).sort()).toEqual(['Alice Zhang', 'Dan Zhao']);
    const before = await list(rep1, {
      filter: [{ field: 'close_date', op: 'lt', value: dayOffset(-10) }],
    });
    expect(names(before)).toEqual(['Carol Wang']);
    const met = await list(rep2, {
      filter: [{ field: 'met_at', op: 'within', value: 'today' }],
      tz: 'UTC',
    });
    expect(names(met)).toEqual(['Grace Rep2']);
    // 02:00 UTC falls on the previous calendar day in Honolulu (UTC-10): which bucket that
    // is depends on the hour the test runs, so ask the database clock.
    const rows: { days: number }[] = await app.db.query(
      `SELECT ((now() AT TIME ZONE 'Pacific/Honolulu')::date - ($1::timestamptz AT TIME ZONE 'Pacific/Honolulu')::date) AS days`,
      [`${today}T02:00:00Z`],
    );
    const bucket =
      rows[0]!.days === 0 ? 'today' : rows[0]!.days === 1 ? 'yesterday' : 'last_7_days';
    const honolulu = await list(rep2, {
      filter: [{ field: 'met_at', op: 'within', value: bucket }],
      tz: 'Pacific/Honolulu',
    });
    expect(names(honolulu)).toEqual(['Grace Rep2']);
    const utcYesterday = await list(rep2, {
      filter: [{ field: 'met_at', op: 'within', value: 'yesterday' }],
      tz: 'UTC',
    });
    expect(utcYesterday.items).toHaveLength(0);
  });

  it('empty and not empty', async () => {
    const noAmount = await list(rep1, { filter: [{ field: 'amount', op: 'empty' }] });
    expect(names(noAmount)).toEqual(['Dan Zhao']);
    const noNotes = await list(rep1, { filter: [{ field: 'notes', op: 'not_empty' }] });
    expect(names(noNotes).sort()).toEqual(['Alice Zhang', 'Frank 100% real_name']);
  });

  it('member is me, and any-of matching', async () => {
    const mine = await list(admin, { filter: [{ field: 'createdBy', op: 'is_me' }] });
    expect(mine.items).toHaveLength(0);
    const rep2Own = await list(rep2, { filter: [{ field: 'createdBy', op: 'is_me' }] });
    expect(names(rep2Own)).toEqual(['Grace Rep2']);
    const any = await list(rep1, {
      filter: {
        match: 'any',
        conditions: [
          { field: 'stage', op: 'eq', value: 'lost' },
          { field: 'amount', op: 'gte', value: 50000 },
        ],
      },
    });
    expect(names(any).sort()).toEqual(['Carol Wang', 'Dan Zhao']);
  });
});

describe('search, sort, pages and columns', () => {
  it('searches text fields: word prefixes, Chinese bigrams, full-width input', async () => {
    expect(names(await list(rep1, { search: 'ali' }))).toEqual(['Alice Zhang']);
    expect(names(await list(rep1, { search: '云帆' }))).toEqual(['Carol Wang']);
    expect(names(await list(rep1, { search: 'ＡＣＭＥ  trad' }))).toEqual(['Bob Li']);
    expect(names(await list(rep1, { search: 'expo' }))).toEqual(['Alice Zhang']);
    expect((await list(rep1, { search: '!!!' })).items).toHaveLength(0);
  });

  it('sorts by a number with keyset pages that add up to the whole order', async () => {
    const whole = names(await list(rep1, { sort: 'amount:desc', limit: '100' }));
    expect(whole[0]).toBe('Dan Zhao'); // empty first when descending
    expect(whole.slice(1, 3)).toEqual(['Carol Wang', 'Alice Zhang']);
    for (const dir of ['asc', 'desc']) {
      const all = names(await list(rep1, { sort: `amount:${dir}`, limit: '100' }));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(rep1, {
          sort: `amount:${dir}`,
          limit: '2',
          ...(cursor ? { cursor } : {}),
        });
        paged.push(...names(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    }
    const asc = names(await list(rep1, { sort: 'amount:asc', limit: '100' }));
    expect(asc[0]).toBe('Bob Li');
    expect(asc[asc.length - 1]).toBe('Dan Zhao'); // empty last when ascending
  });

  it('sorts by text and date fields and by the system columns', async () => {
    expect(names(await list(rep1, { sort: 'name:asc', limit: '3' }))).toEqual([
      'Alice Zhang',
      'Bob Li',
      'Carol Wang',
    ]);
    const byDate = names(await list(rep1, { sort: 'close_date:asc', limit: '2' }));
    expect(byDate).toEqual(['Carol Wang', 'Bob Li']);
    const oldest = names(await list(rep1, { sort: 'createdAt:asc', limit: '1' }));
    expect(oldest).toEqual(['Alice Zhang']);
    const indexes: { n: number }[] = await app.db.query(
      'SELECT count(*)::int AS n FROM record_indexes WHERE form_id = $1',
      [formId],
    );
    expect(indexes[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('gives a filtered, sorted list an index of its shape with statistics on its fields', async () => {
    const shaped = await list(rep1, {
      filter: [
        { field: 'stage', op: 'eq', value: 'new' },
        { field: 'amount', op: 'gte', value: 100 },
      ],
      sort: 'close_date:desc',
    });
    expect(names(shaped)).toEqual(['Eve Sun', 'Alice Zhang']); // empty first when descending
    const made: { field: string; index_name: string }[] = await app.db.query(
      "SELECT field, index_name FROM record_indexes WHERE form_id = $1 AND kind = 'list'",
      [formId],
    );
    const shape = made.find(
      (m) => m.field === 'stage:choice:eq,close_date:date:sort,amount:number:range',
    );
    expect(shape).toBeDefined();
    const index: { n: number }[] = await app.db.query(
      'SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = $1',
      [shape!.index_name],
    );
    expect(index[0]!.n).toBe(1);
    const stats: { def: string }[] = await app.db.query(
      "SELECT pg_get_statisticsobjdef(oid) AS def FROM pg_statistic_ext WHERE stxrelid = 'records'::regclass",
    );
    expect(stats.map((s) => s.def).join('\n')).toContain("(data ->> 'stage'::text)");
  });

  it('returns only the chosen columns', async () => {
    const page = await list(rep1, { columns: 'name,stage', limit: '1' });
    expect(Object.keys(page.items[0]!.data).sort()).toEqual(['name', 'stage']);
  });
});

describe('visibility', () => {
  it('never lists, finds or counts records the viewer may not see', async () => {
    expect(names(await list(rep2, { search: 'acme' }))).toEqual(['Grace Rep2']);
    expect(names(await list(rep1, { search: 'secret' }))).toEqual([]);
    const everyone = await list(admin, { limit: '100' });
    expect(everyone.items).toHaveLength(7);
    const groups = await app.request<{ groups: { value: string | null; count: number }[] }>(
      'GET',
      `/api/forms/${formId}/records/groups?field=stage`,
      { token: rep2 },
    );
    expect(groups.status).toBe(200);
    expect(groups.body.groups).toEqual([
      { value: 'new', count: 1 },
      { value: 'contacted', count: 0 },
      { value: 'qualified', count: 0 },
      { value: 'lost', count: 0 },
      { value: null, count: 0 },
    ]);
  });
});

describe('bad list queries', () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'an unknown field',
      { filter: JSON.stringify([{ field: 'nope', op: 'eq', value: 1 }]) },
      'invalid_filter',
    ],
    [
      'an operator the kind lacks',
      { filter: JSON.stringify([{ field: 'stage', op: 'gt', value: 'a' }]) },
      'invalid_filter',
    ],
    [
      'a value of the wrong type',
      { filter: JSON.stringify([{ field: 'amount', op: 'gt', value: 'lots' }]) },
      'invalid_filter',
    ],
    [
      'a bad relative range',
      { filter: JSON.stringify([{ field: 'close_date', op: 'within', value: 'someday' }]) },
      'invalid_filter',
    ],
    ['filter that is not JSON', { filter: '[{' }, 'invalid_filter'],
    ['an unknown sort field', { sort: 'nope:asc' }, 'invalid_filter'],
    ['an unknown column', { columns: 'name,__proto__' }, 'invalid_filter'],
    ['an unknown time zone', { tz: 'Mars/Olympus' }, 'invalid_filter'],
    ['a repeated parameter', { sort: 'name:asc&sort=name:desc' }, 'validation_failed'],
    ['an unknown parameter', { hack: '1' }, 'validation_failed'],
  ];
  it.each(cases)('refuses %s with 400 in the envelope', async (_name, query, code) => {
    const qs = Object.entries(query)
      .map(([k, v]) => `${k}=${v.includes('&') ? v : encodeURIComponent(v)}`)
      .join('&');
    const res = await app.request<Envelope>('GET', `/api/forms/${formId}/records?${qs}`, {
      token: rep1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('refuses a cursor given out for another sort', async () => {
    const page = await list(rep1, { sort: 'amount:asc', limit: '1' });
    const res = await app.request<Envelope>(
      'GET',
      `/api/forms/${formId}/records?sort=name:asc&cursor=${page.nextCursor}`,
      { token: rep1 },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });
});
