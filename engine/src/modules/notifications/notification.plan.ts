import type { NotifyChannel } from '@liuyun/definitions';
import type { RobotPlatform } from '../../config/app-config';
import { EXTERNAL_CHANNELS, type ExternalChannel } from './channels/channel.types';

/** What a user chose: the channels they want and where mail goes. */
export interface RecipientPreferences {
  channels: NotifyChannel[];
  email: string | null;
}

/** Without saved preferences a user gets in-app notifications only. */
export const DEFAULT_PREFERENCES: RecipientPreferences = { channels: ['in_app'], email: null };

/** Why a channel did not reach (some) recipients; written to the record's timeline. */
export type SkipNote = {
  channel: ExternalChannel;
  reason: 'not_configured' | 'not_opted_in' | 'no_address';
  userIds?: string[];
};

export interface DeliveryPlan {
  inApp: string[];
  emails: { userId: string; address: string }[];
  robots: { platform: RobotPlatform; userIds: string[] }[];
  skipped: SkipNote[];
}

/**
 * Decides who gets what. In-app goes to every recipient (the inbox keeps every
 * notification); an external channel is used for a recipient when the notify asked for
 * it, the recipient switched it on, and the server has it configured (plus, for e-mail,
 * the recipient left an address). Robots post one message per channel for everyone
 * who opted in. Whatever is left out is noted, never an error.
 */
export function planDeliveries(
  requested: readonly NotifyChannel[] | undefined,
  recipients: readonly string[],
  preferences: ReadonlyMap<string, RecipientPreferences>,
  configured: Readonly<Record<ExternalChannel, boolean>>,
): DeliveryPlan {
  const asked = new Set<NotifyChannel>(requested ?? ['in_app']);
  const plan: DeliveryPlan = { inApp: [...recipients], emails: [], robots: [], skipped: [] };
  const prefsOf = (u: string) => preferences.get(u) ?? DEFAULT_PREFERENCES;
  for (const channel of EXTERNAL_CHANNELS) {
    if (!asked.has(channel)) continue;
    if (!configured[channel]) {
      plan.skipped.push({ channel, reason: 'not_configured' });
      continue;
    }
    const optedIn = recipients.filter((u) => prefsOf(u).channels.includes(channel));
    const others = recipients.filter((u) => !optedIn.includes(u));
    if (others.length > 0) plan.skipped.push({ channel, reason: 'not_opted_in', userIds: others });
    if (channel !== 'email') {
      if (optedIn.length > 0) plan.robots.push({ platform: channel, userIds: optedIn });
      continue;
    }
    const noAddress: string[] = [];
    for (const userId of optedIn) {
      const address = prefsOf(userId).email;
      if (address) plan.emails.push({ userId, address });
      else noAddress.push(userId);
    }
    if (noAddress.length > 0)
      plan.skipped.push({ channel, reason: 'no_address', userIds: noAddress });
  }
  return plan;
}
