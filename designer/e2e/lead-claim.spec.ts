import { expect, test, type APIRequestContext } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { signIn } from './session.helpers';

const run = Date.now().toString(36);

async function setUp(request: APIRequestContext): Promise<{ first: string; second: string }> {
  const admin = { authorization: `Bearer ${await apiToken(request, 'admin')}` };
  const rep = { authorization: `Bearer ${await apiToken(request, 'rep4')}` };
  const apps = (await (await request.get('/api/apps', { headers: admin })).json()) as {
    forms: { id: string; key: string }[];
  }[];
  const formId = (key: string) => apps.flatMap((a) => a.forms).find((f) => f.key === key)!.id;
  const rep4 = ((await (await request.get('/api/me', { headers: rep })).json()) as { id: string })
    .id;
  const region = await request.post(`/api/forms/${formId('sales_region')}/records`, {
    headers: admin,
    data: { data: { region: 'north', reps: [rep4], assign_mode: 'pool', lead_claim_limit: 1 } },
  });
  expect(region.status()).toBe(201);
  const lead = async (name: string, mobile: string) => {
    const res = await request.post(`/api/forms/${formId('lead')}/records`, {
      headers: rep,
      data: { data: { contact_name: name, mobile, region: 'north', source: 'event' } },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const digits = String(Date.now()).slice(-7);
  return {
    first: await lead(`孙悦 ${run}`, `1360${digits}`),
    second: await lead(`Mia Zhou ${run}`, `1361${digits}`),
  };
}

test('a rep claims a pool lead with the record page button; over the limit it says why', async ({
  page,
  request,
}, testInfo) => {
  const { first, second } = await setUp(request);
  await signIn(page, 'rep4');

  await test.step('the first claim goes through and opens the first-contact task', async () => {
    await page.goto(`/records/${first}`);
    const buttons = page.getByTestId('record-buttons');
    await buttons.getByRole('button', { name: 'Claim the lead' }).click();
    await expect(page.getByText('Claim the lead: done')).toBeVisible();
    await expect(page.getByTestId('decision-panel')).toBeVisible();
  });

  await test.step('the second is refused, naming the limit', async () => {
    await page.goto(`/records/${second}`);
    await page
      .getByTestId('record-buttons')
      .getByRole('button', { name: 'Claim the lead' })
      .click();
    const refused = page.getByTestId('button-refused');
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('Claim the lead was refused');
    await expect(refused).toContainText(
      'you already hold 1 of the 1 open leads a rep may hold in region north',
    );
    await page.screenshot({ path: join(testInfo.project.outputDir, 'claim-refused.png') });
    await expect(page.getByTestId('decision-panel')).toHaveCount(0);
  });
});

test('the lead flow starts when the lead gets an owner, also at capture: shown in the flow editor', async ({
  page,
  request,
}) => {
  const admin = { authorization: `Bearer ${await apiToken(request, 'admin')}` };
  const apps = (await (await request.get('/api/apps', { headers: admin })).json()) as {
    forms: { id: string; key: string }[];
  }[];
  const lead = apps.flatMap((a) => a.forms).find((f) => f.key === 'lead')!;
  await signIn(page, 'admin');
  await page.goto(`/build/forms/${lead.id}?tab=flow`);
  await page.locator('[data-id="start"]').click({ timeout: 30_000 });
  const inspector = page.getByTestId('inspector-start');
  await expect(
    inspector.getByRole('switch', { name: 'Also when a new record sets a watched field' }),
  ).toBeChecked();
});
