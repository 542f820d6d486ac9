import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import type { RecordView } from '../src/modules/records/records.service';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; details?: { code: string }[] };
}
interface PublishedForm {
  id: string;
  key: string;
  appKey: string;
  version: number;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

let app: TestApp;
let admin: string;
let rep1: string;
let manager1: string;
let quoteId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
  rep1 = await app.login('rep1');
  manager1 = await app.login('manager1');
  quoteId = await formIdOf(app, admin, 'quote');
});

afterAll(async () => {
  await app.close();
});

it('lists the installed CRM app with its quote form', async () => {
  const res = await app.request<{ key: string; name: { en: string }; forms: { key: string }[] }[]>(
    'GET',
    '/api/apps',
    { token: rep1 },
  );
  expect(res.status).toBe(200);
  const crm = res.body.find((a) => a.key === 'crm');
  expect(crm?.name.en).toBe('CRM');
  expect(crm?.forms.map((f) => f.key)).toContain('quote');
});

it('serves the published form with its flow', async () => {
  const res = await app.request<PublishedForm>('GET', `/api/forms/${quoteId}`, { token: rep1 });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ key: 'quote', appKey: 'crm', version: 1 });
  expect(res.body.definition.layout).toContain('reason');
  expect(res.body.flow?.nodes.map((n) => n.type)).toEqual(
    expect.arrayContaining(['start', 'exclusive', 'approval', 'update_record', 'end']),
  );
});

it('shows the gallery with the CRM template installed, and refuses a second install', async () => {
  const list = await app.request<{ key: string; installed: boolean }[]>('GET', '/api/templates', {
    token: admin,
  });
  expect(list.body).toContainEqual(expect.objectContaining({ key: 'crm', installed: true }));
  const before = await countRows(app, 'audit_log');
  const again = await app.request<Envelope>('POST', '/api/templates/crm/install', { token: admin });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('already_installed');
  expect(await countRows(app, 'audit_log')).toBe(before);
});

it('lets only an admin install or publish', async () => {
  expect(
    (await app.request<Envelope>('POST', '/api/templates/crm/install', { token: rep1 })).status,
  ).toBe(403);
  const form = await app.request<PublishedForm>('GET', `/api/forms/${quoteId}`, { token: rep1 });
  const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/versions`, {
    token: rep1,
    body: { definition: form.body.definition, flow: form.body.flow },
  });
  expect(res.status).toBe(403);
});

it('answers 404 for an unknown template', async () => {
  expect(
    (await app.request<Envelope>('POST', '/api/templates/nope/install', { token: admin })).status,
  ).toBe(404);
});

it('refuses to publish an invalid flow, with codes, and publishes nothing', async () => {
  const form = (await app.request<PublishedForm>('GET', `/api/forms/${quoteId}`, { token: admin }))
    .body;
  const flow = structuredClone(form.flow!);
  // The route branch loses its default edge, and a rule names a field that does not exist.
  flow.edges = flow.edges.map((e) =>
    e.id === 'e_manager'
      ? { ...e, isDefault: false, condition: { '>': [{ var: 'discount_pct' }, 10] } }
      : e,
  );
  flow.edges = flow.edges.map((e) =>
    e.id === 'e_director' ? { ...e, condition: { '>': [{ var: 'no_such_field' }, 20] } } : e,
  );
  const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/versions`, {
    token: admin,
    body: { definition: form.definition, flow },
  });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('definition_invalid');
  const codes = (res.body.error.details ?? []).map((d) => d.code);
  expect(codes).toEqual(expect.arrayContaining(['branch_without_default', 'unknown_field']));
  const after = await app.request<PublishedForm>('GET', `/api/forms/${quoteId}`, { token: admin });
  expect(after.body.version).toBe(1);
});

it('keeps running instances on their version when a new one is published', async () => {
  const old = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
    token: rep1,
    body: { data: quoteData(15, 'On v1') },
  });
  expect(old.status).toBe(201);

  const form = (await app.request<PublishedForm>('GET', `/api/forms/${quoteId}`, { token: admin }))
    .body;
  const flow = structuredClone(form.flow!);
  // v2: the manager decides everything up to 30%.
  flow.edges = flow.edges.map((e) =>
    e.id === 'e_director' ? { ...e, condition: { '>': [{ var: 'discount_pct' }, 30] } } : e,
  );
  const published = await app.request<{ version: number }>(
    'POST',
    `/api/forms/${quoteId}/versions`,
    {
      token: admin,
      body: { definition: form.definition, flow },
    },
  );
  expect(published.status).toBe(201);
  expect(published.body.version).toBe(2);

  const fresh = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
    token: rep1,
    body: { data: quoteData(25, 'On v2') },
  });
  const freshTask =
    fresh.body.process &&
    (await app.request<RecordView>('GET', `/api/records/${fresh.body.id}`, { token: rep1 })).body
      .tasks?.[0];
  expect(freshTask).toBeDefined();
  await app.request('POST', `/api/tasks/${freshTask!.id}/actions`, {
    token: manager1,
    body: { action: 'approve' },
  });
  const freshAfter = await app.request<RecordView>('GET', `/api/records/${fresh.body.id}`, {
    token: rep1,
  });
  expect(freshAfter.body.data.status).toBe('approved');

  const oldView = await app.request<RecordView>('GET', `/api/records/${old.body.id}`, {
    token: rep1,
  });
  const e = oldView.body.process?.flow.edges.find((x) => x.id === 'e_director');
  expect(e?.condition).toEqual({ '>': [{ var: 'discount_pct' }, 20] });
});
