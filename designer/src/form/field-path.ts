/**
 * Fields are addressed by JSON Pointer, the same paths ajv reports in `instancePath`:
 * `/customer_name`, `/items/0/quantity`.
 */
export type FieldPath = string;

export function pointer(...segments: (string | number)[]): FieldPath {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** An id safe for `id`/`htmlFor` attributes: `field-items-0-quantity`. */
export function fieldId(path: FieldPath): string {
  return `field${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

/**
 * The field an error belongs to. Our evaluator points `required` at the field itself;
 * plain ajv points at the parent object and names the field in `params.missingProperty`.
 */
export function errorPath(instancePath: string, keyword: string, params?: Record<string, unknown>) {
  const missing = params?.missingProperty;
  if (keyword === 'required' && typeof missing === 'string') {
    const own = pointer(missing);
    return instancePath.endsWith(own) ? instancePath : `${instancePath}${own}`;
  }
  return instancePath;
}
