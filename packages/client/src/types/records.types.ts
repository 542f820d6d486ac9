import type { FlowDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import type { UserRef } from './identity.types';
import type { Task } from './tasks.types';

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

export interface TaskActionResult {
  task: Task;
  record: FormRecord;
}

/** A button of a record page: a manual automation of the record's form. */
export interface RecordButton {
  id: string;
  key: string;
  name: I18nText;
}
