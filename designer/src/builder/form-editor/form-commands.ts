import {
  widgetField,
  type FieldSchema,
  type FormDefinition,
  type I18nText,
  type WidgetType,
} from '@liuyun/definitions';

/** A field key not used yet in the form: `<prefix>_<n>`. */
export function freshFieldKey(form: FormDefinition, prefix: string): string {
  const base = prefix.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'field';
  for (let n = 1; ; n += 1) {
    const key = `${base}_${n}`;
    if (!(key in form.schema.properties)) return key;
  }
}

/**
 * The field a palette drop makes: the catalogue's canonical schema for the widget
 * (`widgetField` of @liuyun/definitions), with two starting options for single choices and
 * one text column for sub-forms.
 */
export function newField(widget: WidgetType, label: I18nText): FieldSchema {
  switch (widget) {
    case 'select':
    case 'radio':
      return widgetField(widget, label, {
        enum: ['option_1', 'option_2'],
        'x-enum-labels': [
          { zh: '选项 1', en: 'Option 1' },
          { zh: '选项 2', en: 'Option 2' },
        ],
      });
    case 'subform':
      return widgetField(widget, label, {
        items: {
          type: 'object',
          properties: {
            item: { type: 'string', 'x-widget': 'text', 'x-label': { zh: '项目', en: 'Item' } },
          },
        },
      });
    default:
      return widgetField(widget, label);
  }
}

export function addField(
  form: FormDefinition,
  key: string,
  field: FieldSchema,
  index = form.layout.length,
): FormDefinition {
  const layout = [...form.layout];
  layout.splice(Math.max(0, Math.min(index, layout.length)), 0, key);
  return {
    ...form,
    layout,
    schema: { ...form.schema, properties: { ...form.schema.properties, [key]: field } },
  };
}

export function removeField(form: FormDefinition, key: string): FormDefinition {
  const { [key]: _gone, ...properties } = form.schema.properties;
  const required = form.schema.required?.filter((k) => k !== key);
  const schema = { ...form.schema, properties };
  if (required && required.length > 0) schema.required = required;
  else delete schema.required;
  return { ...form, layout: form.layout.filter((k) => k !== key), schema };
}

/** Moves a field to position `index` of the layout (the position it will have after the move). */
export function moveField(form: FormDefinition, key: string, index: number): FormDefinition {
  const rest = form.layout.filter((k) => k !== key);
  if (rest.length === form.layout.length) return form;
  const at = Math.max(0, Math.min(index, rest.length));
  const layout = [...rest.slice(0, at), key, ...rest.slice(at)];
  return layout.every((k, i) => k === form.layout[i]) ? form : { ...form, layout };
}

export function updateField(form: FormDefinition, key: string, field: FieldSchema): FormDefinition {
  return {
    ...form,
    schema: { ...form.schema, properties: { ...form.schema.properties, [key]: field } },
  };
}

export function setRequired(form: FormDefinition, key: string, required: boolean): FormDefinition {
  const current = new Set(form.schema.required ?? []);
  if (required) current.add(key);
  else current.delete(key);
  const schema = { ...form.schema };
  if (current.size > 0) schema.required = form.layout.filter((k) => current.has(k));
  else delete schema.required;
  return { ...form, schema };
}

/**
 * Renames a field key everywhere the form names it: properties (keeping their order),
 * layout, required and submit checks' `field`. Rules that read the old key keep reading it
 * (the publish check then reports them as `unknown_field`).
 */
export function renameField(form: FormDefinition, from: string, to: string): FormDefinition {
  if (from === to || !(from in form.schema.properties) || to in form.schema.properties) return form;
  const properties = Object.fromEntries(
    Object.entries(form.schema.properties).map(([k, f]) => [k === from ? to : k, f]),
  );
  const swap = (k: string) => (k === from ? to : k);
  const schema = { ...form.schema, properties };
  if (form.schema.required) schema.required = form.schema.required.map(swap);
  return {
    ...form,
    schema,
    layout: form.layout.map(swap),
    ...(form.checks
      ? { checks: form.checks.map((c) => (c.field === from ? { ...c, field: to } : c)) }
      : {}),
  };
}
