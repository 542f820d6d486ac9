import type { FormRecord } from './records.types';

export type FilterOp =
  | 'eq'
  | 'ne'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'in'
  | 'not_in'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'within'
  | 'empty'
  | 'not_empty'
  | 'is_me';

export type FilterValue = string | number | boolean;

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: FilterValue | FilterValue[];
}

/** What a list asks for: filters, one sort, search, columns. */
export interface RecordListQuery {
  filter?: FilterCondition[] | { match: 'all' | 'any'; conditions: FilterCondition[] };
  /** `<field>:asc|desc`, fields or createdAt / updatedAt. */
  sort?: string;
  search?: string;
  columns?: string[];
  tz?: string;
}

export interface RecordPage {
  items: FormRecord[];
  nextCursor: string | null;
}

export interface RecordGroups {
  field: string;
  groups: { value: string | null; count: number }[];
}

export type ViewType = 'table' | 'kanban' | 'calendar';

export interface ViewConfig {
  filter?: RecordListQuery['filter'];
  sort?: string;
  search?: string;
  columns?: string[];
  groupField?: string;
  dateField?: string;
}

export interface SavedView {
  id: string;
  formId: string;
  name: string;
  type: ViewType;
  config: ViewConfig;
  createdAt: string;
  updatedAt: string;
}

export interface FieldDuplicates {
  field: string;
  unique: boolean;
  blocked: boolean;
  records: { id: string; value: unknown; createdAt: string }[];
  /** A record the asker may not see holds the value (nothing more is told). */
  elsewhere: boolean;
}

export interface ImportStatus {
  id: string;
  formId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  created: number;
  failed: number;
  errors: { row: number; code: string; message: string }[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface PublicLink {
  formId: string;
  enabled: boolean;
  token: string;
  path: string;
}
