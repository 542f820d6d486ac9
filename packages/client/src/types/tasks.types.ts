import type { I18nText } from '@liuyun/definitions';
import type { UserRef } from './identity.types';

export type TaskStatus = 'open' | 'completed' | 'cancelled';
export type TaskAction = 'approve' | 'reject';
export type TaskView = 'todo' | 'done' | 'started' | 'cc';

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
