import type { JsonValue } from '@liuyun/definitions';
import { EgressRefusedError, type HttpEgress } from '../../common/egress/http-egress';
import { PermanentJobError, type ClaimedJob, type JobHandler } from './job.types';

/** Payload of a `webhook` job: what the flow's webhook step asked for. */
export interface WebhookPayload {
  url: string;
  method: 'POST' | 'PUT';
  body: JsonValue;
  headers?: Record<string, string>;
}

function isWebhookPayload(p: ClaimedJob['payload']): p is ClaimedJob['payload'] & WebhookPayload {
  return typeof p.url === 'string' && (p.method === 'POST' || p.method === 'PUT');
}

/**
 * Delivers outbox webhooks through the guarded egress, with `Idempotency-Key` so the
 * receiver can drop repeats (delivery is at least once). A 2xx answer completes the job.
 */
export function webhookDeliveryHandler(egress: HttpEgress): JobHandler {
  return {
    kind: 'webhook',
    mode: 'external',
    async run(job: ClaimedJob): Promise<void> {
      if (!isWebhookPayload(job.payload))
        throw new PermanentJobError('the webhook job has no url or method');
      try {
        const res = await egress.send({
          url: job.payload.url,
          method: job.payload.method,
          headers: {
            ...(job.payload.headers ?? {}),
            'content-type': 'application/json',
            'idempotency-key': job.key,
            'user-agent': 'Liuyun-Webhook/0.1',
          },
          body: JSON.stringify(job.payload.body ?? null),
        });
        if (res.status < 200 || res.status >= 300)
          throw new Error(`the receiver answered HTTP ${res.status}`);
      } catch (e) {
        if (e instanceof EgressRefusedError) throw new PermanentJobError(`refused: ${e.message}`);
        throw e;
      }
    },
  };
}
