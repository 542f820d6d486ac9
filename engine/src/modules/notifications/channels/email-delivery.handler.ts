import { createTransport } from 'nodemailer';
import type { AppConfig } from '../../../config/app-config';
import { PermanentJobError, type ClaimedJob, type JobHandler } from '../../jobs/job.types';
import { jobKindOf, type EmailJobPayload } from './channel.types';

function isEmailPayload(p: ClaimedJob['payload']): p is ClaimedJob['payload'] & EmailJobPayload {
  return typeof p.to === 'string' && typeof p.subject === 'string' && typeof p.text === 'string';
}

/** A Message-ID from the job key: receivers and mail stores drop repeats by it. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'liuyun.invalid';
  return `<${key.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '.')}@${domain}>`;
}

/**
 * Sends a notification mail through the configured SMTP server. Delivery is at least
 * once; the `Message-ID` and `X-Idempotency-Key` headers carry the job key so repeats
 * can be recognised. Any failure is retried with backoff and ends in an incident.
 */
export function emailDeliveryHandler(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>): JobHandler {
  return {
    kind: jobKindOf('email'),
    mode: 'external',
    async run(job: ClaimedJob): Promise<void> {
      if (!isEmailPayload(job.payload))
        throw new PermanentJobError('the e-mail job has no address, subject or text');
      if (!config.smtpUrl) throw new PermanentJobError('e-mail is not configured (no SMTP URL)');
      const transport = createTransport({
        url: config.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: job.payload.to,
          subject: job.payload.subject,
          text: job.payload.text,
          textEncoding: 'base64',
          messageId: messageIdFor(job.key, config.mailFrom),
          headers: { 'X-Idempotency-Key': job.key },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } finally {
        transport.close();
      }
    },
  };
}
