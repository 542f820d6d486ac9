import type { RecordView } from '../src/modules/records/records.service';
import type { TaskItem } from '../src/modules/processes/task-views.service';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string };
}
type Page = { items: TaskItem[]; nextCursor: string | null };

let app: TestApp;
let rep1: string;
let manager1: string;
let director1: string;
let quoteId: string;

async function submitQuote(discount: number, customer: string): Promise<RecordView> {
  const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
    token: rep1,
    body: { data: quoteData(discount, customer) },
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function openTaskOf(recordId: string, token: string): Promise<TaskItem> {
  const res = await app.request<RecordView>('GET', `/api/records/${recordId}`, { token });
  const task = res.body.tasks?.find((t) => t.status === 'open');
  if (!task) throw new Error('no open task');
  return task;
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  rep1 = await app.login('rep1');
  manager1 = await app.login('manager1');
  director1 = await app.login('director1');
  quoteId = await formIdOf(app, rep1, 'quote');
});

afterAll(async () => {
  await app.close();
});

describe('the inbox', () => {
  it('lists a new task in the assignee’s to-do view with its record’s title', async () => {
    const record = await submitQuote(15, 'Inbox Ltd');
    const todo = await app.request<Page>('GET', '/api/tasks?view=todo', { token: manager1 });
    expect(todo.status).toBe(200);
    const item = todo.body.items.find((t) => t.recordId === record.id);
    expect(item).toMatchObject({
      formId: quoteId,
      nodeId: 'manager_approval',
      nodeName: { zh: '销售经理审批', en: 'Sales manager approval' },
      status: 'open',
      title: 'Inbox Ltd',
      assignee: { username: 'manager1' },
      submitter: { username: 'rep1' },
    });
    expect(Date.parse(item!.createdAt)).not.toBeNaN();
    const repTodo = await app.request<Page>('GET', '/api/tasks?view=todo', { token: rep1 });
    expect(repTodo.body.items.map((t) => t.recordId)).not.toContain(record.id);
  });

  it('moves a decided task to done, and shows the submitter where the process stands', async () => {
    const record = await submitQuote(15, 'Done Co');
    const started = await app.request<Page>('GET', '/api/tasks?view=started', { token: rep1 });
    expect(started.body.items.find((t) => t.recordId === record.id)).toMatchObject({
      nodeId: 'manager_approval',
      status: 'open',
      assignee: null,
    });
    const task = await openTaskOf(record.id, manager1);
    const res = await app.request<{ task: { status: string }; record: RecordView }>(
      'POST',
      `/api/tasks/${task.id}/actions`,
      {
        token: manager1,
        body: { action: 'approve', comment: 'Fine' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.record.data.status).toBe('approved');
    const done = await app.request<Page>('GET', '/api/tasks?view=done', { token: manager1 });
    expect(done.body.items.find((t) => t.id === task.id)).toMatchObject({
      status: 'completed',
      action: 'approve',
      comment: 'Fine',
    });
    const todo = await app.request<Page>('GET', '/api/tasks?view=todo', { token: manager1 });
    expect(todo.body.items.map((t) => t.id)).not.toContain(task.id);
    const after = await app.request<Page>('GET', '/api/tasks?view=started', { token: rep1 });
    expect(after.body.items.find((t) => t.recordId === record.id)).toMatchObject({
      status: 'completed',
      action: 'approved',
      nodeId: 'end_approved',
    });
  });

  it('has a carbon-copy view that holds only cc tasks', async () => {
    const cc = await app.request<Page>('GET', '/api/tasks?view=cc', { token: manager1 });
    expect(cc.status).toBe(200);
    const ccRows: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE u.username = 'manager1' AND t.kind = 'cc'`,
    );
    expect(cc.body.items).toHaveLength(ccRows[0]!.n);
  });

  it('pages the to-do view', async () => {
    for (let i = 0; i < 3; i++) await submitQuote(12, `Paged ${i}`);
    const first = await app.request<Page>('GET', '/api/tasks?view=todo&limit=2', {
      token: manager1,
    });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await app.request<Page>(
      'GET',
      `/api/tasks?view=todo&limit=2&cursor=${first.body.nextCursor}`,
      { token: manager1 },
    );
    const ids = [...first.body.items, ...second.body.items].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses an unknown view', async () => {
    const res = await app.request<Envelope>('GET', '/api/tasks?view=everything', {
      token: manager1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_view');
  });
});

describe('task actions', () => {
  it('refuses a decision by someone who is not the assignee, and changes nothing', async () => {
    const record = await submitQuote(15, 'Not Yours');
    const task = await openTaskOf(record.id, manager1);
    const before = await countRows(app, 'record_events');
    const res = await app.request<Envelope>('POST', `/api/tasks/${task.id}/actions`, {
      token: director1,
      body: { action: 'approve' },
    });
    expect(res.status).toBe(403);
    expect(await countRows(app, 'record_events')).toBe(before);
    expect((await openTaskOf(record.id, manager1)).id).toBe(task.id);
  });

  it('answers 409 to a second decision on the same task', async () => {
    const record = await submitQuote(15, 'Twice');
    const task = await openTaskOf(record.id, manager1);
    expect(
      (
        await app.request('POST', `/api/tasks/${task.id}/actions`, {
          token: manager1,
          body: { action: 'approve' },
        })
      ).status,
    ).toBe(200);
    const again = await app.request<Envelope>('POST', `/api/tasks/${task.id}/actions`, {
      token: manager1,
      body: { action: 'reject' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('task_not_open');
  });

  it('lets exactly one of 30 concurrent decisions on one task win', async () => {
    const record = await submitQuote(25, 'Race');
    const task = await openTaskOf(record.id, manager1);
    const auditBefore = await countRows(app, 'audit_log');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.request('POST', `/api/tasks/${task.id}/actions`, {
          token: manager1,
          body: { action: i % 2 ? 'approve' : 'reject' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    expect(await countRows(app, 'audit_log')).toBe(auditBefore + 1);
    const decided: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM record_events WHERE record_id = $1 AND type IN ('task_approved', 'task_rejected')`,
      [record.id],
    );
    expect(decided[0]!.n).toBe(1);
  });

  it.each([
    ['an unknown action', { action: 'maybe' }],
    ['a missing action', { comment: 'hi' }],
    ['an overlong comment', { action: 'approve', comment: 'x'.repeat(2001) }],
    ['unexpected keys', { action: 'approve', status: 'approved' }],
  ])('refuses %s with 400', async (_name, body) => {
    const record = await submitQuote(15, 'Bad Body');
    const task = await openTaskOf(record.id, manager1);
    const res = await app.request<Envelope>('POST', `/api/tasks/${task.id}/actions`, {
      token: manager1,
      body,
    });
    expect(res.status).toBe(400);
    expect((await openTaskOf(record.id, manager1)).id).toBe(task.id);
  });

  it('refuses field changes at a node that allows none', async () => {
    const record = await submitQuote(15, 'No Edits');
    const task = await openTaskOf(record.id, manager1);
    const res = await app.request<Envelope>('POST', `/api/tasks/${task.id}/actions`, {
      token: manager1,
      body: { action: 'approve', data: { discount_pct: 1 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('field_not_editable');
    const fresh = await app.request<RecordView>('GET', `/api/records/${record.id}`, {
      token: manager1,
    });
    expect(fresh.body.data.discount_pct).toBe(15);
  });

  it('answers 404 for a task that does not exist', async () => {
    const res = await app.request<Envelope>(
      'POST',
      '/api/tasks/00000000-0000-4000-8000-000000000000/actions',
      {
        token: manager1,
        body: { action: 'approve' },
      },
    );
    expect(res.status).toBe(404);
  });
});
