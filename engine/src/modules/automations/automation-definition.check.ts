import {
  validateFlow,
  type DefinitionError,
  type DefinitionErrorCode,
  type FieldSchema,
  type FlowDefinition,
  type FormDefinition,
  type JsonLogicRule,
} from '@liuyun/definitions';
import { checkRule, collectVars } from '@liuyun/logic';
import { hostNodeShapeErrors } from './automation.schemas';
import type { AutomationFlow, AutomationInput, AutomationTrigger } from './automation.types';
import {
  AUTOMATION_NODE_TYPES,
  compileAutomationFlow,
  isHostNode,
} from './automation-flow.compiler';
import { CronError, parseCron } from './cron.schedule';

/** A definition error of an automation: the flow's codes plus the automation's own. */
export interface AutomationDefinitionError extends Omit<DefinitionError, 'code'> {
  code:
    | DefinitionErrorCode
    | 'node_not_allowed'
    | 'unknown_form'
    | 'no_flow'
    | 'update_without_record'
    | 'invalid_cron'
    | 'name_clash'
    | 'automation_loop';
  /** `automation_loop`: the automation keys around the cycle, the first repeated last. */
  cycle?: string[];
}

/** A published form of the app, as the checks need it. */
export interface AppForm {
  id: string;
  key: string;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

const SOURCE_PREFIX = '$source.';
const BEFORE = '$before';

/** The form whose records the trigger hands to the flow, if any. */
export function triggerFormKey(trigger: AutomationTrigger): string | null {
  if (trigger.kind === 'webhook') return null;
  if (trigger.kind === 'schedule') return trigger.form ?? null;
  return trigger.form;
}

/** Whether the flow runs on a record it may update (`update_record`, a delete of it). */
export function triggerHasRecord(trigger: AutomationTrigger): boolean {
  if (trigger.kind === 'record_deleted' || trigger.kind === 'webhook') return false;
  return triggerFormKey(trigger) !== null;
}

class Checker {
  readonly errors: AutomationDefinitionError[] = [];

  constructor(readonly forms: ReadonlyMap<string, AppForm>) {}

  report(e: AutomationDefinitionError): void {
    this.errors.push(e);
  }

  form(key: string, path: string): AppForm | undefined {
    const form = this.forms.get(key);
    if (!form) this.report({ code: 'unknown_form', path, message: `the app has no form "${key}"` });
    return form;
  }

  field(form: AppForm, field: string, path: string, what: string): void {
    if (field in form.definition.schema.properties) return;
    this.report({
      code: 'unknown_field',
      path,
      field,
      message: `${what} "${field}", which is not a field of the form "${form.key}"`,
    });
  }

  rule(rule: JsonLogicRule, fields: readonly string[] | undefined, path: string): void {
    for (const issue of checkRule(rule, fields === undefined ? {} : { fields })) {
      this.report({
        code: issue.code === 'unknown_field' ? 'unknown_field' : 'invalid_rule',
        path: `${path}${issue.path}`,
        message: issue.message,
      });
    }
  }

  /**
   * A filter over another form's records; `$source.` reads the triggering record (checked
   * here unless validateFlow checks it, as it does for compiled `create_record` nodes).
   */
  match(
    rule: JsonLogicRule,
    source: AppForm | undefined,
    target: AppForm,
    path: string,
    checkSource: boolean,
  ): void {
    if (checkSource) this.rule(rule, undefined, path);
    for (const name of collectVars(rule)) {
      const [head = ''] = name.split('.');
      if (name.startsWith(SOURCE_PREFIX)) {
        const field = name.slice(SOURCE_PREFIX.length).split('.')[0] ?? '';
        if (source && checkSource)
          this.field(source, field, path, 'the filter reads the triggering record field');
      } else if (!/^\d+$/.test(head)) {
        this.field(target, head, path, 'the filter reads');
      }
    }
  }
}

function fieldsOf(form: AppForm): string[] {
  return Object.keys(form.definition.schema.properties);
}

function checkTrigger(c: Checker, trigger: AutomationTrigger): AppForm | undefined {
  const key = triggerFormKey(trigger);
  const form = key === null ? undefined : c.form(key, '/trigger/form');
  if (trigger.kind === 'webhook') return undefined;
  if ('condition' in trigger && trigger.condition !== undefined && form) {
    const extra = trigger.kind === 'record_updated' ? [BEFORE] : [];
    c.rule(trigger.condition, [...fieldsOf(form), ...extra], '/trigger/condition');
    for (const name of collectVars(trigger.condition)) {
      const [head, field] = name.split('.');
      if (head === BEFORE && field !== undefined)
        c.field(form, field, '/trigger/condition', 'the condition reads the old value of');
    }
  }
  if (!form) {
    if (trigger.kind === 'schedule' && trigger.dateField !== undefined)
      c.report({
        code: 'schema_invalid',
        path: '/trigger/form',
        message: 'a schedule by a date field needs the form that has the field',
      });
    else if (trigger.kind === 'schedule' && trigger.condition !== undefined)
      c.rule(trigger.condition, undefined, '/trigger/condition');
  }
  switch (trigger.kind) {
    case 'record_updated':
      (trigger.watchFields ?? []).forEach((f, i) => {
        if (form) c.field(form, f, `/trigger/watchFields/${i}`, 'the trigger watches');
      });
      break;
    case 'process_ended':
    case 'process_reached_node':
      if (form && !form.flow)
        c.report({
          code: 'no_flow',
          path: '/trigger/form',
          message: `the form "${form.key}" has no process to watch`,
        });
      if (trigger.kind === 'process_reached_node' && form?.flow) {
        if (!form.flow.nodes.some((n) => n.id === trigger.nodeId))
          c.report({
            code: 'edge_unknown_node',
            path: '/trigger/nodeId',
            nodeId: trigger.nodeId,
            message: `the process of "${form.key}" has no node "${trigger.nodeId}"`,
          });
      }
      break;
    case 'schedule':
      checkSchedule(c, trigger, form);
      break;
    default:
      break;
  }
  return form;
}

function checkSchedule(
  c: Checker,
  trigger: Extract<AutomationTrigger, { kind: 'schedule' }>,
  form: AppForm | undefined,
): void {
  if ((trigger.cron === undefined) === (trigger.dateField === undefined)) {
    c.report({
      code: 'schema_invalid',
      path: '/trigger',
      message: 'a schedule needs exactly one of "cron" and "dateField"',
    });
  }
  if (trigger.cron !== undefined) {
    try {
      parseCron(trigger.cron);
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      c.report({ code: 'invalid_cron', path: '/trigger/cron', message: e.message });
    }
  }
  if (trigger.dateField !== undefined && form) {
    c.field(form, trigger.dateField, '/trigger/dateField', 'the schedule counts from');
  }
  if (
    trigger.dateField === undefined &&
    (trigger.offsetDays ?? trigger.at ?? trigger.yearly) !== undefined
  ) {
    c.report({
      code: 'schema_invalid',
      path: '/trigger',
      message: '"offsetDays", "at" and "yearly" apply to "dateField" only',
    });
  }
}

function synthetic(into: string): FieldSchema {
  return { type: 'number', 'x-widget': 'number', 'x-label': { zh: into, en: into } };
}

/** Host steps: their shape, forms, fields, and the names queries add to the data. */
function checkHostSteps(
  c: Checker,
  flow: AutomationFlow,
  source: AppForm | undefined,
  trigger: AutomationTrigger,
): Record<string, FieldSchema> {
  const added: Record<string, FieldSchema> = {};
  flow.nodes.forEach((node, index) => {
    const at = `/flow/nodes/${index}`;
    if (!AUTOMATION_NODE_TYPES.has(node.type)) {
      c.report({
        code: 'node_not_allowed',
        path: `${at}/type`,
        nodeId: node.id,
        message: `an automation cannot have a "${node.type}" node (it runs without people or waiting)`,
      });
      return;
    }
    if (!isHostNode(node)) return;
    const shape = hostNodeShapeErrors(node);
    if (shape.length > 0) {
      for (const e of shape.slice(0, 5))
        c.report({
          code: 'schema_invalid',
          path: `${at}${e.instancePath}`,
          nodeId: node.id,
          message: e.message ?? 'is not valid',
        });
      return;
    }
    if (node.type === 'delete_record') {
      if (node.settings.form === undefined) {
        if (!triggerHasRecord(trigger))
          c.report({
            code: 'update_without_record',
            path: `${at}/settings`,
            nodeId: node.id,
            message: 'this trigger has no record to delete; name a form and a match',
          });
        return;
      }
      const target = c.form(node.settings.form, `${at}/settings/form`);
      if (target && node.settings.match !== undefined)
        c.match(node.settings.match, source, target, `${at}/settings/match`, false);
      if (target && node.settings.match === undefined)
        c.report({
          code: 'schema_invalid',
          path: `${at}/settings/match`,
          nodeId: node.id,
          message: 'deleting records of a form needs "match" to find them',
        });
      return;
    }
    const { settings } = node;
    const target = c.form(settings.form, `${at}/settings/form`);
    if (target && settings.match !== undefined)
      c.match(settings.match, source, target, `${at}/settings/match`, true);
    const needsField = settings.aggregate !== 'count' && settings.aggregate !== 'first';
    if (needsField && settings.field === undefined)
      c.report({
        code: 'schema_invalid',
        path: `${at}/settings/field`,
        nodeId: node.id,
        message: `aggregate "${settings.aggregate}" needs "field"`,
      });
    if (target && settings.field !== undefined)
      c.field(target, settings.field, `${at}/settings/field`, 'the query reads');
    if ((source && settings.into in source.definition.schema.properties) || settings.into in added)
      c.report({
        code: 'name_clash',
        path: `${at}/settings/into`,
        nodeId: node.id,
        message: `"${settings.into}" is already a field or another query's result`,
      });
    added[settings.into] = synthetic(settings.into);
  });
  return added;
}

/** Field checks of runtime nodes that validateFlow cannot make (other forms, the record). */
function checkRuntimeNodes(
  c: Checker,
  flow: AutomationFlow,
  source: AppForm | undefined,
  trigger: AutomationTrigger,
): void {
  flow.nodes.forEach((node, index) => {
    const at = `/flow/nodes/${index}/settings`;
    if (node.type === 'create_record') {
      const target = c.form(node.settings.form, `${at}/form`);
      if (!target) return;
      for (const key of Object.keys(node.settings.set ?? {}))
        c.field(target, key, `${at}/set/${key}`, 'the step sets');
      if (node.settings.match !== undefined)
        c.match(node.settings.match, source, target, `${at}/match`, false);
    }
    if (node.type === 'update_record') {
      if (!triggerHasRecord(trigger)) {
        c.report({
          code: 'update_without_record',
          path: at,
          nodeId: node.id,
          message: 'this trigger has no record to update',
        });
        return;
      }
      for (const key of Object.keys(node.settings.set ?? {}))
        if (source) c.field(source, key, `${at}/set/${key}`, 'the step sets');
    }
  });
}

/**
 * Every problem of an automation against the app's published forms: its trigger (form,
 * watched fields, condition, cron, process node), its steps (node types allowed in an
 * automation, host steps, target forms and fields), and the flow itself through
 * validateFlow against the triggering form. Never throws; empty means it can be saved.
 */
export function checkAutomation(
  input: Pick<AutomationInput, 'trigger' | 'flow'>,
  forms: ReadonlyMap<string, AppForm>,
): AutomationDefinitionError[] {
  const c = new Checker(forms);
  const source = checkTrigger(c, input.trigger);
  const added = checkHostSteps(c, input.flow, source, input.trigger);
  if (c.errors.some((e) => e.code === 'node_not_allowed' || e.code === 'schema_invalid'))
    return c.errors;
  const compiled = compileAutomationFlow(input.flow);
  const form: FormDefinition | undefined = source && {
    ...source.definition,
    schema: {
      ...source.definition.schema,
      properties: {
        ...source.definition.schema.properties,
        ...added,
        // The run's time (automation-runner: RUN_NOW), readable by every rule.
        $recordId: {
          type: 'string',
          format: 'uuid',
          'x-widget': 'text',
          'x-label': { zh: '触发记录', en: 'Triggering record' },
        },
        $now: {
          type: 'string',
          format: 'date-time',
          'x-widget': 'datetime',
          'x-label': { zh: '运行时间', en: 'Run time' },
        },
      },
    },
  };
  for (const e of validateFlow(compiled.flow, form))
    c.report({ ...e, path: `/flow${e.path}` } as AutomationDefinitionError);
  checkRuntimeNodes(c, input.flow, source, input.trigger);
  return c.errors;
}
