import type {
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  TemplateAutomation,
  TemplateDelta,
  UpgradeChangeKind,
  UpgradeMergeChange,
  UpgradeOutcome,
  UpgradeResolution,
} from '@liuyun/definitions';
import { same, type ContentForm, type TemplateContent } from './template-content';

type Delta = TemplateDelta;
export type Resolution = UpgradeResolution;
type UpgradeChange = UpgradeMergeChange;

export interface MergeResult {
  /** Every unit the new version changed, and every conflict. */
  changes: UpgradeChange[];
  /** The app after the upgrade (resolutions applied; an unresolved conflict keeps ours). */
  merged: TemplateContent;
  /** Ids of conflicts without a resolution. */
  unresolved: string[];
}

type Unit = unknown;

function delta(from: Unit, to: Unit): Delta {
  if (from === undefined) return to === undefined ? 'unchanged' : 'added';
  if (to === undefined) return 'removed';
  return same(from, to) ? 'unchanged' : 'changed';
}

interface Decision {
  value: Unit;
  change: UpgradeChange | null;
}

class Merger {
  readonly changes: UpgradeChange[] = [];
  readonly unresolved: string[] = [];

  constructor(
    private readonly baseKnown: boolean,
    private readonly resolutions: Readonly<Record<string, Resolution>>,
  ) {}

  /** The three-way decision for one unit (undefined: absent on that side). */
  decide(
    id: string,
    kind: UpgradeChangeKind,
    form: string | null,
    key: string,
    b: Unit,
    t: Unit,
    o: Unit,
  ): Decision {
    const known = this.baseKnown;
    const upstream: Delta = known ? delta(b, t) : same(o, t) ? 'unchanged' : 'unknown';
    const local: Delta = known ? delta(b, o) : 'unknown';
    let outcome: UpgradeOutcome;
    if (known && same(t, b)) outcome = local === 'unchanged' ? 'same' : 'keep';
    else if (same(o, t)) outcome = 'same';
    else if (known && same(o, b)) outcome = 'apply';
    else outcome = 'conflict';
    const chosen = this.resolutions[id];
    let value: Unit = outcome === 'apply' ? t : o;
    if (chosen === 'theirs') value = t;
    if (chosen === 'mine') value = o;
    if (outcome === 'conflict' && chosen === undefined) this.unresolved.push(id);
    if (upstream === 'unchanged' && outcome !== 'conflict') return { value, change: null };
    const change: UpgradeChange = {
      id,
      kind,
      form,
      key,
      upstream,
      local,
      outcome,
      base: b ?? null,
      theirs: t ?? null,
      ours: o ?? null,
    };
    this.changes.push(change);
    return { value, change };
  }

  /** A unit the upgrade reports but never changes (a form removed upstream keeps its records). */
  report(change: UpgradeChange): void {
    this.changes.push(change);
  }
}

function keysInOrder<T>(lists: (readonly T[] | undefined)[], keyOf: (x: T) => string): string[] {
  const seen: string[] = [];
  for (const list of lists)
    for (const x of list ?? []) if (!seen.includes(keyOf(x))) seen.push(keyOf(x));
  return seen;
}

interface FieldUnit {
  schema: FormDefinition['schema']['properties'][string];
  required: boolean;
}

function fieldUnit(form: FormDefinition | undefined, name: string): FieldUnit | undefined {
  const schema = form?.schema.properties[name];
  if (!schema || !form) return undefined;
  return { schema, required: (form.schema.required ?? []).includes(name) };
}

/** Form settings: its own keys but key, schema and layout, and the schema's but its fields. */
function settings(form: FormDefinition | undefined): Map<string, Unit> {
  const out = new Map<string, Unit>();
  if (!form) return out;
  for (const [k, v] of Object.entries(form))
    if (k !== 'key' && k !== 'schema' && k !== 'layout') out.set(k, v);
  for (const [k, v] of Object.entries(form.schema))
    if (k !== 'properties' && k !== 'required') out.set(`schema.${k}`, v);
  return out;
}

/** Inserts the names `from` has and `into` lacks, each after its predecessor in `from`. */
function insertMissing(into: string[], from: readonly string[], names: Set<string>): void {
  from.forEach((name, i) => {
    if (!names.has(name) || into.includes(name)) return;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const before = into.indexOf(from[j]!);
      if (before >= 0) {
        at = before + 1;
        break;
      }
    }
    into.splice(at, 0, name);
  });
}

function mergeLayout(
  b: readonly string[] | undefined,
  t: readonly string[],
  o: readonly string[],
  names: Set<string>,
): string[] {
  // Theirs order when the admin kept the installed order, else the admin's.
  const start = b && same(o, b) ? t : o;
  const out = start.filter((n, i) => names.has(n) && start.indexOf(n) === i);
  insertMissing(out, t, names);
  insertMissing(out, o, names);
  for (const n of names) if (!out.includes(n)) out.push(n);
  return out;
}

function mergeForm(
  merger: Merger,
  key: string,
  bF: ContentForm | undefined,
  tF: ContentForm,
  oF: ContentForm,
): ContentForm {
  const [b, t, o] = [bF?.form, tF.form, oF.form];
  const bs = settings(b);
  const ts = settings(t);
  const os = settings(o);
  const merged: Record<string, Unit> = { key };
  const schema: Record<string, Unit> = {};
  for (const name of keysInOrder([[...os.keys()], [...ts.keys()], [...bs.keys()]], (x) => x)) {
    const { value } = merger.decide(
      `setting:${key}/${name}`,
      'setting',
      key,
      name,
      bs.get(name),
      ts.get(name),
      os.get(name),
    );
    if (value === undefined) continue;
    if (name.startsWith('schema.')) schema[name.slice('schema.'.length)] = value;
    else merged[name] = value;
  }
  const properties: FormDefinition['schema']['properties'] = {};
  const required: string[] = [];
  for (const name of keysInOrder([o.layout, t.layout, b?.layout], (x) => x)) {
    const { value } = merger.decide(
      `field:${key}/${name}`,
      'field',
      key,
      name,
      fieldUnit(b, name),
      fieldUnit(t, name),
      fieldUnit(o, name),
    );
    if (value === undefined) continue;
    const unit = value as FieldUnit;
    properties[name] = unit.schema;
    if (unit.required) required.push(name);
  }
  const layout = mergeLayout(b?.layout, t.layout, o.layout, new Set(Object.keys(properties)));
  const ordered = Object.fromEntries(layout.map((n) => [n, properties[n]!]));
  const finalSchema = { type: 'object', ...schema, properties: ordered } as Record<string, Unit>;
  const requiredInOrder = layout.filter((n) => required.includes(n));
  if (requiredInOrder.length > 0) finalSchema.required = requiredInOrder;
  const form = {
    ...merged,
    schema: finalSchema,
    layout,
  } as unknown as FormDefinition;
  const flow = merger.decide(
    `flow:${key}`,
    'flow',
    key,
    key,
    bF?.flow ?? undefined,
    tF.flow ?? undefined,
    oF.flow ?? undefined,
  ).value as FlowDefinition | undefined;
  return { form, flow: flow ?? null };
}

function mergeKeyed<T extends { key: string }>(
  merger: Merger,
  kind: 'automation' | 'dashboard',
  b: readonly T[] | null,
  t: readonly T[],
  o: readonly T[],
): T[] {
  const out: T[] = [];
  for (const key of keysInOrder([o, t, b ?? []], (x) => x.key)) {
    const { value } = merger.decide(
      `${kind}:${key}`,
      kind,
      null,
      key,
      b?.find((x) => x.key === key),
      t.find((x) => x.key === key),
      o.find((x) => x.key === key),
    );
    if (value !== undefined) out.push(value as T);
  }
  return out;
}

/**
 * The three-way merge of an upgrade: `base` is what was installed (null when unknown:
 * then every difference is a conflict), `theirs` the new template version, `ours` the
 * app as the admin left it. Forms merge field by field (and setting by setting, flow as
 * a whole); automations and dashboards by key. A form the new version drops is kept
 * (it holds records); changes the admin did not touch are applied, theirs are kept.
 */
export function mergeTemplate(
  base: TemplateContent | null,
  theirs: TemplateContent,
  ours: TemplateContent,
  resolutions: Readonly<Record<string, Resolution>> = {},
): MergeResult {
  const merger = new Merger(base !== null, resolutions);
  const key = (e: ContentForm) => e.form.key;
  const forms: ContentForm[] = [];
  for (const k of keysInOrder([ours.forms, theirs.forms, base?.forms], key)) {
    const bF = base?.forms.find((e) => key(e) === k);
    const tF = theirs.forms.find((e) => key(e) === k);
    const oF = ours.forms.find((e) => key(e) === k);
    if (tF && oF) {
      forms.push(mergeForm(merger, k, bF, tF, oF));
    } else if (oF) {
      if (bF)
        merger.report({
          id: `form:${k}`,
          kind: 'form',
          form: k,
          key: k,
          upstream: 'removed',
          local: delta(bF, oF),
          outcome: 'keep',
          base: bF,
          theirs: null,
          ours: oF,
        });
      forms.push(oF);
    } else if (tF) {
      const { value } = merger.decide(`form:${k}`, 'form', k, k, bF, tF, undefined);
      if (value !== undefined) forms.push(value as ContentForm);
    }
  }
  const automations = mergeKeyed<TemplateAutomation>(
    merger,
    'automation',
    base?.automations ?? null,
    theirs.automations,
    ours.automations,
  );
  const dashboards = mergeKeyed<DashboardDefinition>(
    merger,
    'dashboard',
    base?.dashboards ?? null,
    theirs.dashboards,
    ours.dashboards,
  );
  return {
    changes: merger.changes,
    merged: { forms, automations, dashboards },
    unresolved: merger.unresolved,
  };
}
