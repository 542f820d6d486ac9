import { createHmac } from 'node:crypto';
import type { NotifyChannel } from '@liuyun/definitions';
import { edge, flow, Lab, node } from './support/lab-app';
import { startSmtpSink, type SinkMail, type SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';
import {
  startWebhookReceiver,
  type ReceivedCall,
  type WebhookReceiver,
} from './support/webhook-receiver';

interface Incident {
  id: string;
  code: string;
  status: string;
  jobId: string | null;
  recordId: string | null;
  nodeId: string | null;
}

interface TimelineItem {
  type: string;
  details?: {
    channels?: string[];
    skipped?: { channel: string; reason: string; userIds?: string[] }[];
  };
}

const ALL: NotifyChannel[] = ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'];
const SECRET = 'SEC-test-secret';
const farFuture = () => new Date(Date.now() + 24 * 3600 * 1000);

let app: TestApp;
let sink: SmtpSink;
let robots: WebhookReceiver;
let lab: Lab;

const callsTo = (platform: string): ReceivedCall[] =>
  robots.calls.filter((c) => c.path.startsWith(`/${platform}/`));
const mailTo = (address: string): SinkMail[] => sink.mails.filter((m) => m.to.includes(address));

function notifyFlow(key: string, usernames: string[], channels?: NotifyChannel[]) {
  return flow(
    key,
    [
      node.start(),
      node.of('tell', 'notify', {
        recipients: usernames.map((username) => ({ kind: 'user', username })),
        message: {
          zh: '新申请 {{title}} 金额 {{amount}}',
          en: 'New request {{title}}, amount {{amount}}',
        },
        ...(channels ? { channels } : {}),
      }),
      node.end(),
    ],
    [edge('start', 'tell'), edge('tell', 'end')],
  );
}

/**
 * Publishes the flow and submits a record as rep1: the record, its instance and the
 * notification's key (`<instance>:<node>:<activation>`, as the in-app rows carry it).
 */
async function run(
  f: ReturnType<typeof notifyFlow>,
  title: string,
): Promise<{ recordId: string; instanceId: string; key: string }> {
  await lab.publish(f);
  const r = await lab.submit('rep1', { title, amount: 1200 });
  const instanceId = (await lab.record(r.id)).process!.id;
  const rows: { idempotency_key: string }[] = await app.db.query(
    'SELECT DISTINCT idempotency_key FROM notifications WHERE instance_id = $1',
    [instanceId],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]!.idempotency_key).toMatch(new RegExp(`^${instanceId}:tell:\\d+$`));
  return { recordId: r.id, instanceId, key: rows[0]!.idempotency_key };
}

async function setPreferences(username: string, body: object): Promise<void> {
  const res = await app.request('POST', '/api/notifications/preferences', {
    token: await lab.token(username),
    body,
  });
  expect(res.status).toBe(200);
}

async function inAppRecordIds(username: string): Promise<string[]> {
  const res = await app.request<{ items: { recordId: string }[] }>('GET', '/api/notifications', {
    token: await lab.token(username),
  });
  return res.body.items.map((i) => i.recordId);
}

async function notifyJobs(instanceId: string): Promise<string[]> {
  const rows: { kind: string }[] = await app.db.query(
    `SELECT kind FROM jobs WHERE instance_id = $1 AND kind LIKE 'notify_%' ORDER BY kind`,
    [instanceId],
  );
  return rows.map((r) => r.kind);
}

async function notifiedLine(recordId: string): Promise<TimelineItem> {
  const timeline = ((await lab.record(recordId)) as { timeline?: TimelineItem[] }).timeline ?? [];
  const line = timeline.find((t) => t.type === 'notified');
  if (!line) throw new Error('no notified line on the timeline');
  return line;
}

beforeAll(async () => {
  sink = await startSmtpSink({ user: 'liuyun', pass: 'p@ss word' });
  robots = await startWebhookReceiver();
  app = await startTestApp({
    env: {
      LIUYUN_SMTP_URL: sink.url(),
      LIUYUN_MAIL_FROM: '流云 <notify@liuyun.test>',
      LIUYUN_DINGTALK_WEBHOOK: `${robots.url}/dingtalk/robot/send?access_token=tok`,
      LIUYUN_DINGTALK_SECRET: SECRET,
      LIUYUN_WECOM_WEBHOOK: `${robots.url}/wecom/cgi-bin/webhook/send?key=k1`,
      LIUYUN_FEISHU_WEBHOOK: `${robots.url}/feishu/open-apis/bot/v2/hook/h1`,
    },
  });
  lab = new Lab(app);
  await lab.setUp();
  // The demo records' deadline timers are not what these tests count: passes far ahead
  // should meet notification jobs only.
  await app.db.query(`UPDATE jobs SET status = 'cancelled' WHERE status = 'pending'`);
  await setPreferences('rep2', { channels: ALL, email: 'rep2@example.com' });
  await setPreferences('manager1', {
    channels: ['in_app', 'email', 'dingtalk'],
    email: 'manager1@example.com',
  });
  // Opted in to e-mail but left no address.
  await setPreferences('director1', { channels: ['in_app', 'email'] });
});

afterAll(async () => {
  await app.close();
  await sink.close();
  await robots.close();
});

beforeEach(() => {
  sink.mails.length = 0;
  robots.calls.length = 0;
  robots.answerWith([], 200);
  sink.refuseNext(0);
});

describe('notify over e-mail and the chat robots, through the outbox', () => {
  it('sends one mail per opted-in recipient and one message per robot, once', async () => {
    const { recordId, instanceId, key } = await run(
      notifyFlow('tell_all', ['rep2', 'manager1', 'director1', 'legal1'], ALL),
      'Server',
    );
    // Nothing leaves before the worker runs: the step only wrote jobs.
    expect(sink.mails).toHaveLength(0);
    expect(await notifyJobs(instanceId)).toEqual([
      'notify_dingtalk',
      'notify_email',
      'notify_email',
      'notify_feishu',
      'notify_wecom',
    ]);
    expect(await app.worker.drain()).toBe(5);

    expect(sink.mails.map((m) => m.to).sort()).toEqual([
      ['manager1@example.com'],
      ['rep2@example.com'],
    ]);
    for (const username of ['rep2', 'manager1']) {
      const [mail] = mailTo(`${username}@example.com`);
      expect(mail!.from).toBe('notify@liuyun.test');
      expect(mail!.subject).toBe('新申请 Server 金额 1200 | New request Server, amount 1200');
      expect(mail!.text).toContain('新申请 Server 金额 1200');
      expect(mail!.text).toContain('New request Server, amount 1200');
      expect(mail!.headers.get('x-idempotency-key')).toBe(`${key}:email:${lab.uid(username)}`);
      expect(mail!.headers.get('message-id')).toBe(
        `<${key.replace(/:/g, '.')}.email.${lab.uid(username)}@liuyun.test>`,
      );
    }

    const expectations: [string, string[], (body: unknown) => string][] = [
      [
        'dingtalk',
        ['李销售 Rep Li', '钱经理 Manager Qian'],
        (b) => (b as { text: { content: string } }).text.content,
      ],
      ['wecom', ['李销售 Rep Li'], (b) => (b as { text: { content: string } }).text.content],
      ['feishu', ['李销售 Rep Li'], (b) => (b as { content: { text: string } }).content.text],
    ];
    for (const [platform, names, contentOf] of expectations) {
      const calls = callsTo(platform);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.headers['idempotency-key']).toBe(`${key}:${platform}`);
      const body: unknown = JSON.parse(calls[0]!.body);
      expect(body).toMatchObject(
        platform === 'feishu' ? { msg_type: 'text' } : { msgtype: 'text' },
      );
      const content = contentOf(body);
      expect(content).toContain('新申请 Server 金额 1200');
      expect(content).toContain('New request Server, amount 1200');
      for (const name of names) expect(content).toContain(name);
      expect(content).not.toContain('周法务');
    }

    // Everyone has it in the app, opted in or not.
    for (const username of ['rep2', 'manager1', 'director1', 'legal1'])
      expect(await inAppRecordIds(username)).toContain(recordId);

    const line = await notifiedLine(recordId);
    expect(line.details?.channels).toEqual(['email', 'dingtalk', 'wecom', 'feishu']);
    const ids = (names: string[]) => names.map((n) => lab.uid(n)).sort();
    expect(
      (line.details?.skipped ?? []).map((s) => ({ ...s, userIds: [...(s.userIds ?? [])].sort() })),
    ).toEqual([
      { channel: 'email', reason: 'not_opted_in', userIds: ids(['legal1']) },
      { channel: 'email', reason: 'no_address', userIds: ids(['director1']) },
      { channel: 'dingtalk', reason: 'not_opted_in', userIds: ids(['director1', 'legal1']) },
      {
        channel: 'wecom',
        reason: 'not_opted_in',
        userIds: ids(['manager1', 'director1', 'legal1']),
      },
      {
        channel: 'feishu',
        reason: 'not_opted_in',
        userIds: ids(['manager1', 'director1', 'legal1']),
      },
    ]);

    // Delivered once: a further pass, even far ahead, sends nothing again.
    expect(await app.worker.drain({ asOf: farFuture() })).toBe(0);
    expect(sink.mails).toHaveLength(2);
    expect(robots.calls).toHaveLength(3);
  });

  it('gives a recipient who did not opt in the in-app notification only', async () => {
    const { recordId, instanceId } = await run(notifyFlow('tell_legal', ['legal2'], ALL), 'Quiet');
    expect(await notifyJobs(instanceId)).toEqual([]);
    await app.worker.drain();
    expect(sink.mails).toHaveLength(0);
    expect(robots.calls).toHaveLength(0);
    expect(await inAppRecordIds('legal2')).toContain(recordId);
  });

  it('keeps to in-app when the notify does not ask for other channels', async () => {
    const { recordId, instanceId } = await run(notifyFlow('tell_default', ['rep2']), 'Plain');
    expect(await notifyJobs(instanceId)).toEqual([]);
    await app.worker.drain();
    expect(sink.mails).toHaveLength(0);
    expect(robots.calls).toHaveLength(0);
    expect(await inAppRecordIds('rep2')).toContain(recordId);
    expect((await notifiedLine(recordId)).details?.skipped).toBeUndefined();
  });

  it('signs DingTalk calls with a timestamp and the HMAC-SHA256 sign', async () => {
    const before = Date.now();
    await run(notifyFlow('tell_ding', ['manager1'], ['dingtalk']), 'Signed');
    await app.worker.drain();
    const after = Date.now();
    const [call] = callsTo('dingtalk');
    const url = new URL(call!.path, robots.url);
    expect(url.searchParams.get('access_token')).toBe('tok');
    const timestamp = url.searchParams.get('timestamp')!;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(after);
    const expected = createHmac('sha256', SECRET)
      .update(`${timestamp}\n${SECRET}`)
      .digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    // The sign travels URL-encoded (base64's + / = escaped).
    expect(call!.path).toContain(`sign=${encodeURIComponent(expected)}`);
    // WeCom and Feishu were not asked for.
    expect(robots.calls).toHaveLength(1);
  });

  it('retries a refusing SMTP server, raises an incident, and an admin retry delivers once', async () => {
    sink.refuseNext(5);
    const run1 = await run(notifyFlow('tell_mail', ['manager1'], ['email']), 'Retry');
    const key = `${run1.key}:email:${lab.uid('manager1')}`;
    const status = async () =>
      (
        (await app.db.query('SELECT status, attempts FROM jobs WHERE idempotency_key = $1', [
          key,
        ])) as { status: string; attempts: number }[]
      )[0];

    expect(await app.worker.runOnce()).toBe(1);
    expect(await status()).toEqual({ status: 'pending', attempts: 1 });
    // Backed off: not due again yet.
    expect(await app.worker.runOnce()).toBe(0);
    for (let i = 2; i <= 5; i++) expect(await app.worker.runOnce({ asOf: farFuture() })).toBe(1);
    expect(await status()).toEqual({ status: 'failed', attempts: 5 });
    expect(sink.refused).toBe(5);
    expect(sink.mails).toHaveLength(0);

    const admin = await lab.token('admin');
    const open = await app.request<Incident[]>('GET', '/api/incidents', { token: admin });
    const incident = open.body.find(
      (i) => i.code === 'notify_email_failed' && i.recordId === run1.recordId,
    );
    expect(incident).toMatchObject({ status: 'open', nodeId: 'tell' });
    expect(incident!.jobId).not.toBeNull();

    const retried = await app.request<Incident>('POST', `/api/incidents/${incident!.id}/retry`, {
      token: admin,
    });
    expect(retried.status).toBe(200);
    expect(await app.worker.drain()).toBe(1);
    expect(await status()).toEqual({ status: 'done', attempts: 1 });
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.headers.get('x-idempotency-key')).toBe(key);
    expect(sink.mails[0]!.subject).toContain('Retry');

    expect(await app.worker.drain({ asOf: farFuture() })).toBe(0);
    expect(sink.mails).toHaveLength(1);
  });

  it('retries a robot that answers with an error status, then delivers once', async () => {
    robots.answerWith([503], 200);
    const { key } = await run(notifyFlow('tell_wecom', ['rep2'], ['wecom']), 'Flaky');
    expect(await app.worker.runOnce()).toBe(1);
    expect(callsTo('wecom')).toHaveLength(1);
    expect(await app.worker.drain({ asOf: farFuture() })).toBe(1);
    expect(callsTo('wecom')).toHaveLength(2);
    expect(new Set(callsTo('wecom').map((c) => c.headers['idempotency-key']))).toEqual(
      new Set([`${key}:wecom`]),
    );
  });
});
