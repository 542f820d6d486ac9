import type {
  FlowDefinition,
  FlowEdge,
  FlowNode,
  I18nText,
  JsonLogicRule,
  JsonObject,
  JsonValue,
} from './types';

// Automations (智能助手) as authored and as the API shows them: one definition for the
// engine and the typed client (docs/automations.md).

/** What starts an automation. Rules read the record (`$before.<field>`: the old value). */
export type AutomationTrigger =
  | { kind: 'record_created'; form: string; condition?: JsonLogicRule }
  | {
      kind: 'record_updated';
      form: string;
      /** Fire only when one of these fields changed (any field when absent). */
      watchFields?: string[];
      condition?: JsonLogicRule;
    }
  | { kind: 'record_deleted'; form: string; condition?: JsonLogicRule }
  | {
      kind: 'process_ended';
      form: string;
      /** Any outcome when absent. */
      outcome?: 'approved' | 'rejected' | 'withdrawn';
      condition?: JsonLogicRule;
    }
  | { kind: 'process_reached_node'; form: string; nodeId: string; condition?: JsonLogicRule }
  | {
      kind: 'schedule';
      /** 5-field cron (minute hour day-of-month month day-of-week) in `utcOffsetMinutes`. */
      cron?: string;
      /** Or: once per record, `offsetDays` after (negative: before) this date field, at `at`. */
      dateField?: string;
      offsetDays?: number;
      /** With `dateField`: every year on the date's month and day (birthdays, anniversaries). */
      yearly?: boolean;
      /** `HH:MM` of the daily scan for `dateField` (default 09:00). */
      at?: string;
      /** With `cron`: run once per record of this form (matching `condition`) instead of once. */
      form?: string;
      condition?: JsonLogicRule;
      /** The zone cron and dates are read in; default 480 (China Standard Time). */
      utcOffsetMinutes?: number;
    }
  | { kind: 'webhook' }
  | { kind: 'manual'; form: string };

export type TriggerKind = AutomationTrigger['kind'];

/** Deletes records: the triggering record, or records of `form` matching `match`. */
export interface DeleteRecordSettings {
  form?: string;
  /** Filter over target records; `{"var": "$source.<field>"}` reads the triggering record. */
  match?: JsonLogicRule;
}

/** Reads other records before the flow runs; the result is `{"var": "<into>"}` in rules. */
export interface QuerySettings {
  form: string;
  match?: JsonLogicRule;
  aggregate: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'first' | 'list';
  /** The target field summed, averaged, compared or listed (`sum`, `avg`, `min`, `max` — numbers or ISO dates —, `list`). */
  field?: string;
  into: string;
}

/**
 * Picks the next of a list of people in turn (round-robin), keeping the turn in the
 * database per automation, step and bucket: concurrent runs of the same bucket take
 * consecutive turns. The pick is `{"var": "<into>"}` in later rules (null: nobody).
 */
export interface RoundRobinSettings {
  /** A rule giving the user ids to choose among (e.g. a query's result), in turn order. */
  candidates: JsonLogicRule;
  /** A rule giving the bucket whose turn is taken (e.g. the region); one bucket when absent. */
  bucket?: JsonLogicRule;
  into: string;
}

/** Steps the engine carries out itself around the interpreter (see automation-flow.compiler). */
export type HostNode = {
  id: string;
  name: I18nText;
  /** Canvas position, kept by the designer. */
  position?: { x: number; y: number };
} & (
  | { type: 'delete_record'; settings: DeleteRecordSettings }
  | { type: 'query'; settings: QuerySettings }
  | { type: 'round_robin'; settings: RoundRobinSettings }
);

/** An automation's flow: runtime nodes plus the host's `delete_record` and `query` steps. */
export interface AutomationFlow extends Omit<FlowDefinition, 'nodes'> {
  nodes: (FlowNode | HostNode)[];
  edges: FlowEdge[];
}

/** What an admin writes. */
export interface AutomationInput {
  key: string;
  name: I18nText;
  enabled?: boolean;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
}

/** An automation as the API shows it. */
export interface AutomationView {
  id: string;
  appKey: string;
  key: string;
  name: I18nText;
  enabled: boolean;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
  revision: number;
  /** For `webhook` triggers: where to POST, and the HMAC secret (admins only see this). */
  webhook?: { url: string; secret: string };
  /** For `schedule` triggers: when the next scan is due. */
  nextRunAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RunStatus = 'queued' | 'succeeded' | 'failed' | 'skipped';

/** What caused a run, as logged. */
export type RunTrigger = { kind: TriggerKind | 'rerun' } & JsonObject;

/** One line of a run's effects summary. */
export type EffectSummary = { type: string } & Record<string, JsonValue>;

/** A run of the log as the API shows it. */
export interface AutomationRunView {
  id: string;
  automationId: string;
  automationKey: string;
  trigger: RunTrigger;
  recordId: string | null;
  input: JsonObject;
  status: RunStatus;
  effects: EffectSummary[];
  error: { code: string; message: string } | null;
  depth: number;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
