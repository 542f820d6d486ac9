import type { JsonObject } from '@liuyun/definitions';
import type { AutomationRunView } from '../src/modules/automations/automation.types';
import { AutomationLab, line, step } from './automations-app.fixture';
import { node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

// Record and process triggers, each action, the run log, re-runs and the chain limit,
// over HTTP on a real database; runs go through the job worker (`drain`), never a sleep.
let app: TestApp;
let lab: AutomationLab;
let receiver: WebhookReceiver;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  receiver = await startWebhookReceiver();
  lab = new AutomationLab(app);
  await lab.setUpOps();
});

afterAll(async () => {
  await app.close();
  await receiver.close();
});

const only = (runs: AutomationRunView[]): AutomationRunView => {
  expect(runs).toHaveLength(1);
  return runs[0]!;
};

describe('record_created', () => {
  it('creates a record, notifies and calls a webhook, once per new record', async () => {
    const a = await lab.create({
      key: 'welcome',
      name: { zh: '欢迎', en: 'Welcome' },
      trigger: { kind: 'record_created', form: 'lead' },
      flow: line(
        step.create('mk', 'task', {
          title: { cat: ['Call ', { var: 'name' }] },
          lead: { var: 'name' },
        }),
        step.notify('tell', ['manager1'], 'New lead {{name}}'),
        step.webhook('hook', `${receiver.url}/leads`, { name: { var: 'name' } }),
      ),
    });
    const lead = await lab.submit('rep1', { name: 'Acme' }, 'lead');
    expect(await lab.runs(a.id)).toMatchObject([{ status: 'queued', recordId: lead.id, depth: 0 }]);
    await lab.drain();

    const run = only(await lab.runs(a.id));
    expect(run.status).toBe('succeeded');
    expect(run.effects.map((e) => e.type)).toEqual([
      'create',
      'notify',
      'webhook',
      'ended',
      'path',
    ]);
    const tasks = await lab.rows('task');
    expect(tasks.map((t) => t.data)).toEqual([{ title: 'Call Acme', lead: 'Acme' }]);
    // The new record belongs to the submitter of the triggering record.
    expect(tasks[0]!.created_by).toBe(lab.uid('rep1'));
    const notes: { message: { en: string } }[] = await app.db.query(
      'SELECT message FROM notifications WHERE user_id = $1 AND record_id = $2',
      [lab.uid('manager1'), lead.id],
    );
    expect(notes.map((n) => n.message.en)).toEqual(['New lead Acme']);
    const calls = receiver.calls.filter((c) => c.path === '/leads');
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toEqual({ name: 'Acme' });
    expect(calls[0]!.headers['idempotency-key']).toMatch(
      new RegExp(`^automation:${run.id}:hook:\\d+$`),
    );
    const timeline = (await lab.record(lead.id)).timeline ?? [];
    expect(timeline.find((t) => t.type === 'automation_run')?.details).toMatchObject({
      automation: 'welcome',
      status: 'succeeded',
      runId: run.id,
    });
    await lab.drain();
    expect(await lab.runs(a.id)).toHaveLength(1);
    await lab.disable(a);
  });
});

describe('record_updated', () => {
  it('fires only when a watched field changes and the condition holds, and may update the record', async () => {
    const a = await lab.create({
      key: 'qualify',
      name: { zh: '合格', en: 'Qualify' },
      trigger: {
        kind: 'record_updated',
        form: 'lead',
        watchFields: ['status'],
        condition: {
          and: [
            { '==': [{ var: 'status' }, 'qualified'] },
            { '!=': [{ var: '$before.status' }, 'qualified'] },
          ],
        },
      },
      flow: line(step.update('score', { score: { '+': [{ var: 'amount' }, 100] } })),
    });
    const lead = await lab.submit('rep1', { name: 'Beta', amount: 5, status: 'new' }, 'lead');
    await lab.edit(lead.id, { amount: 7 }, 'rep1'); // not watched
    await lab.edit(lead.id, { status: 'lost' }, 'rep1'); // condition false
    await lab.drain();
    expect(await lab.runs(a.id)).toHaveLength(0);

    await lab.edit(lead.id, { status: 'qualified' }, 'rep1');
    await lab.drain();
    const run = only(await lab.runs(a.id));
    expect(run).toMatchObject({ status: 'succeeded', depth: 0 });
    expect(run.input).toMatchObject({ name: 'Beta', status: 'qualified', amount: 7 });
    const after = await lab.record(lead.id);
    expect(after.data.score).toBe(107);
    // Its own write (score) is not a watched field: no second run.
    await lab.drain();
    expect(await lab.runs(a.id)).toHaveLength(1);
    await lab.disable(a);
  });
});

describe('record_deleted and DELETE /api/records/{id}', () => {
  it('lets the submitter delete, keeps the timeline and audit, and runs on the last data', async () => {
    const a = await lab.create({
      key: 'gone',
      name: { zh: '删除', en: 'Gone' },
      trigger: { kind: 'record_deleted', form: 'lead' },
      flow: line(step.create('log', 'task', { title: { cat: ['Deleted ', { var: 'name' }] } })),
    });
    const lead = await lab.submit('rep1', { name: 'Gamma' }, 'lead');
    const del = (as: string) =>
      lab.token(as).then((token) => app.request('DELETE', `/api/records/${lead.id}`, { token }));
    expect((await del('rep2')).status).toBe(404); // cannot even see it
    expect((await del('rep1')).status).toBe(204);
    expect((await del('rep1')).status).toBe(404);
    await lab.drain();
    expect(only(await lab.runs(a.id))).toMatchObject({
      status: 'succeeded',
      input: { name: 'Gamma' },
    });
    expect((await lab.rows('task')).map((t) => t.data.title)).toContain('Deleted Gamma');
    expect((await lab.rows('lead')).map((r) => r.id)).not.toContain(lead.id);
    const events: { type: string }[] = await app.db.query(
      'SELECT type FROM record_events WHERE record_id = $1 ORDER BY seq',
      [lead.id],
    );
    expect(events.map((e) => e.type)).toEqual([
      'record_submitted',
      'record_deleted',
      'automation_run',
    ]);
    const audit: unknown[] = await app.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'record.delete' AND entity_id = $1`,
      [lead.id],
    );
    expect(audit).toHaveLength(1);
    await lab.disable(a);
  });

  it('refuses to delete a record whose process still runs', async () => {
    const deal = await lab.submit('rep1', { title: 'Running' }, 'deal');
    const res = await app.request<{ error: { code: string } }>(
      'DELETE',
      `/api/records/${deal.id}`,
      {
        token: await lab.token('rep1'),
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('record_has_running_process');
  });
});

describe('process triggers', () => {
  it('process_ended fires on the outcome it names; process_reached_node once per entry', async () => {
    const won = await lab.create({
      key: 'won',
      name: { zh: '赢单', en: 'Won' },
      trigger: { kind: 'process_ended', form: 'deal', outcome: 'approved' },
      flow: line(step.create('t', 'task', { title: { cat: ['Won ', { var: 'title' }] } })),
    });
    const reached = await lab.create({
      key: 'in_review',
      name: { zh: '审核中', en: 'In review' },
      trigger: { kind: 'process_reached_node', form: 'deal', nodeId: 'review' },
      flow: line(step.notify('n', ['director1'], '{{title}} is in review')),
    });
    const yes = await lab.submit('rep1', { title: 'Yes deal' }, 'deal');
    const no = await lab.submit('rep1', { title: 'No deal' }, 'deal');
    await lab.drain();
    expect((await lab.runs(reached.id)).map((r) => r.recordId).sort()).toEqual(
      [yes.id, no.id].sort(),
    );
    expect(await lab.runs(won.id)).toHaveLength(0);

    expect((await lab.act(yes.id, 'manager1', { action: 'approve' })).status).toBe(200);
    expect((await lab.act(no.id, 'manager1', { action: 'reject' })).status).toBe(200);
    await lab.drain();
    const run = only(await lab.runs(won.id));
    expect(run).toMatchObject({
      status: 'succeeded',
      recordId: yes.id,
      trigger: { outcome: 'approved' },
    });
    expect((await lab.rows('task')).map((t) => t.data.title)).toContain('Won Yes deal');
    expect(await lab.runs(reached.id)).toHaveLength(2);
    await lab.disable(won);
    await lab.disable(reached);
  });
});

describe('actions', () => {
  it('branches, queries, upserts and deletes across forms', async () => {
    const flow = {
      key: 'sync',
      name: { zh: 'sync', en: 'sync' },
      nodes: [
        node.start(),
        step.query('q', {
          form: 'task',
          aggregate: 'count',
          match: { '==': [{ var: 'lead' }, { var: '$source.name' }] },
          into: 'open_tasks',
        }),
        node.of('split', 'exclusive', {}),
        step.create(
          'up',
          'task',
          {
            title: { cat: ['Follow up ', { var: 'name' }] },
            lead: { var: 'name' },
            amount: { var: 'open_tasks' },
          },
          { mode: 'upsert', match: { '==': [{ var: 'lead' }, { var: '$source.name' }] } },
        ),
        step.remove('drop', {
          form: 'task',
          match: { '==': [{ var: 'lead' }, { var: '$source.name' }] },
        }),
        node.end(),
      ],
      edges: [
        { id: 's1', source: 'start', target: 'q' },
        { id: 's2', source: 'q', target: 'split' },
        {
          id: 's3',
          source: 'split',
          target: 'drop',
          condition: { '==': [{ var: 'status' }, 'lost'] },
          priority: 1,
        },
        { id: 's4', source: 'split', target: 'up', isDefault: true },
        { id: 's5', source: 'up', target: 'end' },
        { id: 's6', source: 'drop', target: 'end' },
      ],
    };
    const a = await lab.create({
      key: 'sync',
      name: { zh: '同步', en: 'Sync' },
      trigger: { kind: 'record_updated', form: 'lead', watchFields: ['status', 'amount'] },
      flow,
    });
    const lead = await lab.submit('rep1', { name: 'Delta', status: 'new' }, 'lead');
    const tasksOf = async () => (await lab.rows('task')).filter((t) => t.data.lead === 'Delta');

    await lab.edit(lead.id, { amount: 1 }, 'rep1');
    await lab.drain();
    expect((await tasksOf()).map((t) => t.data)).toEqual([
      { title: 'Follow up Delta', lead: 'Delta', amount: 0 },
    ]);
    await lab.edit(lead.id, { amount: 2 }, 'rep1');
    await lab.drain();
    // Upserted: the same task, now counting itself.
    expect((await tasksOf()).map((t) => t.data.amount)).toEqual([1]);

    await lab.edit(lead.id, { status: 'lost' }, 'rep1');
    await lab.drain();
    expect(await tasksOf()).toEqual([]);
    const runs = await lab.runs(a.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(runs[0]!.effects.find((e) => e.type === 'delete')?.recordIds).toHaveLength(1);
    await lab.disable(a);
  });

  it('a failing step rolls the whole run back, logs it failed and raises an incident', async () => {
    const a = await lab.create({
      key: 'broken',
      name: { zh: '坏', en: 'Broken' },
      trigger: {
        kind: 'record_created',
        form: 'lead',
        condition: { '==': [{ var: 'name' }, 'Bad'] },
      },
      flow: line(
        step.create('first', 'task', { title: 'made before the failure' }),
        step.create('bad', 'task', { amount: 1 }), // no title: the task form refuses it
      ),
    });
    const lead = await lab.submit('rep1', { name: 'Bad' }, 'lead');
    await lab.submit('rep1', { name: 'Good' }, 'lead');
    await lab.drain();
    const run = only(await lab.runs(a.id));
    expect(run).toMatchObject({ status: 'failed', error: { code: 'automation_record_invalid' } });
    expect((await lab.rows('task')).map((t) => t.data.title)).not.toContain(
      'made before the failure',
    );
    const incidents: { code: string; record_id: string }[] = await app.db.query(
      `SELECT code, record_id FROM incidents WHERE code = 'automation_failed'`,
    );
    expect(incidents).toEqual([{ code: 'automation_failed', record_id: lead.id }]);
    expect((await lab.runs(a.id, 'failed')).map((r) => r.id)).toEqual([run.id]);
    expect(await lab.runs(a.id, 'succeeded')).toEqual([]);
    await lab.disable(a);
  });
});

describe('run log and re-run', () => {
  it('re-runs with the same input as a new run; admins only', async () => {
    const a = await lab.create({
      key: 'copy',
      name: { zh: '复制', en: 'Copy' },
      trigger: {
        kind: 'record_created',
        form: 'lead',
        condition: { '==': [{ var: 'name' }, 'Echo'] },
      },
      flow: line(step.create('c', 'task', { title: { cat: ['Echo of ', { var: 'name' }] } })),
    });
    await lab.submit('rep1', { name: 'Echo' }, 'lead');
    await lab.drain();
    const first = only(await lab.runs(a.id));
    const denied = await app.request('POST', `/api/automation-runs/${first.id}/rerun`, {
      token: await lab.token('rep1'),
    });
    expect(denied.status).toBe(403);
    expect(
      (await app.request('GET', '/api/automation-runs', { token: await lab.token('rep1') })).status,
    ).toBe(403);
    const res = await app.request<AutomationRunView>(
      'POST',
      `/api/automation-runs/${first.id}/rerun`,
      {
        token: await lab.token('admin'),
      },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', rerunOf: first.id, input: first.input });
    await lab.drain();
    const runs = await lab.runs(a.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect((await lab.rows('task')).filter((t) => t.data.title === 'Echo of Echo')).toHaveLength(2);
    const one = await app.request<AutomationRunView>('GET', `/api/automation-runs/${res.body.id}`, {
      token: await lab.token('admin'),
    });
    expect(one.body).toMatchObject({
      trigger: { kind: 'rerun', of: first.id },
      automationKey: 'copy',
    });
    await lab.disable(a);
  });
});

describe('chain depth', () => {
  it('stops a chain of automations past the limit with an incident', async () => {
    for (let i = 1; i <= 6; i++) {
      await lab.create({
        key: `chain${i}`,
        name: { zh: `链${i}`, en: `Chain ${i}` },
        trigger: { kind: 'record_created', form: `c${i}` },
        flow: line(step.create('next', `c${i + 1}`, { n: { '+': [{ var: 'n' }, 1] } })),
      });
    }
    await lab.submit('rep1', { n: 1 }, 'c1');
    await lab.drain();
    const counts: JsonObject = {};
    for (let i = 2; i <= 7; i++) counts[`c${i}`] = (await lab.rows(`c${i}`)).length;
    expect(counts).toEqual({ c2: 1, c3: 1, c4: 1, c5: 1, c6: 1, c7: 0 });
    const runs: { key: string; status: string; depth: number; error: { code: string } | null }[] =
      await app.db.query(
        `SELECT a.key, r.status, r.depth, r.error FROM automation_runs r JOIN automations a ON a.id = r.automation_id
          WHERE a.key LIKE 'chain%' ORDER BY r.depth`,
      );
    expect(runs.map((r) => `${r.key}:${r.status}:${r.depth}`)).toEqual([
      'chain1:succeeded:0',
      'chain2:succeeded:1',
      'chain3:succeeded:2',
      'chain4:succeeded:3',
      'chain5:succeeded:4',
      'chain6:failed:5',
    ]);
    expect(runs[5]!.error?.code).toBe('automation_chain_too_deep');
    const incidents: unknown[] = await app.db.query(
      `SELECT 1 FROM incidents WHERE code = 'automation_chain_too_deep'`,
    );
    expect(incidents).toHaveLength(1);
  });
});
