import { evaluate, isTruthy } from '@liuyun/logic';
import { bindUsed, compileRowFilter } from '../src/modules/access/row-filter.sql';
import { AccessService } from '../src/modules/access/access.service';
import { IdentityService } from '../src/modules/identity/identity.service';
import { formIdOf } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

// Row filters of permission sets run as SQL: the CRM's sales_pools set gives every rep
// the leads in the lead pool ({"==":[{"var":"pool"},"pool"]}). A rep of another
// department sees exactly those (and their own) in a paged list, the group counts, the
// export and a dashboard, and the filter is a condition of the query, not a list of ids.

let app: TestApp;
let leadFormId: string;
let rep3: string;
let rep3Id: string;
const run = Date.now().toString(36);
const POOL = 23;
const PRIVATE = 7;
const POOL_FILTER = { '==': [{ var: 'pool' }, 'pool'] };

type Page = { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null };

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const rep1 = await app.login('rep1');
  rep3 = await app.login('rep3');
  leadFormId = await formIdOf(app, rep1, 'lead');
  // sales_pools lets reps view the pool; this set lets them export it too (same filter).
  const admin = await app.login('admin');
  const set = await app.request('POST', '/api/apps/crm/permission-sets', {
    token: admin,
    body: {
      key: `pool_export_${run}`,
      name: { zh: '公海导出', en: 'Pool export' },
      forms: { lead: { actions: ['export'], rows: { filter: POOL_FILTER } } },
      assignments: [{ type: 'role', subject: 'sales_rep' }],
    },
  });
  expect(set.status).toBe(201);
  for (let i = 0; i < POOL + PRIVATE; i++) {
    const res = await app.request('POST', `/api/forms/${leadFormId}/records`, {
      token: rep1,
      body: {
        data: {
          contact_name: `Pool ${run} ${i}`,
          mobile: `138${String(Date.now()).slice(-4)}${String(i).padStart(4, '0')}`,
          pool: i < POOL ? 'pool' : 'assigned',
        },
      },
    });
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
  }
  const [row] = await app.db.query<{ id: string }[]>(
    `SELECT id FROM users WHERE username = 'rep3'`,
  );
  rep3Id = row!.id;
}, 180_000);

afterAll(async () => {
  await app.close();
});

/** What the JSON Logic evaluator keeps for rep3: pool leads, and rep3's own. */
async function expectedIds(): Promise<string[]> {
  const rows: { id: string; data: Record<string, unknown>; created_by: string }[] =
    await app.db.query(
      `SELECT id, data, created_by FROM records WHERE form_id = $1 AND deleted_at IS NULL`,
      [leadFormId],
    );
  return rows
    .filter(
      (r) =>
        isTruthy(evaluate(POOL_FILTER, r.data)) ||
        r.created_by === rep3Id ||
        r.data.owner === rep3Id,
    )
    .map((r) => r.id)
    .sort();
}

describe('permission-set row filters compiled to SQL', () => {
  it('lists exactly the pool leads over several keyset pages', async () => {
    const expected = await expectedIds();
    expect(expected.length).toBeGreaterThanOrEqual(POOL);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await app.request<Page>('GET', `/api/forms/${leadFormId}/records?limit=10${q}`, {
        token: rep3,
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expected);
  });

  it('counts, exports and charts the same rows', async () => {
    const expected = await expectedIds();
    const groups = await app.request<{ value: string | null; count: number }[]>(
      'GET',
      `/api/forms/${leadFormId}/records/groups?field=pool`,
      { token: rep3 },
    );
    expect(groups.status).toBe(200);
    const body: unknown = groups.body;
    const list = Array.isArray(body) ? body : (body as { groups: typeof groups.body }).groups;
    expect(list.reduce((n, g) => n + g.count, 0)).toBe(expected.length);
    expect(list.find((g) => g.value === 'assigned')?.count ?? 0).toBe(0);

    const csv = await app.request<string>('GET', `/api/forms/${leadFormId}/export?format=csv`, {
      token: rep3,
    });
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    expect(lines.length - 1).toBe(expected.length);
    expect(String(csv.body)).toContain(`Pool ${run} 0`);
    expect(String(csv.body)).not.toContain(`Pool ${run} ${POOL}`);

    const dashboards = await app.request<{ id: string; key: string }[]>(
      'GET',
      '/api/apps/crm/dashboards',
      { token: rep3 },
    );
    const funnel = dashboards.body.find((d) => d.key === 'lead_funnel');
    expect(funnel).toBeDefined();
    const data = await app.request<{ charts: { chartId: string; rows: { value: number }[] }[] }>(
      'GET',
      `/api/dashboards/${funnel!.id}/data`,
      { token: rep3 },
    );
    expect(data.status).toBe(200);
    const leads = data.body.charts.find((c) => c.chartId === 'lead_count');
    expect(leads?.rows[0]?.value).toBe(expected.length);
  });

  it('filters in the query: the scope is a SQL condition, no ids evaluated in JavaScript', async () => {
    const user = await app.liuyun.app.get(IdentityService).authUserById(rep3Id);
    const scope = await app.liuyun.app.get(AccessService).scope(user!, 'view');
    // The ids kept by JavaScript (grants that did not compile, odd stored types): none.
    expect(scope.params[7]).toEqual([]);
    const sql = scope.sql(2);
    expect(sql).toContain('r.data -> $');
    const plan: { 'QUERY PLAN': string }[] = await app.db.query(
      `EXPLAIN SELECT count(*) FROM records r WHERE r.form_id = $1 AND ${sql}`,
      [leadFormId, ...scope.params],
    );
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/data -> 'pool'/);
    const counted: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM records r WHERE r.form_id = $1 AND ${sql}`,
      [leadFormId, ...scope.params],
    );
    expect(counted[0]!.n).toBe((await expectedIds()).length);
  });

  it('keeps rows whose stored type the SQL is not exact on through the evaluator', async () => {
    // A stored array ["pool"] is == "pool" in JSON Logic (arrays compare as their text).
    const [odd] = await app.db.query<{ id: string }[]>(
      `INSERT INTO records (id, form_id, form_version, data, created_by, version)
       SELECT gen_random_uuid(), form_id, form_version, jsonb_set(data, '{pool}', '["pool"]'), created_by, 1
         FROM records WHERE form_id = $1 AND data ->> 'pool' = 'assigned' LIMIT 1
       RETURNING id`,
      [leadFormId],
    );
    const user = await app.liuyun.app.get(IdentityService).authUserById(rep3Id);
    const scope = await app.liuyun.app.get(AccessService).scope(user!, 'view');
    expect(scope.params[7]).toEqual([odd!.id]);
    const res = await app.request('GET', `/api/records/${odd!.id}`, { token: rep3 });
    expect(res.status).toBe(200);
  });

  it('says on save which row filters run in JavaScript, and the shipped ones all compile', async () => {
    const admin = await app.login('admin');
    const res = await app.request<{
      rowFilterFallbacks: { form: string; unsupported: string[] }[];
    }>('POST', '/api/apps/crm/permission-sets', {
      token: admin,
      body: {
        key: `cat_filter_${run}`,
        name: { zh: '拼接', en: 'Concatenated' },
        forms: {
          lead: {
            actions: ['view'],
            rows: { filter: { '==': [{ cat: [{ var: 'pool' }, '!'] }, 'pool!'] } },
          },
          customer: { actions: ['view'], rows: { filter: { '==': [{ var: 'pool' }, 'public'] } } },
        },
        assignments: [],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.rowFilterFallbacks).toEqual([
      { form: 'lead', unsupported: ['"cat" as a value'] },
    ]);
    const sets = await app.request<{ key: string; rowFilterFallbacks: unknown[] }[]>(
      'GET',
      '/api/apps/crm/permission-sets',
      { token: admin },
    );
    const shipped = sets.body.filter((x) => !x.key.endsWith(run));
    expect(shipped.length).toBeGreaterThan(3);
    expect(shipped.flatMap((x) => x.rowFilterFallbacks)).toEqual([]);
  });

  it('decides like the JSON Logic evaluator on every stored JSON type it claims to be exact on', async () => {
    const user = {
      id: rep3Id,
      username: 'rep3',
      departmentId: null,
      departments: ['d1'],
      roles: ['sales_rep'],
    };
    const filters: unknown[] = [
      { '==': [{ var: 'x' }, 'pool'] },
      { '!=': [{ var: 'x' }, 'pool'] },
      { '==': [{ var: 'x' }, '5'] },
      { '==': [{ var: 'x' }, 5] },
      { '==': [5, { var: 'x' }] },
      { '==': [{ var: 'x' }, true] },
      { '==': [{ var: 'x' }, null] },
      { '===': [{ var: 'x' }, 5] },
      { '!==': [{ var: 'x' }, 'pool'] },
      { '<': [{ var: 'x' }, 5] },
      { '>=': [{ var: 'x' }, 0] },
      { '>': [10, { var: 'x' }] },
      { '<': [{ var: 'x' }, '2024-06-01'] },
      { '>=': [{ var: 'x' }, 'm'] },
      { in: [{ var: 'x' }, ['pool', 5, null, true]] },
      { in: ['oo', { var: 'x' }] },
      { in: [5, { var: 'x' }] },
      { '!': { var: 'x' } },
      { '!!': { var: 'x' } },
      { var: 'x' },
      { and: [{ '==': [{ var: 'x' }, 'pool'] }, { '==': [{ var: '$user.id' }, rep3Id] }] },
      { or: [{ '<': [{ var: 'x' }, 3] }, { in: [{ var: '$user.departmentId' }, [null]] }] },
      { in: [{ var: 'x' }, { var: '$user.departments' }] },
      { '==': [{ var: '$record.createdBy' }, { var: '$user.id' }] },
    ];
    const values: unknown[] = [
      'pool',
      'Pool',
      '',
      ' ',
      '5',
      '5.0',
      ' 5 ',
      'abc',
      '2024-01-31',
      '2024-12-01',
      'zebra',
      'd1',
      'é',
      5,
      5.0,
      0,
      -1,
      3,
      10,
      2.5,
      true,
      false,
      null,
      undefined,
      [],
      ['pool'],
      [5],
      ['a', 'b'],
      {},
      { a: 1 },
    ];
    let checked = 0;
    const wrong: string[] = [];
    for (const filter of filters) {
      const c = compileRowFilter(filter, user);
      if (!c.ok)
        throw new Error(`${JSON.stringify(filter)} did not compile: ${c.unsupported.join()}`);
      for (const value of values) {
        const data = value === undefined ? {} : { x: value };
        const js = isTruthy(
          evaluate(filter, { ...data, $record: { id: rep3Id, createdBy: rep3Id }, $user: user }),
        );
        const exact = c.filter.exact ?? 'true';
        const q = bindUsed(
          `SELECT (${exact}) AS exact, (${c.filter.pred}) AS keeps`,
          c.filter.params,
          3,
        );
        const [row] = await app.db.query<{ exact: boolean; keeps: boolean }[]>(
          `WITH r AS (SELECT $1::uuid AS id, $1::uuid AS created_by, $2::jsonb AS data) ${q.sql} FROM r`,
          [rep3Id, JSON.stringify(data), ...q.params],
        );
        if (!row!.exact) continue;
        checked++;
        if (row!.keeps !== js)
          wrong.push(
            `${JSON.stringify(filter)} on ${JSON.stringify(value)}: sql ${row!.keeps}, js ${js}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    // Most cells are decided in SQL; the rest go through the evaluator.
    expect(checked).toBeGreaterThan(filters.length * values.length * 0.6);
  });
});
