import type { AppDefinition, DefinitionError, TemplateDefinition } from '../types';
import { validateDocumentSchema } from './document.validators';
import { validateFlow } from './flow.validator';
import { validateForm } from './form.validator';

function prefixed(errors: DefinitionError[], prefix: string): DefinitionError[] {
  return errors.map((e) => ({ ...e, path: `${prefix}${e.path}` }));
}

function appContentErrors(app: AppDefinition, prefix: string): DefinitionError[] {
  const errors: DefinitionError[] = [];
  // Links, linkage, related lists and option lists are checked against the app's forms.
  const forms = Object.fromEntries(app.forms.map((entry) => [entry.form.key, entry.form]));
  const keys = new Set<string>();
  app.forms.forEach((entry, index) => {
    const at = `${prefix}/forms/${index}`;
    if (keys.has(entry.form.key)) {
      errors.push({
        code: 'duplicate_id',
        path: `${at}/form/key`,
        message: `two forms have the key "${entry.form.key}"`,
      });
    }
    keys.add(entry.form.key);
    const formErrors = validateForm(entry.form, { forms });
    errors.push(...prefixed(formErrors, `${at}/form`));
    if (entry.flow) {
      const flowErrors = validateFlow(entry.flow, formErrors.length === 0 ? entry.form : undefined);
      errors.push(...prefixed(flowErrors, `${at}/flow`));
    }
  });
  return errors;
}

/** Validates an app: its schema, then every form and flow (flows against their form). Never throws. */
export function validateApp(app: unknown): DefinitionError[] {
  try {
    const schemaErrors = validateDocumentSchema('app', app);
    return schemaErrors.length > 0 ? schemaErrors : appContentErrors(app as AppDefinition, '');
  } catch (error) {
    return [
      {
        code: 'schema_invalid',
        path: '',
        message: `the app could not be validated: ${String(error)}`,
      },
    ];
  }
}

/** Validates a template: its schema, its app, and that samples name forms of the app. Never throws. */
export function validateTemplate(template: unknown): DefinitionError[] {
  try {
    const schemaErrors = validateDocumentSchema('template', template);
    if (schemaErrors.length > 0) return schemaErrors;
    const valid = template as TemplateDefinition;
    const errors = appContentErrors(valid.app, '/app');
    const formKeys = new Set(valid.app.forms.map((entry) => entry.form.key));
    (valid.samples ?? []).forEach((sample, index) => {
      if (!formKeys.has(sample.form)) {
        errors.push({
          code: 'unknown_field',
          path: `/samples/${index}/form`,
          message: `sample ${index} names form "${sample.form}", which the app does not have`,
        });
      }
    });
    return errors;
  } catch (error) {
    return [
      {
        code: 'schema_invalid',
        path: '',
        message: `the template could not be validated: ${String(error)}`,
      },
    ];
  }
}
