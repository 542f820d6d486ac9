import { routerRoutes } from '../support/router-routes';
import {
  ACTORS,
  SECRET,
  seedMatrix,
  type Actor,
  type Fixtures,
} from '../support/s5-matrix/fixtures';
import type { MatrixRow, Outcome } from '../support/s5-matrix/expectations';
import { MATRIX } from '../support/s5-matrix/routes';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let f: Fixtures;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  f = await seedMatrix(app);
}, 180_000);

afterAll(async () => {
  await app.close();
});

/** The API routes of the running router (swagger-ui's own middleware aside). */
const apiRoutes = (): string[] =>
  routerRoutes(app.liuyun.app)
    .filter(
      (r) =>
        (r.path.startsWith('/api/') && !r.path.startsWith('/api/docs')) || r.path === '/metrics',
    )
    .map((r) => `${r.method} ${r.path}`);

/** Actors who may never read the seeded quote, customer or file in any answer. */
const BLIND: readonly Actor[] = ['anonymous', 'noPermission', 'otherDepartment'];

async function auditRows(): Promise<number> {
  const rows: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM audit_log');
  return rows[0]!.n;
}

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, p: string) => {
    const v = params[p];
    if (v === undefined) throw new Error(`${path}: no fixture for :${p}`);
    return encodeURIComponent(v);
  });
}

const isErrorOnly = (body: unknown, status: number): boolean => {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  const error = (body as { error?: { status?: unknown; code?: unknown } }).error;
  return (
    keys.length === 1 &&
    keys[0] === 'error' &&
    error?.status === status &&
    typeof error.code === 'string'
  );
};

/** Calls one cell and answers what is wrong with it (empty: fine). */
async function cell(route: string, row: MatrixRow, actor: Actor): Promise<string[]> {
  const [method, path] = route.split(' ') as [string, string];
  const params = row.params ? await row.params(f, actor) : {};
  const url = fill(path, params) + (row.query ? row.query(f) : '');
  let token: string | undefined;
  if (actor !== 'anonymous') token = row.freshToken ? await f.fresh.login(actor) : f.tokens[actor];
  const want: Outcome = row.expect[actor];
  const denied = want === 'unauth' || want === 'deny';
  const headers = { ...(row.headers ?? {}) };
  if (row.ifMatch) {
    const current = await app.request<{ version: number }>('GET', `/api/records/${params.id}`, {
      token: f.tokens.admin,
    });
    headers['if-match'] = `"${current.body.version}"`;
  }
  const before = denied ? await auditRows() : 0;
  const res = await app.request(method, url, {
    ...(token ? { token } : {}),
    ...(row.body ? { body: row.body(f, actor) } : {}),
    ...(row.rawBody ? { rawBody: row.rawBody(f) } : {}),
    headers,
  });
  const problems: string[] = [];
  const where = `${route} as ${actor}`;
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  const allowed = want === 'unauth' ? [401] : want === 'deny' ? [403, 404] : want;
  if (!allowed.includes(res.status))
    problems.push(`${where}: got ${res.status}, want ${allowed.join('/')} — ${text.slice(0, 160)}`);
  if (denied) {
    if (!isErrorOnly(res.body, res.status))
      problems.push(`${where}: a refusal must be an error envelope only — ${text.slice(0, 160)}`);
    const after = await auditRows();
    if (after !== before)
      problems.push(`${where}: a refused call wrote ${after - before} audit rows`);
  }
  if (BLIND.includes(actor) && text.includes(SECRET))
    problems.push(`${where}: the answer leaks the quote's data`);
  if (row.reveals?.includes(actor) && !text.includes(row.revealed ? row.revealed(f) : SECRET))
    problems.push(`${where}: the answer should hold the quote's data`);
  return problems;
}

describe('S5: the authorization matrix over every route × six actors', () => {
  it('has exactly one row per route of the running router', () => {
    const routes = apiRoutes();
    const rows = Object.keys(MATRIX);
    const missing = routes.filter((r) => !(r in MATRIX));
    const stale = rows.filter((r) => !routes.includes(r));
    console.log(
      `S5 matrix: ${routes.length} routes × ${ACTORS.length} actors = ${routes.length * ACTORS.length} cells`,
    );
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(routes.length).toBeGreaterThan(100);
  });

  it('answers every cell as its row says, refusals leak nothing and store nothing', async () => {
    const problems: string[] = [];
    let cells = 0;
    for (const [route, row] of Object.entries(MATRIX)) {
      for (const actor of ACTORS) {
        problems.push(...(await cell(route, row, actor)));
        cells++;
      }
    }
    expect(cells).toBe(Object.keys(MATRIX).length * ACTORS.length);
    expect(problems).toEqual([]);
  }, 180_000);

  it('still holds the quote, its task and the sessions after the matrix ran', async () => {
    const quote = await app.request<{ data: Record<string, unknown> }>(
      'GET',
      `/api/records/${f.quoteId}`,
      { token: f.tokens.assignee },
    );
    expect(quote.status).toBe(200);
    expect(String(quote.body.data.customer_name)).toContain(SECRET);
    const blind = await app.request('GET', `/api/records/${f.quoteId}`, {
      token: f.tokens.otherDepartment,
    });
    expect(blind.status).toBe(404);
  });
});
