import { Injectable } from '@nestjs/common';
import {
  formatSerial,
  serialPeriod,
  type FormDefinition,
  type JsonObject,
} from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/** The local calendar day of an instant, `YYYY-MM-DD`, `offsetMinutes` east of UTC. */
export function localDay(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Serial numbers (流水号). Each number comes from a counter row per form, field and
 * period, bumped by an upsert inside the submission's transaction: concurrent
 * submissions queue on the row lock, a rolled-back submission gives its number back, so
 * numbers are unique and gapless.
 */
@Injectable()
export class SerialNumbers {
  /** Sets every serial field of the record in `data` (top-level fields only). */
  async assign(
    m: EntityManager,
    formId: string,
    form: FormDefinition,
    data: JsonObject,
    at: Date,
    utcOffsetMinutes: number,
  ): Promise<JsonObject> {
    const day = localDay(at, utcOffsetMinutes);
    let out = data;
    for (const [key, field] of Object.entries(form.schema.properties)) {
      const spec = field['x-serial'];
      if (field['x-widget'] !== 'serial' || spec === undefined) continue;
      const period = serialPeriod(spec, day);
      const rows: { last_value: string }[] = await m.query(
        `INSERT INTO serial_counters (form_id, field, period, last_value) VALUES ($1, $2, $3, 1)
         ON CONFLICT (form_id, field, period)
         DO UPDATE SET last_value = serial_counters.last_value + 1
         RETURNING last_value`,
        [formId, key, period],
      );
      const sequence = Number(rows[0]?.last_value ?? 1);
      out = { ...out, [key]: formatSerial(spec, day, sequence) };
    }
    return out;
  }
}
