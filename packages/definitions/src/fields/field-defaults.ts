import { evaluate, type WorkCalendar } from '@liuyun/logic';
import type { FormDefinition, JsonObject, JsonValue } from '../types';
import { fieldsOf } from '../form-evaluation/form-scopes';
import { holdsValue } from './widget-catalogue';

/**
 * The `default` of each top-level field that stores a value (computed fields excluded):
 * the fixed defaults, which need no person or clock.
 */
export function fieldDefaults(form: FormDefinition): JsonObject {
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(form.schema.properties)) {
    if (field.default === undefined || field['x-computed'] !== undefined) continue;
    out[key] = field.default;
  }
  return out;
}

/** The person a new record is opened or submitted by, as `$user` in `x-default` rules. */
export interface DefaultsUser {
  id: string;
  username: string;
  displayName: string;
  /** Their department (`{"var": "$user.departmentId"}`), or null. */
  departmentId: string | null;
  roles: string[];
}

/** What `x-default` rules may read besides the record so far. */
export interface DefaultsContext {
  /** The current instant (ISO), for `now` and date arithmetic. */
  now: string;
  user?: DefaultsUser | null;
  calendar?: WorkCalendar;
}

function isMissing(value: JsonValue | undefined): boolean {
  return value === undefined || value === null;
}

/**
 * The defaults of the fields `data` lacks (absent or null), in layout order: a field's
 * `x-default` rule evaluated over the record so far (earlier defaults included), `$user`
 * and the clock; else its fixed `default`. A rule answering null or '' (or failing, e.g.
 * `$user` without a person) gives no default. The same function runs when the browser
 * opens a new record and when the engine stores a submission that left fields out.
 */
export function missingDefaults(
  form: FormDefinition,
  data: JsonObject,
  context?: DefaultsContext,
): JsonObject {
  const out: JsonObject = {};
  const $user: JsonValue = context?.user
    ? {
        id: context.user.id,
        username: context.user.username,
        displayName: context.user.displayName,
        departmentId: context.user.departmentId,
        roles: context.user.roles,
      }
    : null;
  for (const { key, schema } of fieldsOf(form, { kind: 'record' })) {
    if (!holdsValue(schema) || schema['x-computed'] !== undefined) continue;
    if (!isMissing(data[key])) continue;
    const rule = schema['x-default'];
    if (rule !== undefined) {
      let value: JsonValue = null;
      try {
        value = evaluate(
          rule,
          { ...data, ...out, $user },
          {
            now: context?.now ?? new Date().toISOString(),
            ...(context?.calendar ? { calendar: context.calendar } : {}),
          },
        );
      } catch {
        // Publishing checked the rule; one that fails on this data leaves the field empty.
      }
      if (value !== null && value !== '') out[key] = value;
    } else if (schema.default !== undefined) out[key] = schema.default;
  }
  return out;
}
