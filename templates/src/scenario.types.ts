import type { JsonObject } from '@liuyun/definitions';

/**
 * What must hold after a scenario step. Every key is optional; what is given is checked.
 *
 * Strings in data and expectations may name things the scenario cannot know in advance:
 * `"$user:<username>"` (the user's id), `"$record:<name>"` (the id of a record the
 * scenario named), `"$field:<name>.<field>"` (a field of a named record, e.g. a serial
 * number the server gave it), `"$date:+N"` / `"$date:-N"` (the local day, UTC+8, N days from the
 * scenario's clock: today when the clock was not moved) and `"$dbdate:+N"` (N days from
 * the database's today, which buttons and edits see: the scenario clock moves the jobs'
 * time only). `"$date:+N@YYYY"` is that month and day in year YYYY (a birthday), and
 * `"$latest:<form>"` the newest record of a form (a record the server made, e.g. a
 * payment plan; also usable as an `act.record`).
 */
export interface ScenarioExpectation {
  /** For a refused step: the HTTP status, error code and the fields named. */
  httpStatus?: number;
  errorCode?: string;
  errorPaths?: string[];
  /** Fields of the record's data, compared one by one (`null`: absent or null). */
  data?: JsonObject;
  process?: { status?: 'running' | 'completed' | 'failed'; outcome?: 'approved' | 'rejected' };
  /** Exactly these open tasks (node and assignee's username), in any order. */
  openTasks?: { node: string; assignee: string }[];
  /** `check` with `where`: how many records match. */
  count?: number;
  /** Each user has a notification about the record whose text (zh or en) contains this. */
  notified?: { user: string; contains: string }[];
  /** Text fields of the record's data that must contain each of these substrings. */
  contains?: Record<string, string[]>;
}

/** A submission; `name` lets later steps refer to the record (`$record:<name>`). */
export interface ScenarioSubmit {
  form: string;
  data: JsonObject;
  name?: string;
}

export type ScenarioStep =
  | { as: string; submit: ScenarioSubmit; expect?: ScenarioExpectation }
  | {
      as: string;
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
        /** The record whose task it is (default: the last record submitted). */
        record?: string;
      };
      expect?: ScenarioExpectation;
    }
  | { as: string; withdraw: true; expect?: ScenarioExpectation }
  /** Several submissions at once (concurrent requests); each may be named. */
  | { as: string; concurrently: ScenarioSubmit[]; expect?: ScenarioExpectation }
  /** An edit of a named record (default: the last one) from its current version. */
  | { as: string; update: { record?: string; data: JsonObject }; expect?: ScenarioExpectation }
  /** A manual automation (a button on the record) pressed by the user. */
  | { as: string; run: { automation: string; record?: string }; expect?: ScenarioExpectation }
  /**
   * Moves the scenario's clock forward: jobs due by then run (schedules, timers). A
   * scenario that moves its clock gets an installation of its own.
   */
  | {
      clock: {
        days?: number;
        hours?: number;
        /**
         * Or: to noon (UTC+8) of the first of these days (`MM-DD`, e.g. a holiday) that
         * is still ahead of the clock — a date a yearly schedule waits for.
         */
        toNext?: string[];
      };
      expect?: ScenarioExpectation;
    }
  /**
   * Checks a named record, or the records of a form whose data contains `where`; with
   * `name`, the one record found can be named for later steps (`$record:<name>`).
   */
  | {
      check: { record?: string; form?: string; where?: JsonObject; name?: string };
      expect: ScenarioExpectation;
    };

/** A template's flow replayed end to end over HTTP by the engine's tests. */
export interface TemplateScenario {
  description: string;
  steps: ScenarioStep[];
  /** The node ids the process entered, in order, at the end. */
  path?: string[];
}
