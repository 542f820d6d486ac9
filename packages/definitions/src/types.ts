/**
 * The shapes of everything a user authors: apps, forms and flows.
 * The JSON Schemas in `./schemas` describe the same shapes for validation at the
 * boundary; these types are what code works with once a document passed validation.
 */

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

/** Widgets the form renderer knows; the key of a field's `x-widget`. */
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
  | 'subform';

/**
 * One field: a JSON Schema (2020-12) property plus annotation keywords prefixed `x-`.
 * Rules are evaluated with the record's data as the JSON Logic data; inside a
 * sub-form row, the row is the data and the whole record is reachable as `$record`.
 */
export interface FieldSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  title?: string;
  description?: string;
  enum?: JsonValue[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: JsonValue;
  /** Sub-form rows. */
  items?: SubFormSchema;
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
}

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
  'start' | 'approval' | 'exclusive' | 'parallel_split' | 'parallel_join' | 'update_record' | 'end';

/** Who receives an approval task. */
export type AssigneeSpec =
  | { kind: 'user'; username: string }
  | { kind: 'role'; role: string }
  /** The head of the submitter's department, `levels` up (1 = own department's head). */
  | { kind: 'department_head'; levels: number }
  | { kind: 'submitter' };

export interface StartSettings {
  trigger: 'form_submit';
}

export interface ApprovalSettings {
  assignees: AssigneeSpec[];
  /** any = 或签 (first decision wins), all = 会签 (everyone must approve; one reject rejects). */
  mode: 'any' | 'all';
}

export type ExclusiveSettings = Record<string, never>;
export type ParallelSplitSettings = Record<string, never>;
export type ParallelJoinSettings = Record<string, never>;

export interface UpdateRecordSettings {
  /** field key → JSON Logic rule evaluated against the record (a literal is a rule too). */
  set: Record<string, JsonLogicRule>;
}

export interface EndSettings {
  outcome: 'approved' | 'rejected';
}

export interface NodeSettingsByType {
  start: StartSettings;
  approval: ApprovalSettings;
  exclusive: ExclusiveSettings;
  parallel_split: ParallelSplitSettings;
  parallel_join: ParallelJoinSettings;
  update_record: UpdateRecordSettings;
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
  /** On edges leaving an approval: which decision follows this edge. */
  outcome?: 'approve' | 'reject';
}

export interface FlowDefinition {
  key: string;
  name: I18nText;
  nodes: FlowNode[];
  edges: FlowEdge[];
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
}

/** A role a template's flows assign work to; created on install when missing. */
export interface TemplateRole {
  key: string;
  name: I18nText;
}

export interface TemplateDefinition {
  key: string;
  name: I18nText;
  description: I18nText;
  app: AppDefinition;
  roles?: TemplateRole[];
  samples?: TemplateSampleRecord[];
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
  | 'cycle_without_wait';

export interface DefinitionError {
  code: DefinitionErrorCode;
  message: string;
  /** JSON Pointer into the definition, e.g. `/nodes/3/settings/assignees`. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}
