/**
 * What the rule parity spec runs, once in Node (the engine's build of the packages) and
 * once in Chromium (this file bundled with the designer's aliases to the package sources):
 * rules on their data, whole-form evaluations and default values. Errors count as results
 * (their code), so a rule that fails on one side only is a difference too.
 */
import type {
  DefaultsUser,
  FormDefinition,
  JsonObject,
  JsonValue,
  missingDefaults,
  prepareForm,
} from '@liuyun/definitions';
import type { evaluate, WorkCalendar } from '@liuyun/logic';

export interface ParityRule {
  name: string;
  rule: JsonValue;
  data: JsonValue;
}

export interface ParityForm {
  name: string;
  form: FormDefinition;
  data: JsonObject;
}

export interface ParityInput {
  rules: ParityRule[];
  forms: ParityForm[];
  now: string;
  calendar: WorkCalendar;
  user: DefaultsUser;
}

export type Outcome = { value: unknown } | { error: string };

function attempt(run: () => unknown): Outcome {
  try {
    // Through JSON: what a result means, not how the engine holds it (undefined keys, -0).
    return { value: JSON.parse(JSON.stringify(run() ?? null)) as unknown };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { error: typeof code === 'string' ? code : (error as Error).name };
  }
}

/** The package functions under test: the engine's build in Node, the sources in the page. */
export interface ParityPackages {
  evaluate: typeof evaluate;
  prepareForm: typeof prepareForm;
  missingDefaults: typeof missingDefaults;
}

/** Every rule, every form evaluation and every form's defaults, in input order. */
export function runParity(input: ParityInput, pkg: ParityPackages): Outcome[] {
  const { evaluate, prepareForm, missingDefaults } = pkg;
  const options = { now: input.now, calendar: input.calendar };
  const rules = input.rules.map((c) => attempt(() => evaluate(c.rule, c.data, options)));
  const forms = input.forms.map((f) =>
    attempt(() => prepareForm(f.form).evaluate(f.data, options)),
  );
  const defaults = input.forms.map((f) =>
    attempt(() => missingDefaults(f.form, {}, { ...options, user: input.user })),
  );
  return [...rules, ...forms, ...defaults];
}
