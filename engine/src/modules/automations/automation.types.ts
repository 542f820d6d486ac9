import type { AutomationFlow, AutomationTrigger, I18nText, TriggerKind } from '@liuyun/definitions';

export type {
  AutomationFlow,
  AutomationInput,
  AutomationRunView,
  AutomationTrigger,
  AutomationView,
  DeleteRecordSettings,
  EffectSummary,
  HostNode,
  QuerySettings,
  RoundRobinSettings,
  RunStatus,
  RunTrigger,
  TriggerKind,
} from '@liuyun/definitions';

/** A stored automation row. */
export interface AutomationRow {
  id: string;
  app_id: string;
  key: string;
  name: I18nText;
  enabled: boolean;
  trigger_kind: TriggerKind;
  form_id: string | null;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
  webhook_secret: string | null;
  revision: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * Most automations in a chain (an automation's writes triggering the next): a change made
 * at this depth triggers nothing and raises `automation_chain_too_deep` instead.
 */
export const MAX_CHAIN_DEPTH = 5;

/** The job kinds this module owns. */
export const RUN_JOB = 'automation';
export const SCHEDULE_JOB = 'automation_schedule';
