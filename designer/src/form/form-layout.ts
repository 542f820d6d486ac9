import type { FieldSchema, FormDefinition } from '@liuyun/definitions';

export { layoutPlaces, type LayoutPlace } from '@liuyun/definitions';

export interface FormTab {
  key: string;
  field: FieldSchema;
  keys: string[];
}

/**
 * The layout cut at `tab` fields: what comes before the first tab, then each tab's keys.
 * The designer's canvas and the renderer read the same cut, so what is built is what shows.
 */
export function splitTabs(form: FormDefinition): { head: string[]; tabs: FormTab[] } {
  const head: string[] = [];
  const tabs: FormTab[] = [];
  for (const key of form.layout) {
    const field = form.schema.properties[key];
    if (!field) continue;
    if (field['x-widget'] === 'tab') tabs.push({ key, field, keys: [] });
    else (tabs[tabs.length - 1]?.keys ?? head).push(key);
  }
  return { head, tabs };
}
