import type { JsonObject } from '@liuyun/definitions';

/** What must hold after a scenario step. Every key is optional; what is given is checked. */
export interface ScenarioExpectation {
  /** For a refused submission: the HTTP status, error code and the fields named. */
  httpStatus?: number;
  errorCode?: string;
  errorPaths?: string[];
  /** Fields of the record's data, compared one by one. */
  data?: JsonObject;
  process?: { status?: 'running' | 'completed' | 'failed'; outcome?: 'approved' | 'rejected' };
  /** Exactly these open tasks (node and assignee's username), in any order. */
  openTasks?: { node: string; assignee: string }[];
  /** Other records: each found by `ref` (a step's name) or as the newest of `form` matching `where`. */
  records?: ScenarioRecordExpectation[];
}

/** A record other than the step's own, and what must hold of it. */
export interface ScenarioRecordExpectation {
  ref?: string;
  form?: string;
  where?: JsonObject;
  data?: JsonObject;
  /** Text fields that must contain each of these substrings. */
  contains?: Record<string, string[]>;
  process?: ScenarioExpectation['process'];
  openTasks?: ScenarioExpectation['openTasks'];
}

/**
 * Values in submitted data may be placeholders, resolved when the step runs (whole strings):
 * `{{today}}`, `{{today-95}}` (a local day on the scenario clock), `{{today+2@1990}}` (that
 * month and day in 1990), `{{user:rep1}}` (a user's id), `{{ref:acme}}` (the record a step
 * named `acme` submitted) and `{{latest:payment_plan}}` (the newest record of a form).
 */
export type ScenarioStep =
  | {
      as: string;
      submit: { form: string; data: JsonObject };
      /** A name later steps use for this record (`{{ref:<name>}}`, `record`, `records[].ref`). */
      ref?: string;
      expect?: ScenarioExpectation;
    }
  | {
      as: string;
      /** The record acted on (a step's `ref`); the last submitted record when absent. */
      record?: string;
      act: {
        node: string;
        action: 'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'add_signer';
        comment?: string;
        /** return: the node to go back to. */
        toNode?: string;
        /** transfer: the username who takes over. */
        toUser?: string;
        /** add_signer: usernames, before or after the actor. */
        users?: string[];
        position?: 'before' | 'after';
        data?: JsonObject;
      };
      expect?: ScenarioExpectation;
    }
  | { as: string; withdraw: true; expect?: ScenarioExpectation }
  /**
   * Moves the scenario clock (a database clock: jobs due until then run, schedules fire
   * once per slot passed); the clock carries on across scenarios, it never goes back.
   */
  | { advance: { days: number }; expect?: ScenarioExpectation };

/** A template's flow replayed end to end over HTTP by the engine's tests. */
export interface TemplateScenario {
  description: string;
  steps: ScenarioStep[];
  /** The node ids the process entered, in order, at the end. */
  path?: string[];
}
