import type { JsonObject, JsonValue } from '@liuyun/definitions';
import { compileRule } from '@liuyun/logic';
import type { EntityManager } from 'typeorm';
import type { RoundRobinSettings } from './automation.types';

/** The candidates a rule gave: distinct non-empty strings, in the order given. */
export function candidatesOf(value: JsonValue): string[] {
  const list = Array.isArray(value) ? value : value === null ? [] : [value];
  const seen = new Set<string>();
  for (const v of list) if (typeof v === 'string' && v.length > 0) seen.add(v);
  return [...seen];
}

/** The bucket a rule gave, as text (`''`: the one bucket). */
function bucketOf(value: JsonValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Runs a `round_robin` step: takes the next turn of the automation's step in the bucket
 * (an upsert on `automation_round_robin`, which row-locks the counter until the run's
 * transaction ends, so concurrent runs of one bucket get consecutive turns) and returns
 * the candidate whose turn it is; null, taking no turn, when there is no candidate.
 */
export async function pickInTurn(
  m: EntityManager,
  automationId: string,
  nodeId: string,
  settings: RoundRobinSettings,
  data: JsonObject,
): Promise<string | null> {
  const candidates = candidatesOf(compileRule(settings.candidates as JsonValue)(data));
  if (candidates.length === 0) return null;
  const bucket =
    settings.bucket === undefined ? '' : bucketOf(compileRule(settings.bucket as JsonValue)(data));
  const rows: { turns: string | number }[] = await m.query(
    `INSERT INTO automation_round_robin (automation_id, node_id, bucket, turns)
     VALUES ($1, $2, $3, 1)
     ON CONFLICT (automation_id, node_id, bucket)
     DO UPDATE SET turns = automation_round_robin.turns + 1, updated_at = now()
     RETURNING turns`,
    [automationId, nodeId, bucket],
  );
  const turn = Number(rows[0]?.turns ?? 1);
  return candidates[(turn - 1) % candidates.length] ?? null;
}
