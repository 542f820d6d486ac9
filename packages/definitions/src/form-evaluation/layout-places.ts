import type { FormDefinition, JsonLogicRule } from '../types';
import { ruleOf } from './form-scopes';

/** Where a field sits in the form's structure: the tab and the section it falls under. */
export interface LayoutPlace {
  tab: string | null;
  section: string | null;
}

/**
 * Each key's tab and section, from the layout order: a tab holds everything up to the next
 * tab; a section holds the fields after it up to the next section or tab. A tab or section
 * is not inside itself; a section may sit in a tab.
 */
export function layoutPlaces(form: FormDefinition): Map<string, LayoutPlace> {
  const places = new Map<string, LayoutPlace>();
  let tab: string | null = null;
  let section: string | null = null;
  for (const key of form.layout) {
    const widget = form.schema.properties[key]?.['x-widget'];
    if (widget === undefined) continue;
    if (widget === 'tab') {
      places.set(key, { tab: null, section: null });
      tab = key;
      section = null;
    } else if (widget === 'section') {
      places.set(key, { tab, section: null });
      section = key;
    } else places.set(key, { tab, section });
  }
  return places;
}

/**
 * A field's visibility with its containers': a field in a hidden tab or section is hidden
 * (so never required and never stored), in the browser and on the server alike.
 */
export function effectiveVisibleRule(
  form: FormDefinition,
  key: string,
  places: ReadonlyMap<string, LayoutPlace>,
): JsonLogicRule | undefined {
  const place = places.get(key);
  const own = form.schema.properties[key];
  const rules: JsonLogicRule[] = [];
  for (const container of [place?.tab, place?.section]) {
    const schema = container ? form.schema.properties[container] : undefined;
    const rule = schema ? ruleOf(schema, 'x-visible') : undefined;
    if (rule !== undefined) rules.push(rule);
  }
  const rule = own ? ruleOf(own, 'x-visible') : undefined;
  if (rule !== undefined) rules.push(rule);
  if (rules.length <= 1) return rules[0];
  return { and: rules };
}
