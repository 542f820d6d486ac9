import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { FIELD_ANNOTATION_KEYWORDS } from '../schemas/field.schema';

/** Days of each month in a common year (February: 29 in leap years). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of `length` ASCII digits of `value` from `at`, or -1 when one is not a digit. */
function digits(value: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Linear-time checks for the formats a field may declare (no user regex ever runs).
 * A date is YYYY-MM-DD naming a real calendar day, as `Date.UTC` counts them (which
 * reads years 0–99 as 1900–1999).
 */
function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const y = year < 100 ? year + 1900 : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

function isIsoTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/.exec(value);
  if (!match) return false;
  return Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3] ?? 0) < 60;
}

function isIsoDateTime(value: string): boolean {
  const match =
    /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|z|[+-]\d{2}:\d{2})$/.exec(
      value,
    );
  return match !== null && isIsoDate(match[1] ?? '') && isIsoTime(match[2] ?? '');
}

function isEmail(value: string): boolean {
  return value.length <= 320 && /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value);
}

function isUuid(value: string): boolean {
  return (
    value.length === 36 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: true });
  for (const keyword of FIELD_ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  ajv.addFormat('time', { type: 'string', validate: isIsoTime });
  ajv.addFormat('date-time', { type: 'string', validate: isIsoDateTime });
  ajv.addFormat('email', { type: 'string', validate: isEmail });
  ajv.addFormat('uuid', { type: 'string', validate: isUuid });
  return ajv;
}

/** The one strict ajv instance of the workspace (definition schemas and form schemas). */
export const ajv = createAjv();

/**
 * Compiles a schema that is not kept by reference elsewhere (a form's data schema) and
 * drops it from ajv's cache, which holds schemas strongly: the caller keeps the function.
 * Throws when the schema does not compile (strict mode).
 */
export function compileTransientSchemaOrThrow(schema: object): ValidateFunction {
  try {
    return ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
}

export type { ErrorObject, ValidateFunction };
