import type {
  DefinitionError,
  FlowDefinition,
  FlowEdge,
  FlowNode,
  FormDefinition,
  I18nText,
  JsonLogicRule,
  JsonObject,
} from '@liuyun/definitions';
import type { UserRef } from './identity.types';

/** A form added to an app (`POST /apps/{appId}/forms`). */
export interface CreatedForm {
  id: string;
  key: string;
  name: I18nText;
  version: number;
}

/** A form and its flow, as published or saved as a draft. */
export interface DefinitionBody {
  definition: FormDefinition;
  flow?: FlowDefinition | null;
}

/** The working draft of a form (`GET`/`PUT /forms/{formId}/draft`). */
export interface FormDraft {
  formId: string;
  baseVersion: number;
  revision: number;
  updatedAt: string;
  updatedBy: UserRef | null;
  definition: FormDefinition;
  flow: FlowDefinition | null;
  /** What publishing would refuse; paths start with `/definition` or `/flow`. */
  warnings: DefinitionError[];
  publishable: boolean;
}

export interface FormVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: UserRef | null;
  published: boolean;
  status: 'published' | 'previous';
  hasFlow: boolean;
  runningInstances: number;
}

export interface FormVersionList {
  formId: string;
  publishedVersion: number;
  draft: { baseVersion: number; revision: number; updatedAt: string } | null;
  versions: FormVersionSummary[];
}

export interface FormVersionDetail extends FormVersionSummary {
  formId: string;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

/** One scripted task action of a simulation. */
export interface SimulationDecision {
  nodeId: string;
  action: 'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'add_signer';
  by?: string;
  toNodeId?: string;
  toUser?: string;
  users?: string[];
  position?: 'before' | 'after';
  data?: JsonObject;
}

export interface SimulationInput {
  record: JsonObject;
  flow?: FlowDefinition;
  submitter?: string;
  decisions?: SimulationDecision[] | 'approve_all';
  startAt?: string;
  subprocessOutcomes?: Record<string, 'approved' | 'rejected' | 'withdrawn'>;
}

export interface SimulatedPathEntry {
  nodeId: string;
  nodeName: I18nText;
  nodeType: string | null;
  at: string;
  result?: string;
  activation: number;
}

export interface SimulatedAssignee extends UserRef {
  status: string;
  origin?: string;
}

export interface SimulatedTaskGroup {
  nodeId: string;
  nodeName: I18nText;
  kind: 'approval' | 'fill' | 'resubmit' | 'cc';
  activation: number;
  assignees: SimulatedAssignee[];
}

export interface SimulationAnswer {
  path: SimulatedPathEntry[];
  tasks: SimulatedTaskGroup[];
  effects: ({ type: string } & Record<string, unknown>)[];
  finalState: {
    status: 'running' | 'completed' | 'failed';
    outcome: 'approved' | 'rejected' | 'withdrawn' | null;
    error?: { code?: string; message?: string; nodeId?: string };
  };
  stalled: boolean;
  unusedDecisions: SimulationDecision[];
  firedTimers: string[];
  endedAt: string;
  people: Record<string, UserRef>;
}

/** Organisation lists for the pickers (`/builder/users|roles|departments`). */
export interface LookupUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
}

export interface LookupRole {
  key: string;
  name: I18nText;
  members: number;
}

export interface LookupDepartment {
  id: string;
  name: string;
  parentId: string | null;
  head: UserRef | null;
}

/** What starts an automation (docs/automations.md). */
export type AutomationTrigger =
  | { kind: 'record_created'; form: string; condition?: JsonLogicRule }
  | { kind: 'record_updated'; form: string; watchFields?: string[]; condition?: JsonLogicRule }
  | { kind: 'record_deleted'; form: string; condition?: JsonLogicRule }
  | {
      kind: 'process_ended';
      form: string;
      outcome?: 'approved' | 'rejected' | 'withdrawn';
      condition?: JsonLogicRule;
    }
  | { kind: 'process_reached_node'; form: string; nodeId: string; condition?: JsonLogicRule }
  | {
      kind: 'schedule';
      cron?: string;
      dateField?: string;
      offsetDays?: number;
      at?: string;
      form?: string;
      condition?: JsonLogicRule;
      utcOffsetMinutes?: number;
    }
  | { kind: 'webhook' }
  | { kind: 'manual'; form: string };

export type AutomationTriggerKind = AutomationTrigger['kind'];

/** The host steps an automation flow may hold besides runtime nodes. */
export type AutomationHostNode =
  | {
      id: string;
      type: 'delete_record';
      name: I18nText;
      settings: { form?: string; match?: JsonLogicRule };
      position?: { x: number; y: number };
    }
  | {
      id: string;
      type: 'query';
      name: I18nText;
      settings: {
        form: string;
        match?: JsonLogicRule;
        aggregate: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'first' | 'list';
        field?: string;
        into: string;
      };
      position?: { x: number; y: number };
    };

export interface AutomationFlow extends Omit<FlowDefinition, 'nodes'> {
  nodes: (FlowNode | AutomationHostNode)[];
  edges: FlowEdge[];
}

export interface AutomationInput {
  key: string;
  name: I18nText;
  enabled?: boolean;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
}

export interface Automation {
  id: string;
  appKey: string;
  key: string;
  name: I18nText;
  enabled: boolean;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
  revision: number;
  webhook?: { url: string; secret: string };
  nextRunAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AutomationRun {
  id: string;
  automationId: string;
  automationKey: string;
  trigger: { kind: string } & JsonObject;
  recordId: string | null;
  input: JsonObject;
  status: 'queued' | 'succeeded' | 'failed' | 'skipped';
  effects: ({ type: string } & JsonObject)[];
  error: { code: string; message: string } | null;
  depth: number;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
