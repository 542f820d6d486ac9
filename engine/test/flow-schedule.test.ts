import type { AppDefinition, FormDefinition } from '@liuyun/definitions';
import {
  FLOW_DATE_JOB,
  FLOW_SLOT_JOB,
  FlowSchedule,
  dueAtOfDate,
} from '../src/modules/processes/flow-schedule.service';
import { edge, flow, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// Flows whose start trigger is `schedule`: started by the host from the job queue, on a
// database clock (`drain({ asOf })`), exactly once per due time.

const label = (en: string) => ({ zh: en, en });

const reportForm: FormDefinition = {
  key: 'weekly_report',
  name: label('Weekly report'),
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      summary: {
        type: 'string',
        maxLength: 500,
        'x-widget': 'textarea',
        'x-label': label('Summary'),
      },
    },
  },
  layout: ['summary'],
};

const renewalForm: FormDefinition = {
  key: 'renewal',
  name: label('Renewal'),
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'end_date'],
    properties: {
      title: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        'x-widget': 'text',
        'x-label': label('Title'),
      },
      end_date: {
        type: 'string',
        format: 'date',
        'x-widget': 'date',
        'x-label': label('End date'),
      },
    },
  },
  layout: ['title', 'end_date'],
};

const scheduled = (key: string, settings: object) =>
  flow(
    key,
    [
      node.of('start', 'start', { trigger: 'schedule', ...settings }),
      node.approval('check', ['manager1']),
      node.end(),
    ],
    [edge('start', 'check'), edge('check', 'end', { outcome: 'approve' })],
  );

const scheduleApp: AppDefinition = {
  key: 'sched',
  name: label('Schedules'),
  forms: [
    // Mondays 09:00 in the business calendar's UTC+8.
    { form: reportForm, flow: scheduled('weekly', { cron: '0 9 * * 1' }) },
    // 30 days before the end date.
    {
      form: renewalForm,
      flow: scheduled('renew', { dateField: 'end_date', offset: { days: -30 } }),
    },
  ],
};

let app: TestApp;
let admin: string;
let rep: string;
const formIds = new Map<string, string>();

interface JobRow {
  idempotency_key: string;
  run_at: Date;
  status: string;
}

async function jobsOf(kind: string, formId: string): Promise<JobRow[]> {
  return app.db.query(
    `SELECT idempotency_key, run_at, status FROM jobs WHERE kind = $1 AND payload->>'formId' = $2 ORDER BY run_at`,
    [kind, formId],
  );
}

async function recordsOf(formId: string): Promise<{ id: string; created_by: string }[]> {
  return app.db.query('SELECT id, created_by FROM records WHERE form_id = $1 ORDER BY created_at', [
    formId,
  ]);
}

async function instancesOf(recordId: string): Promise<{ status: string }[]> {
  return app.db.query('SELECT status FROM process_instances WHERE record_id = $1', [recordId]);
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  rep = await app.login('rep1');
  const res = await app.request<{ forms: { id: string; key: string }[] }>('POST', '/api/apps', {
    token: admin,
    body: scheduleApp,
  });
  expect(res.status).toBe(201);
  for (const f of res.body.forms) formIds.set(f.key, f.id);
});

afterAll(async () => {
  await app.close();
});

describe('cron-started flows', () => {
  it('queue one job for the next slot, however often it is planned', async () => {
    const formId = formIds.get('weekly_report')!;
    // Every process plans at start-up: planning again adds nothing.
    const schedule = app.liuyun.app.get(FlowSchedule);
    await schedule.onApplicationBootstrap();
    await schedule.onApplicationBootstrap();
    const jobs = (await jobsOf(FLOW_SLOT_JOB, formId)).filter((j) => j.status === 'pending');
    expect(jobs).toHaveLength(1);
    const slot = jobs[0]!.run_at;
    // 09:00 at UTC+8 is 01:00 UTC, on a Monday.
    expect(slot.getUTCHours()).toBe(1);
    expect(slot.getUTCMinutes()).toBe(0);
    expect(new Date(slot.getTime() + 8 * 3600_000).getUTCDay()).toBe(1);
    expect(slot.getTime()).toBeGreaterThan(Date.now());
  });

  it('start one flow per slot, with concurrent workers, and plan the slot after it', async () => {
    const formId = formIds.get('weekly_report')!;
    const [pending] = (await jobsOf(FLOW_SLOT_JOB, formId)).filter((j) => j.status === 'pending');
    const slot = pending!.run_at;

    // Just before the slot: nothing.
    await app.worker.drain({ asOf: new Date(slot.getTime() - 60_000) });
    expect(await recordsOf(formId)).toHaveLength(0);

    // At the slot, two workers race for the queue.
    await Promise.all([app.worker.drain({ asOf: slot }), app.worker.drain({ asOf: slot })]);
    await app.worker.drain({ asOf: slot });
    const records = await recordsOf(formId);
    expect(records).toHaveLength(1);
    const [publisher] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM users WHERE username = 'admin'`,
    );
    expect(records[0]!.created_by).toBe(publisher!.id);
    expect(await instancesOf(records[0]!.id)).toEqual([{ status: 'running' }]);

    // The manager got the task; the record's timeline says it was scheduled.
    const view = await app.request<{
      tasks: { nodeId: string; status: string; assignee: { username: string } }[];
      timeline: { type: string; details?: { schedule?: string } }[];
    }>('GET', `/api/records/${records[0]!.id}`, { token: admin });
    expect(view.body.tasks.map((t) => `${t.nodeId}:${t.assignee.username}:${t.status}`)).toEqual([
      'check:manager1:open',
    ]);
    expect(view.body.timeline[0]).toMatchObject({
      type: 'record_submitted',
      details: { schedule: slot.toISOString() },
    });

    // The slot is done; the next one (a week later) waits.
    const jobs = await jobsOf(FLOW_SLOT_JOB, formId);
    expect(jobs.map((j) => j.status)).toEqual(['done', 'pending']);
    expect(jobs[1]!.run_at.getTime() - slot.getTime()).toBe(7 * 86_400_000);
  });

  it('stop planning slots of a version that is no longer published', async () => {
    const formId = formIds.get('weekly_report')!;
    const [next] = (await jobsOf(FLOW_SLOT_JOB, formId)).filter((j) => j.status === 'pending');
    const before = (await recordsOf(formId)).length;
    const res = await app.request('POST', `/api/forms/${formId}/versions`, {
      token: admin,
      body: { definition: reportForm, flow: scheduled('weekly', { cron: '30 8 * * *' }) },
    });
    expect(res.status).toBe(201);
    const v2Jobs = async () =>
      (await jobsOf(FLOW_SLOT_JOB, formId)).filter((j) =>
        j.idempotency_key.startsWith(`flow-schedule:${formId}:2:`),
      );
    const planned = await v2Jobs();
    expect(planned.map((j) => j.status)).toEqual(['pending']);
    expect(planned[0]!.run_at.getUTCHours()).toBe(0);
    expect(planned[0]!.run_at.getUTCMinutes()).toBe(30);
    // v1's pending slot fires quietly; every v2 slot up to then starts one flow.
    await app.worker.drain({ asOf: next!.run_at });
    const v1Slot = await app.db.query<{ status: string }[]>(
      'SELECT status FROM jobs WHERE idempotency_key = $1',
      [next!.idempotency_key],
    );
    expect(v1Slot).toEqual([{ status: 'done' }]);
    const v2 = await v2Jobs();
    const done = v2.filter((j) => j.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(6);
    expect(v2.filter((j) => j.status === 'pending')).toHaveLength(1);
    expect((await recordsOf(formId)).length - before).toBe(done.length);
  });
});

describe('flows started relative to a date field', () => {
  const inDays = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  it('compute the due time at local midnight plus the offset', () => {
    expect(dueAtOfDate('2025-03-31', { days: -30 }, 480)?.toISOString()).toBe(
      '2025-02-28T16:00:00.000Z',
    );
    expect(dueAtOfDate('2025-03-31T10:00:00Z', { hours: 2 }, 480)?.toISOString()).toBe(
      '2025-03-31T12:00:00.000Z',
    );
    expect(dueAtOfDate('not a date', undefined, 480)).toBeNull();
    expect(dueAtOfDate(42, undefined, 480)).toBeNull();
  });

  it('start the flow on the record once, when its date comes, with concurrent workers', async () => {
    const formId = formIds.get('renewal')!;
    const endDate = inDays(60);
    const submitted = await app.request<{ id: string; process: unknown }>(
      'POST',
      `/api/forms/${formId}/records`,
      { token: rep, body: { data: { title: 'Acme renewal', end_date: endDate } } },
    );
    expect(submitted.status).toBe(201);
    // Submitting does not start a scheduled flow.
    expect(submitted.body.process).toBeNull();
    const recordId = submitted.body.id;
    const jobs = await jobsOf(FLOW_DATE_JOB, formId);
    expect(jobs).toHaveLength(1);
    const due = jobs[0]!.run_at;
    expect(due.toISOString()).toBe(dueAtOfDate(endDate, { days: -30 }, 480)!.toISOString());

    await app.worker.drain({ asOf: new Date(due.getTime() - 60_000) });
    expect(await instancesOf(recordId)).toHaveLength(0);
    await Promise.all([app.worker.drain({ asOf: due }), app.worker.drain({ asOf: due })]);
    await app.worker.drain({ asOf: due });
    expect(await instancesOf(recordId)).toEqual([{ status: 'running' }]);
    expect((await jobsOf(FLOW_DATE_JOB, formId)).map((j) => j.status)).toEqual(['done']);
  });

  it('follow a changed date: the old due time starts nothing', async () => {
    const formId = formIds.get('renewal')!;
    const submitted = await app.request<{ id: string; version: number }>(
      'POST',
      `/api/forms/${formId}/records`,
      { token: rep, body: { data: { title: 'Beta renewal', end_date: inDays(90) } } },
    );
    const recordId = submitted.body.id;
    const edited = await app.request('PATCH', `/api/records/${recordId}`, {
      token: rep,
      headers: { 'if-match': `"${submitted.body.version}"` },
      body: { data: { end_date: inDays(120) } },
    });
    expect(edited.status).toBe(200);
    const jobs = (await jobsOf(FLOW_DATE_JOB, formId)).filter((j) =>
      j.idempotency_key.includes(recordId),
    );
    expect(jobs).toHaveLength(2);
    const [first, second] = jobs;
    await app.worker.drain({ asOf: first!.run_at });
    expect(await instancesOf(recordId)).toHaveLength(0);
    await app.worker.drain({ asOf: second!.run_at });
    expect(await instancesOf(recordId)).toEqual([{ status: 'running' }]);
  });

  it('skip dates already past when the record gets them', async () => {
    const formId = formIds.get('renewal')!;
    const submitted = await app.request<{ id: string }>('POST', `/api/forms/${formId}/records`, {
      token: rep,
      body: { data: { title: 'Old renewal', end_date: inDays(10) } },
    });
    const jobs = (await jobsOf(FLOW_DATE_JOB, formId)).filter((j) =>
      j.idempotency_key.includes(submitted.body.id),
    );
    expect(jobs).toHaveLength(0);
  });
});
