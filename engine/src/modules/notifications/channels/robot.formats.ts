import { createHmac } from 'node:crypto';
import type { JsonObject } from '@liuyun/definitions';
import type { RobotPlatform } from '../../../config/app-config';

/** The platform's plain-text message body. */
export function robotBody(platform: RobotPlatform, content: string): JsonObject {
  switch (platform) {
    case 'dingtalk':
    case 'wecom':
      return { msgtype: 'text', text: { content } };
    case 'feishu':
      return { msg_type: 'text', content: { text: content } };
  }
}

/**
 * DingTalk's signed mode (加签): `timestamp` (ms) and `sign` = base64 of
 * HMAC-SHA256(secret, "<timestamp>\n<secret>"), URL-encoded, added to the robot URL.
 */
export function signDingTalkUrl(url: string, secret: string, nowMs: number): string {
  const timestamp = String(nowMs);
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/**
 * The robots answer HTTP 200 even when they refuse (bad sign, keyword missing, rate
 * limit): DingTalk and WeCom say `errcode`, Feishu `code` (older: `StatusCode`). Returns
 * the refusal, or null when the message was taken.
 */
export function robotRefusal(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const answer = parsed as Record<string, unknown>;
  for (const [codeField, messageField] of [
    ['errcode', 'errmsg'],
    ['code', 'msg'],
    ['StatusCode', 'StatusMessage'],
  ] as const) {
    const code = answer[codeField];
    if (typeof code === 'number' && code !== 0) {
      const text = answer[messageField];
      return `${codeField} ${code}${typeof text === 'string' ? `: ${text.slice(0, 200)}` : ''}`;
    }
  }
  return null;
}
