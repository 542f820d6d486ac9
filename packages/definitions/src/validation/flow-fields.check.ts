import { collectVars } from '@liuyun/logic';
import type {
  AssigneeSpec,
  FieldSchema,
  FlowDefinition,
  FlowNode,
  FormDefinition,
  JsonLogicRule,
} from '../types';
import type { FlowGraph } from './flow-graph';
import { edgePath, label, nodePath, type Report } from './flow-report';
import { checkRuleAt } from './rule-check';

/** `{{field}}` in notification messages (linear-time pattern). */
const PLACEHOLDER = /\{\{\s*([^{}\s]{1,64})\s*\}\}/g;

/** `$source.<field>` reads the flow's own record inside a create_record `match`. */
const SOURCE_PREFIX = '$source.';

/** The fields of the form, or undefined when validating without one. */
type Fields = ReadonlyMap<string, FieldSchema> | undefined;

/** Checks field references and rules of one node against the form's fields. */
class NodeFieldChecker {
  constructor(
    private readonly node: FlowNode,
    private readonly index: number,
    private readonly fields: Fields,
    private readonly report: Report,
  ) {}

  private at(...rest: (string | number)[]): string {
    return nodePath(this.index, 'settings', ...rest);
  }

  /** Reports `unknown_field` unless `field` is a field of the form. */
  field(field: string, what: string, ...at: (string | number)[]): void {
    if (!this.fields || this.fields.has(field)) return;
    this.report({
      code: 'unknown_field',
      path: this.at(...at),
      nodeId: this.node.id,
      field,
      message: `${label(this.node)} ${what} "${field}", which is not a field of the form`,
    });
  }

  /** Checks a rule that reads this record. */
  rule(rule: JsonLogicRule, ...at: (string | number)[]): void {
    const fields = this.fields ? [...this.fields.keys()] : undefined;
    checkRuleAt(rule, fields, { path: this.at(...at), nodeId: this.node.id }).forEach(this.report);
  }

  rules(map: Record<string, JsonLogicRule> | undefined, slot: string): void {
    for (const [key, rule] of Object.entries(map ?? {})) this.rule(rule, slot, key);
  }

  assignees(specs: readonly AssigneeSpec[], ...at: (string | number)[]): void {
    specs.forEach((spec, i) => {
      if (spec.kind === 'field') this.field(spec.field, 'assigns to the member field', ...at, i);
    });
  }

  permissions(node: { fieldPermissions?: Record<string, unknown> }): void {
    for (const key of Object.keys(node.fieldPermissions ?? {}))
      this.field(key, 'sets permissions on', 'fieldPermissions', key);
  }

  subformRows(rows: Record<string, unknown> | undefined): void {
    for (const key of Object.keys(rows ?? {})) {
      const schema = this.fields?.get(key);
      if (!this.fields || schema?.['x-widget'] === 'subform') continue;
      this.report({
        code: 'unknown_field',
        path: this.at('subformRows', key),
        nodeId: this.node.id,
        field: key,
        message: `${label(this.node)} sets row permissions on "${key}", which is not a sub-form field`,
      });
    }
  }

  /** Only `$source.` variables can be checked: the others read the target form. */
  match(rule: JsonLogicRule): void {
    checkRuleAt(rule, undefined, { path: this.at('match'), nodeId: this.node.id }).forEach(
      this.report,
    );
    for (const name of collectVars(rule)) {
      if (!name.startsWith(SOURCE_PREFIX)) continue;
      const field = name.slice(SOURCE_PREFIX.length).split('.')[0] ?? '';
      this.field(field, 'matches on', 'match');
    }
  }

  placeholders(text: { zh: string; en: string }): void {
    for (const lang of ['zh', 'en'] as const) {
      for (const found of text[lang].matchAll(PLACEHOLDER)) {
        this.field(found[1] ?? '', 'shows the placeholder', 'message', lang);
      }
    }
  }
}

function checkNodeFields(node: FlowNode, checker: NodeFieldChecker): void {
  switch (node.type) {
    case 'start': {
      const { settings } = node;
      if (settings.trigger === 'record_change') {
        (settings.watchFields ?? []).forEach((field, i) =>
          checker.field(field, 'watches', 'watchFields', i),
        );
        if (settings.condition !== undefined) checker.rule(settings.condition, 'condition');
      }
      if (settings.trigger === 'schedule' && settings.dateField !== undefined)
        checker.field(settings.dateField, 'is scheduled by', 'dateField');
      return;
    }
    case 'approval':
    case 'fill': {
      const { settings } = node;
      checker.assignees(settings.assignees, 'assignees');
      if (settings.deadline?.escalateTo)
        checker.assignees([settings.deadline.escalateTo], 'deadline', 'escalateTo');
      checker.permissions(settings);
      checker.subformRows(settings.subformRows);
      return;
    }
    case 'cc':
      checker.assignees(node.settings.recipients, 'recipients');
      checker.permissions(node.settings);
      return;
    case 'notify':
      checker.assignees(node.settings.recipients, 'recipients');
      checker.placeholders(node.settings.message);
      return;
    case 'update_record':
      for (const [key, rule] of Object.entries(node.settings.set)) {
        checker.field(key, 'sets', 'set', key);
        checker.rule(rule, 'set', key);
      }
      return;
    case 'create_record':
      checker.rules(node.settings.set, 'set');
      if (node.settings.match !== undefined) checker.match(node.settings.match);
      return;
    case 'webhook':
      checker.rules(node.settings.body, 'body');
      return;
    case 'subprocess':
      checker.rules(node.settings.data, 'data');
      return;
    case 'wait':
      if (node.settings.untilField !== undefined)
        checker.field(node.settings.untilField, 'waits until', 'untilField');
      return;
    default:
      return;
  }
}

/**
 * Every rule and field reference of the flow: branch conditions, rules in settings,
 * field permissions, member-field assignees, dates waited on, message placeholders.
 * Rules are always checked; field names only when the form is given.
 */
export function checkFlowFields(
  flow: FlowDefinition,
  graph: FlowGraph,
  form: FormDefinition | undefined,
  report: Report,
): void {
  const fields: Fields = form ? new Map(Object.entries(form.schema.properties)) : undefined;
  const fieldList = fields ? [...fields.keys()] : undefined;
  flow.edges.forEach((edge, index) => {
    if (edge.condition === undefined) return;
    if (graph.nodes.get(edge.source)?.node.type !== 'exclusive') return;
    checkRuleAt(edge.condition, fieldList, {
      path: edgePath(index, 'condition'),
      edgeId: edge.id,
    }).forEach(report);
  });
  flow.nodes.forEach((node, index) => {
    checkNodeFields(node, new NodeFieldChecker(node, index, fields, report));
  });
}
