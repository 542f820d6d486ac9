/**
 * Publish-time checks of one field against its widget: the value schema (type, items,
 * object parts), the keywords it may carry, and the widget's own settings.
 */
import type { DefinitionError, FieldSchema, ValueSchema } from '../types';
import { serialPatternProblem } from './serial-pattern';
import { ADDRESS_SHAPE, FILE_REF_SHAPE, LOCATION_SHAPE } from './value-shapes';
import { WIDGET_KEYWORDS, WIDGETS } from './widget-catalogue';

/** Structural equality of JSON values, object key order ignored. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Whether an object schema has exactly the parts of a fixed shape. */
function hasShape(
  schema: Pick<ValueSchema, 'properties' | 'required' | 'additionalProperties'>,
  shape: Pick<ValueSchema, 'properties' | 'required' | 'additionalProperties'>,
): boolean {
  return (
    sameJson(schema.properties, shape.properties) &&
    sameJson(schema.required ?? [], shape.required ?? []) &&
    schema.additionalProperties === false
  );
}

const isUuid = (s: ValueSchema | FieldSchema | undefined): boolean =>
  s !== undefined && s.type === 'string' && s.format === 'uuid';

/** Every problem of a field with its widget, as `schema_invalid` errors located at `path`. */
export function widgetShapeErrors(
  key: string,
  field: FieldSchema,
  path: string,
  inRow: boolean,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const fail = (message: string, at = path) =>
    errors.push({
      code: 'schema_invalid',
      path: at,
      field: key,
      message: `field "${key}": ${message}`,
    });
  const widget = field['x-widget'];
  const info = WIDGETS[widget];
  if (!info.types.includes(field.type)) {
    fail(
      `a ${widget} field has type ${info.types.map((t) => `"${t}"`).join(' or ')}`,
      `${path}/type`,
    );
    return errors;
  }
  if (inRow && !info.inRows) fail(`a ${widget} field cannot be used inside sub-form rows`);
  for (const keyword of WIDGET_KEYWORDS) {
    if (field[keyword] !== undefined && !info.keywords.includes(keyword))
      fail(`"${keyword}" does not apply to a ${widget} field`, `${path}/${keyword}`);
  }
  if (info.kind !== 'value') {
    for (const keyword of ['x-computed', 'x-required-when', 'x-default', 'x-readonly'] as const) {
      if (field[keyword] !== undefined)
        fail(
          `a ${widget} field holds no value, so "${keyword}" means nothing`,
          `${path}/${keyword}`,
        );
    }
  }
  const items = field.items as ValueSchema | undefined;
  const isList = field.type === 'array' && widget !== 'subform';
  if (isList && items === undefined) fail('a list value needs `items`', `${path}/items`);
  if (!isList && widget !== 'subform' && items !== undefined)
    fail('only sub-forms and list values have `items`', `${path}/items`);
  const objectParts = field.properties !== undefined || field.required !== undefined;
  if (field.type !== 'object' && objectParts)
    fail('only address, location and signature values have `properties`', `${path}/properties`);
  const hasOptions = (values: unknown) =>
    values !== undefined || field['x-options-from'] !== undefined;

  switch (widget) {
    case 'date':
      if (field.format !== 'date') fail('a date field has format "date"', `${path}/format`);
      break;
    case 'datetime':
      if (field.format !== 'date-time')
        fail('a datetime field has format "date-time"', `${path}/format`);
      break;
    case 'radio':
    case 'select':
      if (!hasOptions(field.enum))
        fail(`a ${widget} field needs \`enum\` values or \`x-options-from\``, `${path}/enum`);
      break;
    case 'checkbox':
    case 'multiselect':
      if (items && (items.type === 'object' || !hasOptions(items.enum)))
        fail(
          'a multiple choice lists its options in `items.enum` (or uses `x-options-from`)',
          `${path}/items`,
        );
      if (field.uniqueItems !== true)
        fail('a multiple choice has `uniqueItems: true`', `${path}/uniqueItems`);
      break;
    case 'member':
    case 'department':
      if (field.type === 'string' ? !isUuid(field) : !isUuid(items) || field.uniqueItems !== true)
        fail(
          `a ${widget} field holds user/department ids: format "uuid" (for several: items of format "uuid", uniqueItems)`,
        );
      if (widget === 'department' && field['x-scope']?.roles !== undefined)
        fail('a department picker cannot be limited by roles', `${path}/x-scope/roles`);
      break;
    case 'linked_record':
      if (!isUuid(field))
        fail('a linked record holds a record id (format "uuid")', `${path}/format`);
      if (field['x-link'] === undefined) fail('a linked record needs `x-link`', `${path}/x-link`);
      break;
    case 'related_list':
      if (field['x-related'] === undefined)
        fail('a related list needs `x-related`', `${path}/x-related`);
      break;
    case 'address':
      if (!hasShape(field, ADDRESS_SHAPE))
        fail(
          'an address has the fixed parts province, city, district, detail (see docs/fields.md)',
        );
      break;
    case 'location':
      if (!hasShape(field, LOCATION_SHAPE))
        fail('a location has the fixed parts lat, lng, address (see docs/fields.md)');
      break;
    case 'attachment':
    case 'image':
      if (items && (items.type !== 'object' || !hasShape(items, FILE_REF_SHAPE)))
        fail(
          'files are items of the file shape {id, name, size, type} (see docs/fields.md)',
          `${path}/items`,
        );
      break;
    case 'signature':
      if (!hasShape(field, FILE_REF_SHAPE)) fail('a signature is one file {id, name, size, type}');
      break;
    case 'serial': {
      const spec = field['x-serial'];
      const problem =
        spec === undefined ? 'a serial number needs `x-serial`' : serialPatternProblem(spec);
      if (problem !== null) fail(problem, `${path}/x-serial`);
      if (field['x-computed'] !== undefined)
        fail('a serial number is assigned, not computed', `${path}/x-computed`);
      break;
    }
    case 'formula':
      if (field['x-computed'] === undefined)
        fail('a formula field needs `x-computed`', `${path}/x-computed`);
      break;
    case 'description':
      if (field['x-content'] === undefined)
        fail('a description needs `x-content`', `${path}/x-content`);
      break;
    default:
      break;
  }
  if (field['x-linkage'] !== undefined && field['x-computed'] !== undefined)
    fail('a field is either computed or filled by data linkage, not both', `${path}/x-linkage`);
  return errors;
}
