import type { JsonObject } from '@liuyun/definitions';
import type { ValidationDetail } from '@liuyun/client';
import type { FieldPath } from './field-path';

/** What the live rules say about the current draft; every path is a JSON Pointer. */
export interface RuleOutcome {
  /** The record as it would be stored: computed values applied, hidden fields removed. */
  data: JsonObject;
  isVisible: (path: FieldPath) => boolean;
  isRequired: (path: FieldPath) => boolean;
  /** Problems the user must fix before submitting, in ajv's shape. */
  errors: ValidationDetail[];
}
