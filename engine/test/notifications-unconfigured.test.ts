import { edge, flow, Lab, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

interface TimelineItem {
  type: string;
  details?: { channels?: string[]; skipped?: { channel: string; reason: string }[] };
}

let app: TestApp;
let robot: WebhookReceiver;
let lab: Lab;

// An engine with DingTalk (unsigned) as its only external channel.
beforeAll(async () => {
  robot = await startWebhookReceiver();
  app = await startTestApp({
    env: { LIUYUN_DINGTALK_WEBHOOK: `${robot.url}/robot/send?access_token=plain` },
  });
  lab = new Lab(app);
  await lab.setUp();
  const res = await app.request('POST', '/api/notifications/preferences', {
    token: await lab.token('rep2'),
    body: { channels: ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'], email: 'rep2@x.cn' },
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await app.close();
  await robot.close();
});

describe('notify on an engine where most channels are not configured', () => {
  it('skips them with a timeline note and delivers the rest', async () => {
    await lab.publish(
      flow(
        'tell',
        [
          node.start(),
          node.of('tell', 'notify', {
            recipients: [{ kind: 'user', username: 'rep2' }],
            message: { zh: '你好 {{title}}', en: 'Hello {{title}}' },
            channels: ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'],
          }),
          node.end(),
        ],
        [edge('start', 'tell'), edge('tell', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'plain' });
    const instanceId = (await lab.record(r.id)).process!.id;

    const jobs: { kind: string }[] = await app.db.query(
      `SELECT kind FROM jobs WHERE instance_id = $1 AND kind LIKE 'notify_%'`,
      [instanceId],
    );
    expect(jobs.map((j) => j.kind)).toEqual(['notify_dingtalk']);

    const timeline = ((await lab.record(r.id)) as { timeline?: TimelineItem[] }).timeline ?? [];
    const line = timeline.find((t) => t.type === 'notified');
    expect(line?.details?.channels).toEqual(['dingtalk']);
    expect(line?.details?.skipped).toEqual([
      { channel: 'email', reason: 'not_configured' },
      { channel: 'wecom', reason: 'not_configured' },
      { channel: 'feishu', reason: 'not_configured' },
    ]);

    await app.worker.drain();
    expect(robot.calls).toHaveLength(1);
    const url = new URL(robot.calls[0]!.path, robot.url);
    // Unsigned mode: the robot URL as configured, no timestamp or sign.
    expect([...url.searchParams.keys()]).toEqual(['access_token']);
    const body = JSON.parse(robot.calls[0]!.body) as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toContain('你好 plain');
    expect(body.text.content).toContain('Hello plain');

    const inbox = await app.request<{ items: { recordId: string; message: { en: string } }[] }>(
      'GET',
      '/api/notifications',
      { token: await lab.token('rep2') },
    );
    expect(inbox.body.items.find((i) => i.recordId === r.id)?.message.en).toBe('Hello plain');
  });
});
