import { listTemplates } from '@liuyun/templates';
import { startTestApp, type TestApp } from './support/test-app';

// The CRM template installed on a demo start: its forms, flows and automations, and
// installing it again (or after edits) never touches what is there.
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
});

afterAll(async () => {
  await app.close();
});

const crm = listTemplates().find((t) => t.key === 'crm')!;

it('installs every CRM form and automation of the template', async () => {
  const apps = await app.request<{ key: string; forms: { key: string }[] }[]>('GET', '/api/apps', {
    token: admin,
  });
  const installed = apps.body.find((a) => a.key === 'crm');
  expect(installed?.forms.map((f) => f.key).sort()).toEqual(
    crm.app.forms.map((f) => f.form.key).sort(),
  );
  const automations = await app.request<{ key: string; enabled: boolean }[]>(
    'GET',
    '/api/apps/crm/automations',
    { token: admin },
  );
  expect(automations.status).toBe(200);
  expect(automations.body.map((a) => a.key).sort()).toEqual(
    (crm.automations ?? []).map((a) => a.key).sort(),
  );
  expect(automations.body.every((a) => a.enabled)).toBe(true);
});

it('refuses a second install and keeps the records and edited automations', async () => {
  const before: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM records');
  const list = await app.request<{ id: string; key: string; trigger: object; flow: object }[]>(
    'GET',
    '/api/apps/crm/automations',
    { token: admin },
  );
  const edited = list.body.find((a) => a.key === 'followup_reminder')!;
  const put = await app.request('PUT', `/api/automations/${edited.id}`, {
    token: admin,
    body: {
      name: { zh: '改过的提醒', en: 'Edited reminder' },
      enabled: false,
      trigger: edited.trigger,
      flow: edited.flow,
    },
  });
  expect(put.status).toBe(200);
  const again = await app.request<{ error: { code: string } }>(
    'POST',
    '/api/templates/crm/install',
    {
      token: admin,
    },
  );
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('already_installed');
  const after: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM records');
  expect(after).toEqual(before);
  const still = await app.request<{ name: { en: string }; enabled: boolean }>(
    'GET',
    `/api/automations/${edited.id}`,
    { token: admin },
  );
  expect(still.body).toMatchObject({ name: { en: 'Edited reminder' }, enabled: false });
});
