import { prepareForm, type FormDefinition, type JsonObject } from '@liuyun/definitions';
import type { FieldPath } from './field-path';
import { splitPointer } from './draft-update';
import type { RuleOutcome } from './form-rules.types';

/**
 * `visibility`/`required` are keyed `field` and `subForm.row.field`; the renderer speaks
 * JSON Pointers (`/subForm/row/field`) like the validation errors do.
 */
function ruleKey(path: FieldPath): string {
  return splitPointer(path).join('.');
}

/**
 * The form's rules, compiled once by the very code the engine runs on submit
 * (`prepareForm` from @liuyun/definitions), so what the user sees live is what the server decides.
 */
export function compileFormRules(form: FormDefinition) {
  const prepared = prepareForm(form);
  return {
    evaluate(input: JsonObject): RuleOutcome {
      const { data, visibility, required, errors } = prepared.evaluate(input);
      return {
        data,
        isVisible: (path) => visibility[ruleKey(path)] !== false,
        isRequired: (path) => required[ruleKey(path)] === true,
        errors,
      };
    },
  };
}
