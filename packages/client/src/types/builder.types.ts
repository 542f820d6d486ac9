import type {
  DefinitionError,
  FlowDefinition,
  FormDefinition,
  I18nText,
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

// Automations: the one definition the engine uses too (packages/definitions).
export type {
  AutomationFlow,
  AutomationInput,
  AutomationTrigger,
  AutomationView as Automation,
  AutomationRunView as AutomationRun,
  HostNode as AutomationHostNode,
  TriggerKind as AutomationTriggerKind,
} from '@liuyun/definitions';
