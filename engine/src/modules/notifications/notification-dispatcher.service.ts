import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { I18nText, NotifyChannel } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { JobQueue } from '../jobs/job-queue.service';
import { openWrites, type StepWrites } from '../processes/step-writes';
import { writeRecordEvent } from '../records/record-event.writer';
import {
  EXTERNAL_CHANNELS,
  jobKindOf,
  type EmailJobPayload,
  type ExternalChannel,
  type RobotJobPayload,
} from './channels/channel.types';
import { composeMail, composeRobotText } from './notification.compose';
import { planDeliveries, type DeliveryPlan, type RecipientPreferences } from './notification.plan';

/** One notification to send: what a `notify` effect (or a deadline reminder) carries. */
export interface NotificationRequest {
  /** Unique per notification, e.g. `<instance>:<notify idempotency key>`; job keys derive from it. */
  key: string;
  instanceId: string | null;
  recordId: string | null;
  nodeId: string | null;
  nodeName?: I18nText | null;
  /** User ids. */
  recipients: string[];
  /** Already rendered. */
  message: I18nText;
  /** What the notify asked for; in-app only when absent. */
  channels?: NotifyChannel[];
  reason: string;
}

/**
 * Turns a notification into in-app rows and one outbox job per external delivery, all in
 * the caller's transaction: nothing goes out for a step that rolled back, and replaying
 * a step adds nothing (rows and jobs are unique by key). The worker delivers the jobs.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Which external channels this server can deliver. */
  configuredChannels(): Record<ExternalChannel, boolean> {
    return {
      email: this.config.smtpUrl !== null,
      dingtalk: this.config.robotWebhooks.dingtalk !== null,
      wecom: this.config.robotWebhooks.wecom !== null,
      feishu: this.config.robotWebhooks.feishu !== null,
    };
  }

  async dispatch(m: EntityManager, n: NotificationRequest): Promise<DeliveryPlan> {
    const recipients = [...new Set(n.recipients)];
    const plan = planDeliveries(
      n.channels,
      recipients,
      await this.preferencesOf(m, recipients),
      this.configuredChannels(),
    );
    for (const userId of plan.inApp) await this.insertInApp(m, n, userId);
    await this.enqueueExternal(m, n, recipients, plan);
    await this.note(m, n, recipients, plan);
    return plan;
  }

  /**
   * Tells the assignees of new tasks, one request per task. The in-app rows join the
   * transaction's write batch when one is open (they go out with the step's statement);
   * external channels follow each recipient's own preferences, and only those the
   * server can deliver are looked up. The timeline gets a line only when something was
   * queued or skipped outside the inbox (the task line already says who got the task).
   */
  async notifyAssignees(
    m: EntityManager,
    requests: readonly NotificationRequest[],
    batch: StepWrites | undefined = openWrites(m),
  ): Promise<void> {
    if (requests.length === 0) return;
    const configured = this.configuredChannels();
    const external = EXTERNAL_CHANNELS.filter((c) => configured[c]);
    const everyone = [...new Set(requests.flatMap((r) => r.recipients))];
    const preferences =
      external.length > 0
        ? await this.preferencesOf(m, everyone)
        : new Map<string, RecipientPreferences>();
    for (const n of requests) {
      const recipients = [...new Set(n.recipients)];
      for (const userId of recipients) {
        const row = {
          id: randomUUID(),
          user_id: userId,
          idempotency_key: n.key,
          record_id: n.recordId,
          instance_id: n.instanceId,
          node_id: n.nodeId,
          reason: n.reason,
          message: n.message,
        };
        if (batch) batch.notify(row);
        else await this.insertInApp(m, n, userId);
      }
      const wanted = external.filter((c) =>
        recipients.some((u) => preferences.get(u)?.channels.includes(c)),
      );
      if (wanted.length === 0) continue;
      const plan = planDeliveries(wanted, recipients, preferences, configured);
      plan.inApp = [];
      // Outbox jobs name the instance: it is written first when it waits in the batch.
      if (batch?.holdsInstances) await batch.flush(m);
      await this.enqueueExternal(m, n, recipients, plan);
      await this.note(m, n, recipients, plan);
    }
  }

  private async insertInApp(
    m: EntityManager,
    n: NotificationRequest,
    userId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO notifications (id, user_id, idempotency_key, record_id, instance_id, node_id, reason, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, idempotency_key) DO NOTHING`,
      [
        randomUUID(),
        userId,
        n.key,
        n.recordId,
        n.instanceId,
        n.nodeId,
        n.reason,
        JSON.stringify(n.message),
      ],
    );
  }

  /** One outbox job per e-mail and per robot channel of a plan. */
  private async enqueueExternal(
    m: EntityManager,
    n: NotificationRequest,
    recipients: string[],
    plan: DeliveryPlan,
  ): Promise<void> {
    const mail = composeMail(n.message);
    for (const { userId, address } of plan.emails) {
      const payload: EmailJobPayload = { to: address, ...mail, userId, nodeId: n.nodeId };
      await this.jobs.enqueue(m, {
        kind: jobKindOf('email'),
        key: `${n.key}:email:${userId}`,
        instanceId: n.instanceId,
        payload,
      });
    }
    if (plan.robots.length > 0) {
      const names = await this.namesOf(m, recipients);
      for (const { platform, userIds } of plan.robots) {
        const content = composeRobotText(
          n.message,
          userIds.map((u) => names.get(u) ?? u),
        );
        const payload: RobotJobPayload = { content, userIds, nodeId: n.nodeId };
        await this.jobs.enqueue(m, {
          kind: jobKindOf(platform),
          key: `${n.key}:${platform}`,
          instanceId: n.instanceId,
          payload,
        });
      }
    }
  }

  /** The timeline line (or, without a record, a log line) saying who got what and what was skipped. */
  private async note(
    m: EntityManager,
    n: NotificationRequest,
    recipients: string[],
    plan: DeliveryPlan,
  ): Promise<void> {
    const queued = [
      ...(plan.emails.length > 0 ? ['email'] : []),
      ...plan.robots.map((r) => r.platform),
    ];
    if (n.recordId) {
      await writeRecordEvent(m, {
        recordId: n.recordId,
        instanceId: n.instanceId,
        type: 'notified',
        nodeId: n.nodeId,
        nodeName: n.nodeName ?? null,
        details: {
          recipients,
          reason: n.reason,
          ...(queued.length > 0 ? { channels: queued } : {}),
          ...(plan.skipped.length > 0 ? { skipped: plan.skipped } : {}),
        },
      });
    }
    for (const s of plan.skipped.filter((x) => x.reason === 'not_configured'))
      this.logger.debug(`${n.key}: ${s.channel} skipped, the channel is not configured`);
  }

  private async preferencesOf(
    m: EntityManager,
    userIds: string[],
  ): Promise<Map<string, RecipientPreferences>> {
    if (userIds.length === 0) return new Map();
    const rows: { user_id: string; channels: NotifyChannel[]; email: string | null }[] =
      await m.query(
        'SELECT user_id, channels, email FROM notification_preferences WHERE user_id = ANY($1::uuid[])',
        [userIds],
      );
    return new Map(rows.map((r) => [r.user_id, { channels: r.channels, email: r.email }]));
  }

  private async namesOf(m: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; display_name: string }[] = await m.query(
      'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}
