import type { SavedView } from '../src/modules/records/record-views.service';
import type { RecordView } from '../src/modules/records/records.service';
import { installLeads } from './support/leads-app';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string };
}

let app: TestApp;
let rep1: string;
let rep2: string;
let formId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const admin = await app.login('admin');
  [rep1, rep2] = await Promise.all([app.login('rep1'), app.login('rep2')]);
  formId = await installLeads(app, admin);
});

afterAll(async () => {
  await app.close();
});

const kanban = {
  name: 'Pipeline',
  type: 'kanban',
  config: {
    groupField: 'stage',
    sort: 'amount:desc',
    filter: [{ field: 'amount', op: 'gte', value: 10 }],
    columns: ['name', 'amount', 'stage'],
  },
};

describe('saved views', () => {
  it('keeps each person their own views', async () => {
    const created = await app.request<SavedView>('POST', `/api/forms/${formId}/views`, {
      token: rep1,
      body: kanban,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Pipeline', type: 'kanban', formId });
    const calendar = await app.request<SavedView>('POST', `/api/forms/${formId}/views`, {
      token: rep1,
      body: { name: 'Closing', type: 'calendar', config: { dateField: 'close_date' } },
    });
    expect(calendar.status).toBe(201);

    const mine = await app.request<SavedView[]>('GET', `/api/forms/${formId}/views`, {
      token: rep1,
    });
    expect(mine.body.map((v) => v.name)).toEqual(['Pipeline', 'Closing']);
    const theirs = await app.request<SavedView[]>('GET', `/api/forms/${formId}/views`, {
      token: rep2,
    });
    expect(theirs.body).toEqual([]);

    const id = created.body.id;
    const steal = await app.request<Envelope>('PUT', `/api/views/${id}`, {
      token: rep2,
      body: { ...kanban, name: 'Mine now' },
    });
    expect(steal.status).toBe(404);
    expect((await app.request('DELETE', `/api/views/${id}`, { token: rep2 })).status).toBe(404);

    const renamed = await app.request<SavedView>('PUT', `/api/views/${id}`, {
      token: rep1,
      body: { ...kanban, name: 'Pipeline (big)' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Pipeline (big)');
    expect((await app.request('DELETE', `/api/views/${id}`, { token: rep1 })).status).toBe(204);
    const after = await app.request<SavedView[]>('GET', `/api/forms/${formId}/views`, {
      token: rep1,
    });
    expect(after.body.map((v) => v.name)).toEqual(['Closing']);
  });

  it.each([
    ['a kanban on a text field', { ...kanban, config: { groupField: 'name' } }, 'invalid_view'],
    [
      'a calendar on a number',
      { name: 'c', type: 'calendar', config: { dateField: 'amount' } },
      'invalid_view',
    ],
    [
      'a filter on an unknown field',
      { ...kanban, config: { ...kanban.config, filter: [{ field: 'x', op: 'eq', value: 1 }] } },
      'invalid_filter',
    ],
    ['an unknown view type', { ...kanban, type: 'gantt' }, 'validation_failed'],
    [
      'an unknown config key',
      { ...kanban, config: { ...kanban.config, sql: 'drop' } },
      'validation_failed',
    ],
  ])('refuses %s', async (_name, body, code) => {
    const res = await app.request<Envelope>('POST', `/api/forms/${formId}/views`, {
      token: rep1,
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});

describe('moving a kanban card', () => {
  it('is an edit with If-Match, recorded field by field in the timeline', async () => {
    const card = await app.request<RecordView>('POST', `/api/forms/${formId}/records`, {
      token: rep1,
      body: { data: { name: 'Card', stage: 'new', amount: 100 } },
    });
    expect(card.status).toBe(201);
    const path = `/api/records/${card.body.id}`;
    const missing = await app.request<Envelope>('PATCH', path, {
      token: rep1,
      body: { data: { stage: 'contacted' } },
    });
    expect(missing.status).toBe(428);
    const moved = await app.request<RecordView>('PATCH', path, {
      token: rep1,
      headers: { 'if-match': `"${card.body.version}"` },
      body: { data: { stage: 'contacted' } },
    });
    expect(moved.status).toBe(200);
    const stale = await app.request<Envelope>('PATCH', path, {
      token: rep1,
      headers: { 'if-match': `"${card.body.version}"` },
      body: { data: { stage: 'qualified' } },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');

    const groups = await app.request<{ groups: { value: string | null; count: number }[] }>(
      'GET',
      `/api/forms/${formId}/records/groups?field=stage`,
      { token: rep1 },
    );
    expect(groups.body.groups.find((g) => g.value === 'contacted')?.count).toBe(1);
    expect(groups.body.groups.find((g) => g.value === 'new')?.count).toBe(0);

    const record = await app.request<RecordView>('GET', path, { token: rep1 });
    const edit = record.body.timeline?.find((t) => t.type === 'record_updated');
    expect(edit?.details?.changes).toEqual([{ field: 'stage', before: 'new', after: 'contacted' }]);
    expect(record.body.timeline?.[0]?.type).toBe('record_submitted');
  });

  it('refuses grouping by a field that is not a select', async () => {
    const res = await app.request<Envelope>(
      'GET',
      `/api/forms/${formId}/records/groups?field=name`,
      { token: rep1 },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_group_field');
  });
});
