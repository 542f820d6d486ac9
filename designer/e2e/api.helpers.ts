import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './session.helpers';

/** A demo user's API token (tests set up data over HTTP, then look at it in the browser). */
export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Submits a quote as `username` and answers its record id. */
export async function submitQuote(
  request: APIRequestContext,
  username: string,
  customer: string,
  discountPct: number,
): Promise<string> {
  const token = await apiToken(request, username);
  const headers = { authorization: `Bearer ${token}` };
  const apps = (await (await request.get('/api/apps', { headers })).json()) as {
    forms: { id: string; key: string }[];
  }[];
  const quote = apps.flatMap((a) => a.forms).find((f) => f.key === 'quote');
  if (!quote) throw new Error('no quote form');
  const res = await request.post(`/api/forms/${quote.id}/records`, {
    headers,
    data: {
      data: {
        customer_name: customer,
        items: [{ product: 'Liuyun CRM seat', quantity: 4, unit_price: 250, discount_pct: 0 }],
        discount_pct: discountPct,
        ...(discountPct > 10 ? { reason: 'Multi-year commitment' } : {}),
      },
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
