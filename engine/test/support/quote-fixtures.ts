import type { TestApp } from './test-app';

/** The id of a form of the installed CRM app, by key. */
export async function formIdOf(app: TestApp, token: string, key: string): Promise<string> {
  const res = await app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
    'GET',
    '/api/apps',
    { token },
  );
  const form = res.body.flatMap((a) => a.forms).find((f) => f.key === key);
  if (!form) throw new Error(`no form ${key}`);
  return form.id;
}

/** A valid quote: one line of 10 × 100, with the given overall discount. */
export function quoteData(
  discountPct: number,
  customer = 'Test Customer',
): Record<string, unknown> {
  return {
    customer_name: customer,
    items: [{ product: 'CRM Pro', quantity: 10, unit_price: 100, discount_pct: 0 }],
    discount_pct: discountPct,
    ...(discountPct > 10 ? { reason: 'Strategic account' } : {}),
  };
}

export async function countRows(
  app: TestApp,
  table: 'records' | 'process_instances' | 'tasks' | 'audit_log' | 'record_events',
): Promise<number> {
  const rows: { n: number }[] = await app.db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}
