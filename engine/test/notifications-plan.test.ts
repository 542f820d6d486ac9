import type { NotifyChannel } from '@liuyun/definitions';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { messageIdFor } from '../src/modules/notifications/channels/email-delivery.handler';
import {
  robotBody,
  robotRefusal,
  signDingTalkUrl,
} from '../src/modules/notifications/channels/robot.formats';
import { composeMail, composeRobotText } from '../src/modules/notifications/notification.compose';
import {
  planDeliveries,
  type DeliveryPlan,
  type RecipientPreferences,
} from '../src/modules/notifications/notification.plan';

const everything = { email: true, dingtalk: true, wecom: true, feishu: true };
const prefs = new Map<string, RecipientPreferences>([
  ['ann', { channels: ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'], email: 'ann@x.cn' }],
  ['bob', { channels: ['email', 'wecom'], email: null }],
]);

describe('planDeliveries', () => {
  const cases: {
    name: string;
    asked: NotifyChannel[] | undefined;
    recipients: string[];
    configured?: Partial<typeof everything>;
    plan: DeliveryPlan;
  }[] = [
    {
      name: 'in-app only when the notify asks for nothing',
      asked: undefined,
      recipients: ['ann', 'bob'],
      plan: { inApp: ['ann', 'bob'], emails: [], robots: [], skipped: [] },
    },
    {
      name: 'in-app for everyone even when the notify leaves it out',
      asked: ['wecom'],
      recipients: ['ann', 'carl'],
      plan: {
        inApp: ['ann', 'carl'],
        emails: [],
        robots: [{ platform: 'wecom', userIds: ['ann'] }],
        skipped: [{ channel: 'wecom', reason: 'not_opted_in', userIds: ['carl'] }],
      },
    },
    {
      name: 'e-mail for opted-in users with an address; the rest noted',
      asked: ['email'],
      recipients: ['ann', 'bob', 'carl'],
      plan: {
        inApp: ['ann', 'bob', 'carl'],
        emails: [{ userId: 'ann', address: 'ann@x.cn' }],
        robots: [],
        skipped: [
          { channel: 'email', reason: 'not_opted_in', userIds: ['carl'] },
          { channel: 'email', reason: 'no_address', userIds: ['bob'] },
        ],
      },
    },
    {
      name: 'one robot message per channel listing who opted in',
      asked: ['dingtalk', 'wecom', 'feishu'],
      recipients: ['ann', 'bob'],
      plan: {
        inApp: ['ann', 'bob'],
        emails: [],
        robots: [
          { platform: 'dingtalk', userIds: ['ann'] },
          { platform: 'wecom', userIds: ['ann', 'bob'] },
          { platform: 'feishu', userIds: ['ann'] },
        ],
        skipped: [
          { channel: 'dingtalk', reason: 'not_opted_in', userIds: ['bob'] },
          { channel: 'feishu', reason: 'not_opted_in', userIds: ['bob'] },
        ],
      },
    },
    {
      name: 'unconfigured channels skipped with a note, never an error',
      asked: ['in_app', 'email', 'dingtalk', 'feishu'],
      recipients: ['ann'],
      configured: { email: false, feishu: false },
      plan: {
        inApp: ['ann'],
        emails: [],
        robots: [{ platform: 'dingtalk', userIds: ['ann'] }],
        skipped: [
          { channel: 'email', reason: 'not_configured' },
          { channel: 'feishu', reason: 'not_configured' },
        ],
      },
    },
    {
      name: 'no robot message when nobody opted in',
      asked: ['feishu'],
      recipients: ['bob', 'carl'],
      plan: {
        inApp: ['bob', 'carl'],
        emails: [],
        robots: [],
        skipped: [{ channel: 'feishu', reason: 'not_opted_in', userIds: ['bob', 'carl'] }],
      },
    },
  ];
  it.each(cases)('$name', ({ asked, recipients, configured, plan }) => {
    expect(planDeliveries(asked, recipients, prefs, { ...everything, ...configured })).toEqual(
      plan,
    );
  });
});

describe('robot formats', () => {
  it.each([
    ['dingtalk', { msgtype: 'text', text: { content: 'hi' } }],
    ['wecom', { msgtype: 'text', text: { content: 'hi' } }],
    ['feishu', { msg_type: 'text', content: { text: 'hi' } }],
  ] as const)('%s text message', (platform, body) => {
    expect(robotBody(platform, 'hi')).toEqual(body);
  });

  it.each([
    ['{"errcode":0,"errmsg":"ok"}', null],
    ['{"code":0,"msg":"success"}', null],
    ['{"StatusCode":0}', null],
    ['{"ok":true}', null],
    ['not json', null],
    ['{"errcode":310000,"errmsg":"sign not match"}', 'errcode 310000: sign not match'],
    ['{"errcode":93000}', 'errcode 93000'],
    ['{"code":19021,"msg":"sign match fail"}', 'code 19021: sign match fail'],
    ['{"StatusCode":9499,"StatusMessage":"Bad Request"}', 'StatusCode 9499: Bad Request'],
  ])('answer %s is refused: %s', (body, refusal) => {
    expect(robotRefusal(body)).toBe(refusal);
  });

  it('signs DingTalk URLs as the platform documents (timestamp, url-encoded base64 HMAC)', () => {
    const signed = signDingTalkUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      'SECabc',
      1_700_000_000_000,
    );
    // Reference value computed independently (Python hmac/base64/quote).
    expect(signed).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D',
    );
  });
});

describe('composing the texts', () => {
  it('puts both languages in a mail, once when they are the same', () => {
    expect(composeMail({ zh: '新任务', en: 'New task' })).toEqual({
      subject: '新任务 | New task',
      text: '新任务\n\nNew task\n\n— 流云 Liuyun\n',
    });
    expect(composeMail({ zh: 'OK', en: 'OK' }).subject).toBe('OK');
  });

  it('keeps the subject to one line of at most 150 characters', () => {
    const { subject } = composeMail({ zh: 'a\nb', en: 'x'.repeat(300) });
    expect(subject.startsWith('a b | xxx')).toBe(true);
    expect(subject).toHaveLength(150);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('names the recipients in a robot message', () => {
    expect(composeRobotText({ zh: '新任务', en: 'New task' }, ['张三', '李四'])).toBe(
      '【流云 Liuyun】\n新任务\nNew task\n收件人 To: 张三、李四',
    );
  });

  it.each([
    ['a:b:c', 'Liuyun <no-reply@mail.example.cn>', '<a.b.c@mail.example.cn>'],
    ['i-1:n:2:email:u', 'notify@x.io', '<i-1.n.2.email.u@x.io>'],
    ['k', 'no address here', '<k@liuyun.invalid>'],
  ])('Message-ID of %s from %s', (key, from, id) => {
    expect(messageIdFor(key, from)).toBe(id);
  });
});

describe('channel settings in the environment', () => {
  it('reads SMTP, the sender, the robots and the DingTalk secret', () => {
    const config = loadConfig({
      LIUYUN_SMTP_URL: 'smtp://user:pa%40ss@mail.example.cn:587',
      LIUYUN_MAIL_FROM: '流云 <notify@example.cn>',
      LIUYUN_DINGTALK_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=t',
      LIUYUN_DINGTALK_SECRET: 'SECx',
      LIUYUN_WECOM_WEBHOOK: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      LIUYUN_FEISHU_WEBHOOK: 'https://open.feishu.cn/open-apis/bot/v2/hook/h',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtp://user:pa%40ss@mail.example.cn:587',
      mailFrom: '流云 <notify@example.cn>',
      dingtalkSecret: 'SECx',
      robotWebhooks: {
        dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=t',
        wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
        feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/h',
      },
    });
  });

  it('leaves every channel off by default', () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: null,
      mailFrom: 'Liuyun <no-reply@localhost>',
      dingtalkSecret: null,
      robotWebhooks: { dingtalk: null, wecom: null, feishu: null },
    });
  });

  it.each([
    [
      'LIUYUN_SMTP_URL',
      'http://mail.example.cn',
      'LIUYUN_SMTP_URL must start with smtp:// or smtps://.',
    ],
    ['LIUYUN_SMTP_URL', 'not a url with secret', 'LIUYUN_SMTP_URL must be a URL.'],
    [
      'LIUYUN_WECOM_WEBHOOK',
      'ftp://x',
      'LIUYUN_WECOM_WEBHOOK must start with http:// or https://.',
    ],
    ['LIUYUN_FEISHU_WEBHOOK', '::', 'LIUYUN_FEISHU_WEBHOOK must be a URL.'],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(message));
  });
});
