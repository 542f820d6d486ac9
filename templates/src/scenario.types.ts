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
}

export type ScenarioStep =
  | { as: string; submit: { form: string; data: JsonObject }; expect?: ScenarioExpectation }
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
      };
      expect?: ScenarioExpectation;
    }
  | { as: string; withdraw: true; expect?: ScenarioExpectation };

/** A template's flow replayed end to end over HTTP by the engine's tests. */
export interface TemplateScenario {
  description: string;
  steps: ScenarioStep[];
  /** The node ids the process entered, in order, at the end. */
  path?: string[];
}
