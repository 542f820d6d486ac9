import type { RobotPlatform } from '../../../config/app-config';

/** The channels that leave the engine: each one a kind of outbox job. */
export const EXTERNAL_CHANNELS = ['email', 'dingtalk', 'wecom', 'feishu'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export const ROBOT_PLATFORMS: readonly RobotPlatform[] = ['dingtalk', 'wecom', 'feishu'];

/** The job kind that delivers a channel: `notify_email`, `notify_dingtalk`, … */
export function jobKindOf(channel: ExternalChannel): string {
  return `notify_${channel}`;
}

/** Payload of a `notify_email` job: the mail as composed when the step committed. */
export type EmailJobPayload = {
  to: string;
  subject: string;
  text: string;
  userId: string;
  nodeId: string | null;
};

/** Payload of a robot job: one chat message for all opted-in recipients of a notify. */
export type RobotJobPayload = {
  content: string;
  userIds: string[];
  nodeId: string | null;
};
