/**
 * The shapes of everything a user authors: apps, forms and flows.
 * The JSON Schemas in `./schemas` describe the same shapes for validation at the
 * boundary; these types are what code works with once a document passed validation.
 */

import type { DashboardDefinition } from './dashboard.types';

/** A JSON Logic rule (see @liuyun/logic). Plain JSON, evaluated by the hardened engine. */
export type JsonLogicRule = JsonValue;

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/** Text shown to people, in Chinese and English. */
export interface I18nText {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------- forms

/** Widgets the form renderer knows; the key of a field's `x-widget`. See docs/fields.md. */
export type WidgetType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'multiselect'
  | 'member'
  | 'department'
  | 'subform'
  | 'linked_record'
  | 'related_list'
  | 'address'
  | 'location'
  | 'attachment'
  | 'image'
  | 'signature'
  | 'serial'
  | 'formula'
  | 'description'
  | 'section'
  | 'tab';

/** A scalar sub-schema: a property of an address/location/file value, or a list item. */
export interface ValueSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object';
  title?: string;
  enum?: JsonValue[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, ValueSchema>;
  required?: string[];
  additionalProperties?: false;
}

/** Options of a select/radio/checkbox/multi-select read from another form's records. */
export interface OptionsFromSpec {
  /** Key of a form of the same app. */
  form: string;
  /** Its field whose distinct values are the options. */
  field: string;
}

/** Who a member or department picker offers (all active users/departments when absent). */
export interface PickerScope {
  /** Department ids: their members (member picker) or the departments themselves. */
  departments?: string[];
  /** Also the departments below them (default true). */
  includeChildren?: boolean;
  /** Role keys: members holding one of them (member picker only). */
  roles?: string[];
}

/** A linked record (关联数据): pick a record of another form and copy chosen fields in. */
export interface LinkSpec {
  /** Key of a form of the same app. */
  form: string;
  /** Its field shown to identify a record. */
  display: string;
  /** This form's field → the linked form's field copied into it (recomputed on the server). */
  copy?: Record<string, string>;
}

/** A related list (关联查询): records of another form whose `field` holds this record's id. */
export interface RelatedSpec {
  form: string;
  /** A linked_record field of that form pointing at this form. */
  field: string;
  /** Columns shown (fields of that form). */
  columns: string[];
}

/** Data linkage (数据联动): the value comes from a record of another form matched by conditions. */
export interface LinkageSpec {
  form: string;
  /** Every pair must match: the other form's `field` equals this form's `equals` field. */
  match: { field: string; equals: string }[];
  /** The other form's field whose value fills this field. */
  value: string;
}

/** File limits of an attachment, image or signature field. */
export interface FilesSpec {
  /** Largest file in bytes. */
  maxSize?: number;
  /** Accepted MIME types (`image/png`, `image/*`) or extensions (`.pdf`). */
  accept?: string[];
}

/** A serial number (流水号): `pattern` with `{YYYY}`, `{YY}`, `{MM}`, `{DD}` and one `{seq:N}`. */
export interface SerialSpec {
  pattern: string;
  /** When the sequence starts again at 1. Default `never`. */
  reset?: 'never' | 'yearly' | 'monthly' | 'daily';
}

/** A stored file as fields hold it (attachments, images, signatures). */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

/**
 * One field: a JSON Schema (2020-12) property plus annotation keywords prefixed `x-`.
 * Rules are evaluated with the record's data as the JSON Logic data; inside a
 * sub-form row, the row is the data and the whole record is reachable as `$record`.
 */
export interface FieldSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
  title?: string;
  description?: string;
  enum?: JsonValue[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  format?: string;
  default?: JsonValue;
  /** Sub-form rows (widget `subform`), or the items of a list value (checkbox, member, files). */
  items?: SubFormSchema | ValueSchema;
  /** The parts of an object value (address, location, signature). */
  properties?: Record<string, ValueSchema>;
  required?: string[];
  additionalProperties?: false;
  'x-widget': WidgetType;
  'x-label': I18nText;
  /** Labels for `enum` values, same order. */
  'x-enum-labels'?: I18nText[];
  /** Computed field: recomputed on every change in the browser and on the server. */
  'x-computed'?: JsonLogicRule;
  /** Show/hide: hidden fields are never required and never stored. */
  'x-visible'?: JsonLogicRule;
  /** Required when the rule is truthy (and the field is visible). */
  'x-required-when'?: JsonLogicRule;
  /** Never edited by the submitter (set by the process, e.g. `status`). */
  'x-readonly'?: boolean;
  /** Default value: a rule evaluated when a new record is opened (`$user`, `now` available). */
  'x-default'?: JsonLogicRule;
  'x-options-from'?: OptionsFromSpec;
  'x-scope'?: PickerScope;
  'x-link'?: LinkSpec;
  'x-related'?: RelatedSpec;
  'x-linkage'?: LinkageSpec;
  'x-files'?: FilesSpec;
  'x-serial'?: SerialSpec;
  /** Text of a description field (plain text; line breaks kept). */
  'x-content'?: I18nText;
  /** No two live records of the form hold the same (normalised) value; enforced at submit and edit. */
  'x-unique'?: boolean;
  /** Duplicate check (查重): records with the same normalised value are shown before submit. */
  'x-dedupe'?: boolean;
  /**
   * How values are compared for `x-unique` / `x-dedupe`: `text` (default: trim, NFKC
   * full-width to half-width, case, inner spaces), `phone` (digits only), `email`.
   */
  'x-normalize'?: 'text' | 'phone' | 'email';
}

/** The rows of a sub-form (its `items`); see `subFormRowsOf`. */
export interface SubFormSchema {
  type: 'object';
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: false;
}

/** A submit-time check (提交校验): the rule must be truthy, else `message` is shown. */
export interface SubmitCheck {
  id: string;
  rule: JsonLogicRule;
  message: I18nText;
  /** The field the message belongs to, if any. */
  field?: string;
}

export interface FormDefinition {
  key: string;
  name: I18nText;
  schema: {
    $schema?: string;
    type: 'object';
    properties: Record<string, FieldSchema>;
    required?: string[];
    additionalProperties?: false;
  };
  /** The order fields are shown in; every key of `schema.properties` once. */
  layout: string[];
  checks?: SubmitCheck[];
}

// ---------------------------------------------------------------- flows

export type NodeType =
  | 'start'
  | 'approval'
  | 'fill'
  | 'cc'
  | 'exclusive'
  | 'parallel_split'
  | 'parallel_join'
  | 'update_record'
  | 'create_record'
  | 'notify'
  | 'webhook'
  | 'wait'
  | 'subprocess'
  | 'end';

/** Who receives a task or a notification. */
export type AssigneeSpec =
  | { kind: 'user'; username: string }
  | { kind: 'role'; role: string }
  /** The head of the submitter's department, `levels` up (1 = own department's head). */
  | { kind: 'department_head'; levels: number }
  | { kind: 'submitter' }
  /** A member field of the record: it holds a user id or an array of user ids. */
  | { kind: 'field'; field: string };

/** A span of time. In deadlines it counts working hours; in waits, wall-clock time. */
export interface DurationSpec {
  days?: number;
  hours?: number;
  minutes?: number;
}

/**
 * What starts the flow. The runtime treats every trigger alike (a `start` event); the
 * host decides when to send it.
 */
export type StartSettings =
  | { trigger: 'form_submit' }
  | { trigger: 'manual' }
  | {
      trigger: 'record_change';
      /** Start only when one of these fields changed (any field when absent). */
      watchFields?: string[];
      /** Start only when this rule holds on the changed record. */
      condition?: JsonLogicRule;
      /**
       * Also start when a record is created with a watched field set (any field when no
       * field is watched) and the condition holding: creation counts as the first change.
       */
      onCreate?: boolean;
    }
  | {
      trigger: 'schedule';
      /** A cron expression (5 or 6 fields), evaluated by the host. */
      cron?: string;
      /** Or: once per record, at this date field plus `offset`. */
      dateField?: string;
      offset?: DurationSpec;
    };

/** What a task's assignee may do with one field. */
export type FieldPermission = 'hidden' | 'readonly' | 'editable' | 'required';

/** Row operations a task's assignee may do on one sub-form field. */
export interface SubformRowPermission {
  add: boolean;
  delete: boolean;
}

/** A deadline of a task node, counted in working hours from the node's entry. */
export interface DeadlineSettings {
  /** Working hours (the host's business calendar) until the deadline. */
  hours: number;
  /**
   * What happens at the deadline: notify the open assignees (`remind`), give the task to
   * `escalateTo` as well (`escalate`), approve or submit as the system (`auto_approve`),
   * or return to the start for the submitter to resubmit (`auto_return`).
   */
  action: 'remind' | 'escalate' | 'auto_approve' | 'auto_return';
  escalateTo?: AssigneeSpec;
  /** Also remind the open assignees this many working hours before the deadline. */
  remindBeforeHours?: number;
}

/** Task actions a node may switch off (all are allowed when `allowedActions` is absent). */
export type OptionalTaskAction = 'return' | 'transfer' | 'add_signer';

/** Settings shared by the nodes that hand tasks to people (approval and fill). */
export interface TaskNodeSettings {
  assignees: AssigneeSpec[];
  /** When the assignees resolve to nobody: pass through, give it to the admins, or stop. Default `error`. */
  emptyPolicy?: 'skip' | 'admin' | 'error';
  /** Per field: what the assignee sees and may change (fields not listed: read-only). */
  fieldPermissions?: Record<string, FieldPermission>;
  /** Per sub-form field: whether rows may be added or deleted. */
  subformRows?: Record<string, SubformRowPermission>;
  deadline?: DeadlineSettings;
  allowedActions?: OptionalTaskAction[];
  /**
   * After this node returns the flow to an earlier node: `returner` = once that node is
   * done again, come straight back here; `flow` (default) = follow the flow from there.
   */
  resubmitTo?: 'flow' | 'returner';
}

export interface ApprovalSettings extends TaskNodeSettings {
  /**
   * any = 或签 (the first decision decides), all = 会签 (everyone approves; one reject
   * rejects), sequential = 依次 (one task at a time in assignee order), quorum = a count or
   * ratio of approvals (rejects once it can no longer be reached).
   */
  mode: 'any' | 'all' | 'sequential' | 'quorum';
  quorum?: { count: number } | { ratio: number };
}

/** Fill-in (填写): the assignee edits the allowed fields and submits. */
export interface FillSettings extends TaskNodeSettings {
  mode: 'any' | 'all' | 'sequential';
}

/** CC (抄送): read-only tasks for the recipients; the flow goes straight on. */
export interface CcSettings {
  recipients: AssigneeSpec[];
  fieldPermissions?: Record<string, FieldPermission>;
}

export type ExclusiveSettings = Record<string, never>;
export type ParallelSplitSettings = Record<string, never>;
export type ParallelJoinSettings = Record<string, never>;

export interface UpdateRecordSettings {
  /** field key → JSON Logic rule evaluated against the record (a literal is a rule too). */
  set: Record<string, JsonLogicRule>;
}

/** Creates or updates records of another form (the host writes them in the same transaction). */
export interface CreateRecordSettings {
  /** Key of the target form. */
  form: string;
  mode: 'create' | 'update' | 'upsert';
  /**
   * Which target records to update (required for `update` / `upsert`): a JSON Logic filter
   * over a target record; `{"var": "$source.<field>"}` reads this record and is replaced
   * by its value before the host evaluates the filter.
   */
  match?: JsonLogicRule;
  /** Target field key → rule evaluated against this record. */
  set: Record<string, JsonLogicRule>;
}

export type NotifyChannel = 'in_app' | 'email' | 'dingtalk' | 'wecom' | 'feishu';

export interface NotifySettings {
  recipients: AssigneeSpec[];
  /** The message; `{{field}}` is replaced by the record's value of that field. */
  message: I18nText;
  /** Channels to use (the host's per-user preferences when absent). */
  channels?: NotifyChannel[];
}

export interface WebhookSettings {
  url: string;
  method: 'POST' | 'PUT';
  /** Body key → rule evaluated against the record. */
  body?: Record<string, JsonLogicRule>;
  headers?: Record<string, string>;
}

/** Waits for a duration, or until a date field of the record (plus `offset`). */
export interface WaitSettings {
  duration?: DurationSpec;
  untilField?: string;
  /** Added to `untilField`'s date; negative values mean before it. */
  offset?: DurationSpec;
}

/** Starts a flow on a new record of another form, and optionally waits for its outcome. */
export interface SubprocessSettings {
  form: string;
  /** Child record field → rule evaluated against this record. */
  data: Record<string, JsonLogicRule>;
  /** When true the token waits and leaves by the `approve` / `reject` edge of the outcome. */
  waitForOutcome: boolean;
}

export interface EndSettings {
  outcome: 'approved' | 'rejected';
  /**
   * An automation run by a button that ends here was refused: the press answers with
   * this error (`code`, the message with `{{param}}` placeholders filled from `params`,
   * JSON Logic rules over the run's data) and changes nothing.
   */
  refusal?: {
    code: string;
    message: I18nText;
    params?: Record<string, JsonLogicRule>;
  };
}

export interface NodeSettingsByType {
  start: StartSettings;
  approval: ApprovalSettings;
  fill: FillSettings;
  cc: CcSettings;
  exclusive: ExclusiveSettings;
  parallel_split: ParallelSplitSettings;
  parallel_join: ParallelJoinSettings;
  update_record: UpdateRecordSettings;
  create_record: CreateRecordSettings;
  notify: NotifySettings;
  webhook: WebhookSettings;
  wait: WaitSettings;
  subprocess: SubprocessSettings;
  end: EndSettings;
}

export interface FlowNodeOf<T extends NodeType> {
  id: string;
  type: T;
  name: I18nText;
  settings: NodeSettingsByType[T];
  /** Canvas position, kept by the designer. */
  position?: { x: number; y: number };
}

/** Discriminated union of every node. */
export type FlowNode = { [T in NodeType]: FlowNodeOf<T> }[NodeType];

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  label?: I18nText;
  /** On edges leaving an exclusive branch: the condition, tried in `priority` order. */
  condition?: JsonLogicRule;
  priority?: number;
  /** On edges leaving an exclusive branch: the edge taken when no condition holds. */
  isDefault?: boolean;
  /** On edges leaving an approval (or a sub-process that waits): which outcome follows this edge. */
  outcome?: 'approve' | 'reject';
}

/**
 * Whether the submitter may withdraw a running instance: never, until anyone acted on a
 * task (the default), or always.
 */
export type WithdrawPolicy = 'never' | 'until_acted' | 'always';

export interface FlowDefinition {
  key: string;
  name: I18nText;
  nodes: FlowNode[];
  edges: FlowEdge[];
  withdrawPolicy?: WithdrawPolicy;
}

// ---------------------------------------------------------------- apps and templates

export interface AppFormEntry {
  form: FormDefinition;
  /** The flow a submission of this form starts, if any. */
  flow?: FlowDefinition;
}

export interface AppDefinition {
  key: string;
  name: I18nText;
  description?: I18nText;
  forms: AppFormEntry[];
}

/** Demo data shipped with a template, loaded in demo mode only. */
export interface TemplateSampleRecord {
  form: string;
  /** Username of the submitter. */
  submittedBy: string;
  data: JsonObject;
  /** The record's id (a UUID), so that other samples can link to it; a fresh one when absent. */
  id?: string;
  /**
   * When the record was created (ISO date-time). A sample with it is a record of the past:
   * stored directly as data (checked against its form, serial numbers and linked-record
   * copies filled in), with no flow started and no automation fired. Without it the
   * sample is submitted like a new record and its flow runs.
   */
  createdAt?: string;
  /** For a record of the past: the run of its flow, stored as a finished process with its tasks. */
  history?: SampleProcessHistory;
}

/** The finished run of a historical sample's flow. */
export interface SampleProcessHistory {
  outcome: 'approved' | 'rejected';
  completedAt: string;
  tasks: SampleTaskHistory[];
}

/** One completed approval (or fill-in: `submit`) task of a historical sample. */
export interface SampleTaskHistory {
  /** The flow's node id. */
  nodeId: string;
  /** Username of whoever held and completed the task. */
  assignee: string;
  action: 'approve' | 'reject' | 'submit';
  createdAt: string;
  completedAt: string;
  comment?: string;
}

/** A role a template's flows assign work to; created on install when missing. */
export interface TemplateRole {
  key: string;
  name: I18nText;
}

/**
 * An automation shipped with a template (the engine's `AutomationInput`: trigger and flow are
 * checked by the engine against the installed forms, so they stay open objects here).
 */
export interface TemplateAutomation {
  key: string;
  name: I18nText;
  enabled?: boolean;
  trigger: JsonObject;
  flow: JsonObject;
}

/** What a template's permission set grants on one of its forms (the engine checks it). */
export interface TemplatePermissionGrant {
  actions: ('view' | 'add' | 'edit' | 'delete' | 'export' | 'import' | 'manage')[];
  fields?: Record<string, 'hidden' | 'readonly' | 'editable'>;
  rows: 'own' | 'department' | 'all' | { filter: unknown };
}

/** A permission set installed with a template, given to some of its roles. */
export interface TemplatePermissionSet {
  key: string;
  name: I18nText;
  description?: I18nText;
  /** By form key. */
  forms: Record<string, TemplatePermissionGrant>;
  /** Role keys (the template's own roles or existing ones). */
  roles: string[];
}

export interface TemplateDefinition {
  key: string;
  name: I18nText;
  description: I18nText;
  app: AppDefinition;
  roles?: TemplateRole[];
  samples?: TemplateSampleRecord[];
  /** Dashboards installed with the app (`dashboards/*.dashboard.json`). */
  dashboards?: DashboardDefinition[];
  automations?: TemplateAutomation[];
  /** Permission sets (`permissions/*.permissions.json`), installed with the app. */
  permissionSets?: TemplatePermissionSet[];
}

// ---------------------------------------------------------------- validation results

/** Stable codes for definition errors; the designer keys messages by them. */
export type DefinitionErrorCode =
  | 'schema_invalid'
  | 'no_start'
  | 'multiple_starts'
  | 'unreachable_node'
  | 'dead_end'
  | 'branch_without_default'
  | 'unknown_node_type'
  | 'edge_unknown_node'
  | 'duplicate_id'
  | 'join_without_split'
  | 'missing_assignee'
  | 'approval_without_approve_edge'
  | 'unknown_field'
  | 'invalid_rule'
  | 'layout_mismatch'
  /** An edge the runtime could not follow unambiguously (added by the definitions package). */
  | 'invalid_edge'
  /** A cycle through no approval: it would loop until the step budget (added likewise). */
  | 'cycle_without_wait'
  /** A rule reads a field of a type its operator cannot use (a date operator on a number). */
  | 'type_mismatch'
  /** Fields whose rules depend on each other in a circle (computed, visibility, defaults, linkage). */
  | 'dependency_cycle'
  /** A link, linkage, related list or option list names a form the app does not have. */
  | 'unknown_form';

export interface DefinitionError {
  code: DefinitionErrorCode;
  message: string;
  /** JSON Pointer into the definition, e.g. `/nodes/3/settings/assignees`. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}
