/**
 * The P1 rule set: every rule of the CRM templates (computed fields, visibility and
 * required-when rules, inside sub-form rows too, and the flows' branch conditions),
 * each paired with the data it runs on in the product, plus a lead-routing rule set.
 */
import {
  subFormRowsOf,
  type FieldSchema,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
  type TemplateDefinition,
} from '@liuyun/definitions';
import { evaluate } from '@liuyun/logic';
import { listTemplates } from '@liuyun/templates';

/** One evaluation of the set: a rule and the data it sees. */
export interface RuleCase {
  name: string;
  rule: JsonValue;
  data: JsonValue;
}

const RULE_KEYWORDS = ['x-computed', 'x-visible', 'x-required-when'] as const;

interface FieldRule {
  name: string;
  key: string;
  keyword: (typeof RULE_KEYWORDS)[number];
  rule: JsonValue;
  /** The sub-form the rule runs in (row data), or null for the record. */
  subForm: string | null;
}

function rulesOfFields(
  properties: Record<string, FieldSchema>,
  subForm: string | null,
  prefix: string,
): FieldRule[] {
  const rules: FieldRule[] = [];
  for (const [key, field] of Object.entries(properties)) {
    for (const keyword of RULE_KEYWORDS) {
      const rule = field[keyword];
      if (rule !== undefined)
        rules.push({ name: `${prefix}${key} ${keyword}`, key, keyword, rule, subForm });
    }
    const rows = subFormRowsOf(field);
    if (rows) rules.push(...rulesOfFields(rows.properties, key, `${prefix}${key}.`));
  }
  return rules;
}

/** A lead-routing rule set of the kind CRM admins write (nested paths, `in`, else-if chains). */
export const ROUTING_RULES: readonly JsonValue[] = [
  {
    if: [
      { and: [{ '==': [{ var: 'region' }, 'east'] }, { '>=': [{ var: 'amount' }, 100000] }] },
      'key_account_east',
      { in: [{ var: 'industry' }, ['finance', 'insurance', 'banking']] },
      'finance_team',
      { '<=': [{ var: 'customer.tier' }, 2] },
      'vip_desk',
      'general_pool',
    ],
  },
  {
    or: [
      { '>': [{ var: 'customer.open_tickets' }, 3] },
      { and: [{ '!': { var: 'customer.has_contract' } }, { '>': [{ var: 'amount' }, 50000] }] },
    ],
  },
];

/** Leads routed by {@link ROUTING_RULES}, one per branch. */
const LEADS: readonly JsonObject[] = [
  {
    region: 'east',
    amount: 250000,
    industry: 'retail',
    customer: { tier: 3, open_tickets: 0, has_contract: true },
  },
  {
    region: 'west',
    amount: 80000,
    industry: 'insurance',
    customer: { tier: 4, open_tickets: 1, has_contract: false },
  },
  {
    region: 'north',
    amount: 20000,
    industry: 'manufacturing',
    customer: { tier: 1, open_tickets: 5, has_contract: true },
  },
  {
    region: 'south',
    amount: 5000,
    industry: 'education',
    customer: { tier: 5, open_tickets: 0, has_contract: true },
  },
];

/**
 * A sample record as the record rules see it: each row's computed fields filled in with
 * the template's own rules (the total sums the subtotals).
 */
function withRowsComputed(data: JsonObject, rules: readonly FieldRule[]): JsonObject {
  const record: JsonObject = { ...data };
  for (const r of rules) {
    const subForm = r.subForm;
    const rows = subForm === null ? undefined : record[subForm];
    if (subForm === null || r.keyword !== 'x-computed' || !Array.isArray(rows)) continue;
    record[subForm] = rows.map((row) =>
      typeof row === 'object' && row !== null && !Array.isArray(row)
        ? { ...row, [r.key]: evaluate(r.rule, row) }
        : row,
    );
  }
  return record;
}

/** Every rule of the templates against every sample record, then the routing set against the leads. */
export function crmRuleCases(templates: TemplateDefinition[] = listTemplates()): RuleCase[] {
  const cases: RuleCase[] = [];
  for (const template of templates) {
    for (const { form, flow } of template.app.forms) {
      const fieldRules = rulesOfFields(form.schema.properties, null, `${form.key}.`);
      const conditions = (flow?.edges ?? []).flatMap((edge) =>
        edge.condition === undefined
          ? []
          : [{ name: `${flow?.key}.${edge.id}`, rule: edge.condition }],
      );
      const samples = (template.samples ?? []).filter((s) => s.form === form.key);
      for (const sample of samples) {
        const record = withRowsComputed(sample.data, fieldRules);
        for (const r of fieldRules) {
          const rows = r.subForm === null ? [record] : record[r.subForm];
          if (!Array.isArray(rows)) continue;
          for (const data of rows) cases.push({ name: r.name, rule: r.rule, data });
        }
        for (const c of conditions) cases.push({ ...c, data: record });
      }
    }
  }
  for (const lead of LEADS) {
    ROUTING_RULES.forEach((rule, i) => cases.push({ name: `routing.${i}`, rule, data: lead }));
  }
  return cases;
}

/** A whole-form evaluation: a template form and a record submitted on it. */
export interface FormCase {
  name: string;
  form: FormDefinition;
  data: JsonObject;
}

/** Every template form with an empty submission and with each of its sample records. */
export function crmFormCases(templates: TemplateDefinition[] = listTemplates()): FormCase[] {
  const cases: FormCase[] = [];
  for (const template of templates) {
    for (const { form } of template.app.forms) {
      cases.push({ name: `${form.key} (empty)`, form, data: {} });
      (template.samples ?? [])
        .filter((s) => s.form === form.key)
        .forEach((s, i) => cases.push({ name: `${form.key} sample ${i + 1}`, form, data: s.data }));
    }
  }
  return cases;
}
