import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AccessService } from '../../src/modules/access/access.service';
import { PolicyGuard } from '../../src/modules/access/policy.guard';
import { IdentityService } from '../../src/modules/identity/identity.service';
import { TokenService } from '../../src/modules/identity/token.service';
import { RoutePolicyRegistry } from '../../src/modules/access/route-policy.registry';
import { routerRoutes } from '../support/router-routes';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

const key = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

describe('S5: every route declares an access policy', () => {
  it('finds every route of the router in the policy registry, each with a policy', () => {
    const declared = new Map(
      app.liuyun.app
        .get(RoutePolicyRegistry)
        .routes()
        .map((r) => [key(r), r]),
    );
    const api = routerRoutes(app.liuyun.app).filter((r) => r.path.startsWith('/api/'));
    // The OpenAPI document is served by swagger-ui's own middleware, not a controller.
    const routes = api.filter((r) => !r.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const withoutPolicy = routes
      .filter((r) => !declared.get(key(r))?.policy)
      .map((r) => `${key(r)}${declared.has(key(r)) ? '' : ' (not a controller route)'}`);
    expect(withoutPolicy).toEqual([]);
  });

  it('refuses a route without a policy, even for an administrator (fail closed)', async () => {
    const nest = app.liuyun.app;
    const guard = new PolicyGuard(
      nest.get(Reflector),
      nest.get(TokenService),
      nest.get(IdentityService),
      nest.get(AccessService),
    );
    class Undeclared {
      handler(): string {
        return 'reached';
      }
    }
    const token = await app.login('admin');
    const req = {
      method: 'GET',
      path: '/api/undeclared',
      headers: { authorization: `Bearer ${token}` },
    };
    const ctx = new ExecutionContextHost([req, {}], Undeclared, Undeclared.prototype.handler);
    await expect(guard.canActivate(ctx)).rejects.toMatchObject({
      status: 403,
      code: 'policy_missing',
    });
  });
});

describe('S5 matrix: the permission-set routes × actors', () => {
  const base = '/api/apps/crm/permission-sets';
  const someId = '00000000-0000-4000-8000-000000000000';
  const routes: { method: string; path: string; body?: unknown }[] = [
    { method: 'GET', path: base },
    {
      method: 'POST',
      path: base,
      body: { key: 'x', name: { zh: 'x', en: 'x' }, forms: {}, assignments: [] },
    },
    { method: 'GET', path: `${base}/${someId}` },
    { method: 'PATCH', path: `${base}/${someId}`, body: { forms: {} } },
    { method: 'DELETE', path: `${base}/${someId}` },
  ];
  const actors: [string, string | null, number[]][] = [
    ['anonymous', null, [401]],
    ['a rep (no permission)', 'rep1', [403]],
    ['another department (finance)', 'finance1', [403]],
    ['the manager (head of sales)', 'manager1', [403]],
  ];
  it.each(actors)(
    'refuses %s on every route, telling nothing of the sets',
    async (_, user, codes) => {
      const token = user ? await app.login(user) : undefined;
      const before: { n: number }[] = await app.db.query(
        'SELECT count(*)::int AS n FROM audit_log',
      );
      for (const r of routes) {
        const res = await app.request<{ error?: { code: string } }>(r.method, r.path, {
          ...(token ? { token } : {}),
          ...(r.body ? { body: r.body } : {}),
        });
        expect([r.method, r.path, codes.includes(res.status)]).toEqual([r.method, r.path, true]);
        expect(JSON.stringify(res.body)).not.toContain('sales_rep');
      }
      const after: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM audit_log');
      expect(after[0]!.n).toBe(before[0]!.n);
    },
  );

  it('lets an administrator through', async () => {
    const token = await app.login('admin');
    const res = await app.request<{ key: string }[]>('GET', base, { token });
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.key)).toContain('sales_rep');
    const missing = await app.request('GET', `${base}/${someId}`, { token });
    expect(missing.status).toBe(404);
  });
});

describe('S5 matrix: GET /api/audit (administrators only)', () => {
  it.each([
    ['anonymous', null, 401],
    ['a sales rep', 'rep1', 403],
    ['a department head', 'manager1', 403],
    ['another department', 'legal1', 403],
    ['an administrator', 'admin', 200],
  ] as const)('%s gets %i', async (_who, username, status) => {
    const token = username ? await app.login(username) : undefined;
    const res = await app.request<{ items?: unknown[] }>('GET', '/api/audit?limit=5', {
      ...(token ? { token } : {}),
    });
    expect(res.status).toBe(status);
    if (status === 200) expect(Array.isArray(res.body.items)).toBe(true);
    else expect(res.body.items).toBeUndefined();
  });
});

describe('S5: template publishing and upgrade routes (administrators only)', () => {
  const routes: [string, string, unknown][] = [
    [
      'POST',
      '/api/apps/crm/publish-template',
      {
        key: 'x_kit',
        name: { zh: 'x', en: 'x' },
        description: { zh: '', en: '' },
        version: '1.0.0',
      },
    ],
    ['GET', '/api/apps/crm/template-upgrade', undefined],
    ['POST', '/api/apps/crm/template-upgrade', { revision: 'r' }],
    ['POST', '/api/templates/crm/install', { appKey: 'crm_copy' }],
  ];

  it.each(routes)(
    '%s %s: 401 anonymous, 403 for staff, nothing stored',
    async (method, path, body) => {
      const before: { n: number }[] = await app.db.query(
        'SELECT (SELECT count(*) FROM template_versions) + (SELECT count(*) FROM apps) AS n',
      );
      expect((await app.request(method, path, { body })).status).toBe(401);
      const staff = await app.login('rep1');
      expect((await app.request(method, path, { token: staff, body })).status).toBe(403);
      const after: { n: number }[] = await app.db.query(
        'SELECT (SELECT count(*) FROM template_versions) + (SELECT count(*) FROM apps) AS n',
      );
      expect(after).toEqual(before);
    },
  );
});
