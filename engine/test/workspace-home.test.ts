import type { WorkspaceSummary } from '../src/modules/workspace/workspace-summary.service';
import type { TemplatePreview } from '@liuyun/definitions';
import { listTemplates } from '@liuyun/templates';
import { formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let rep1: string;
let manager1: string;
let admin: string;

const summary = async (token: string) => {
  const res = await app.request<WorkspaceSummary>('GET', '/api/me/workspace', { token });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  rep1 = await app.login('rep1');
  manager1 = await app.login('manager1');
  admin = await app.login('admin');
});

afterAll(async () => {
  await app.close();
});

describe('the home summary', () => {
  it('counts each inbox view and follows a new task', async () => {
    const before = await summary(manager1);
    // Samples: the 15% and 25% quotes wait for manager1.
    expect(before.tasks).toMatchObject({ todo: 2, cc: 0, started: 0 });
    const quoteId = await formIdOf(app, rep1, 'quote');
    const rec = await app.request<{ id: string }>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(15, 'Home Counts Ltd') },
    });
    expect(rec.status).toBe(201);
    const after = await summary(manager1);
    expect(after.tasks.todo).toBe(before.tasks.todo + 1);
    expect(after.recentRecords[0]).toMatchObject({
      statusLabel: { zh: '审批中', en: 'Pending' },
      id: rec.body.id,
      title: 'Home Counts Ltd',
      status: 'pending',
      formName: { zh: '报价单', en: 'Quote' },
    });
    const rep = await summary(rep1);
    expect(rep.tasks.started).toBe(4); // sample quotes (2) and contract (1), and this quote
    expect(rep.recentRecords.map((r) => r.title)).toContain('Home Counts Ltd');
    // Legal has nothing to do with quotes.
    const legal = await summary(await app.login('legal1'));
    expect(legal.recentRecords.map((r) => r.title)).not.toContain('Home Counts Ltd');
  });
});

describe('the language preference', () => {
  it('is kept per user on the server, with an audit row', async () => {
    const get = (token: string) =>
      app.request<{ language: string | null }>('GET', '/api/me/preferences', { token });
    expect((await get(rep1)).body).toEqual({ language: null });
    const put = await app.request('PUT', '/api/me/preferences', {
      token: rep1,
      body: { language: 'en' },
    });
    expect(put.status).toBe(200);
    expect((await get(rep1)).body).toEqual({ language: 'en' });
    expect((await get(await app.login('rep1'))).body).toEqual({ language: 'en' });
    expect((await get(manager1)).body).toEqual({ language: null });
    const rows: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.preferences'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses what is not a language and stores nothing', async () => {
    for (const body of [{ language: 'fr' }, { language: 'zh', theme: 'dark' }, {}, []]) {
      const res = await app.request<{ error: { code: string } }>('PUT', '/api/me/preferences', {
        token: manager1,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const rows: { n: number }[] = await app.db.query(
      'SELECT count(*)::int AS n FROM user_preferences WHERE language IS NOT NULL',
    );
    expect(rows[0]!.n).toBe(1);
    expect((await app.request('GET', '/api/me/preferences')).status).toBe(401);
  });
});

describe('the template preview', () => {
  it('shows an administrator the forms, flows and dashboards of a template', async () => {
    const res = await app.request<TemplatePreview>('GET', '/api/templates/crm', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.installed).toBe(true);
    const forms = res.body.forms.map((f) => f.form.key);
    expect(forms).toEqual(
      expect.arrayContaining(['lead', 'customer', 'quote', 'contract', 'ticket']),
    );
    const quote = res.body.forms.find((f) => f.form.key === 'quote');
    expect(quote?.flow?.nodes.map((n) => n.id)).toContain('manager_approval');
    const shipped = listTemplates().find((t) => t.key === 'crm')?.dashboards ?? [];
    expect(res.body.dashboards.map((d) => d.key)).toEqual(shipped.map((d) => d.key));
    expect(res.body.dashboards.map((d) => d.key)).toEqual(
      expect.arrayContaining(['quote_approvals', 'lead_funnel', 'sales_pipeline']),
    );
    expect(res.body.roles.map((r) => r.key)).toContain('sales_manager');
    expect(res.body.sampleRecords).toBeGreaterThan(0);
    expect((await app.request('GET', '/api/templates/crm', { token: rep1 })).status).toBe(403);
    expect((await app.request('GET', '/api/templates/nope', { token: admin })).status).toBe(404);
  });
});
