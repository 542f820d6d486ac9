import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Liuyun-Timestamp`: Unix seconds when the sender signed the request. */
export const TIMESTAMP_HEADER = 'x-liuyun-timestamp';
/** `X-Liuyun-Signature`: `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'x-liuyun-signature';
/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** The signature header value for a body (what senders compute; tests use it too). */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `sha256=${mac}`;
}

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'signature_missing' | 'signature_invalid' | 'signature_expired';
      message: string;
    };

/**
 * Checks an inbound webhook: both headers present, the timestamp within the window of
 * `nowMs`, and the HMAC equal in constant time.
 */
export function verifyWebhookSignature(args: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
}): SignatureCheck {
  const { timestamp, signature } = args;
  if (!timestamp || !signature)
    return {
      ok: false,
      code: 'signature_missing',
      message: `Send ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER}.`,
    };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature))
    return { ok: false, code: 'signature_invalid', message: 'The signature is malformed.' };
  const expected = Buffer.from(signWebhook(args.secret, timestamp, args.rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, code: 'signature_invalid', message: 'The signature does not match.' };
  if (Math.abs(args.nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return {
      ok: false,
      code: 'signature_expired',
      message: `The timestamp is more than ${SIGNATURE_WINDOW_SECONDS} seconds away from now.`,
    };
  return { ok: true };
}
