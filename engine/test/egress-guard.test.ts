import {
  EgressRefusedError,
  HttpEgress,
  isNonPublicAddress,
} from '../src/common/egress/http-egress';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

let trap: WebhookReceiver;
let port: string;

beforeAll(async () => {
  trap = await startWebhookReceiver();
  port = new URL(trap.url).port;
});

afterAll(async () => {
  await trap.close();
});

describe('S8: webhooks never reach loopback or private addresses unless allow-listed', () => {
  const guarded = new HttpEgress([]);
  const forms = () => [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://0.0.0.0:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'ftp://127.0.0.1/',
    `http://user:pw@127.0.0.1:${port}/`,
  ];

  it.each(forms().map((url) => [url]))('refuses %s', async (url) => {
    await expect(
      guarded.send({ url, method: 'POST', headers: {}, body: '{}' }),
    ).rejects.toBeInstanceOf(EgressRefusedError);
  });

  it('let none of those reach the trap server', () => {
    expect(trap.calls).toHaveLength(0);
  });

  it('reaches an allow-listed host', async () => {
    const allowed = new HttpEgress(['127.0.0.1']);
    const res = await allowed.send({
      url: `${trap.url}/ok`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(trap.calls).toHaveLength(1);
  });

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['100.64.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['2606:4700::1111', false],
    ['not-an-ip', true],
  ])('classifies %s as non-public: %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});
