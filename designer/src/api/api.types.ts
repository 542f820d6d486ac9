/**
 * The shapes the engine answers with (docs/api.md). The form and flow definitions are the
 * shared ones from @liuyun/definitions, so the designer and the engine read one contract.
 */
import type { FlowDefinition, FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface User extends UserRef {
  departmentId: string | null;
  roles: string[];
  isAdmin: boolean;
}

export interface LoginResult {
  token: string;
  user: User;
}

export interface FormSummary {
  id: string;
  key: string;
  name: I18nText;
}

export interface AppSummary {
  id: string;
  key: string;
  name: I18nText;
  forms: FormSummary[];
}

export interface PublishedForm {
  id: string;
  key: string;
  appKey: string;
  name: I18nText;
  version: number;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

export interface ProcessPathEntry {
  nodeId: string;
  at: string;
  result?: string;
}

export interface ProcessInfo {
  id: string;
  status: 'running' | 'completed' | 'failed';
  outcome: 'approved' | 'rejected' | null;
  flow: FlowDefinition;
  path: ProcessPathEntry[];
  activeNodeIds: string[];
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';
export type TaskAction = 'approve' | 'reject';

export interface Task {
  id: string;
  recordId: string;
  formId: string;
  formName: I18nText;
  nodeId: string;
  nodeName: I18nText;
  status: TaskStatus;
  /** `null` on `view=started` items, which stand for a whole record rather than one task. */
  assignee: UserRef | null;
  submitter: UserRef;
  title: string;
  action: TaskAction | null;
  comment: string | null;
  createdAt: string;
  completedAt: string | null;
}

export type TimelineType =
  | 'record_submitted'
  | 'process_started'
  | 'task_created'
  | 'task_approved'
  | 'task_rejected'
  | 'task_cancelled'
  | 'record_updated'
  | 'process_completed';

export interface TimelineEntry {
  id: string;
  /** One of {@link TimelineType}; unknown types are still shown. */
  type: string;
  at: string;
  actor: UserRef | null;
  nodeId?: string;
  nodeName?: I18nText;
  comment?: string;
  details?: JsonObject;
}

/** A submitted record. Named `FormRecord` so it never shadows TypeScript's `Record`. */
export interface FormRecord {
  id: string;
  formId: string;
  data: JsonObject;
  version: number;
  createdBy: UserRef;
  createdAt: string;
  updatedAt: string;
  process: ProcessInfo | null;
  tasks?: Task[];
  timeline?: TimelineEntry[];
}

export type TaskView = 'todo' | 'done' | 'started' | 'cc';

export interface TaskActionResult {
  task: Task;
  record: FormRecord;
}

/** One ajv-shaped validation detail inside the error envelope. */
export interface ValidationDetail {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  details?: ValidationDetail[];
}
