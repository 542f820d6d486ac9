import { expect, test, type APIRequestContext } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { signIn } from './session.helpers';

// The record page of a CRM customer: the form's sections as headings, its tabs as tabs,
// and the related lists of contacts and opportunities linked to it — only those the
// viewer may see (a contact the manager entered is not one of a rep's own records).

const run = Date.now().toString(36);

async function crmForms(request: APIRequestContext, token: string): Promise<Map<string, string>> {
  const apps = (await (
    await request.get('/api/apps', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { key: string; forms: { id: string; key: string }[] }[];
  return new Map((apps.find((a) => a.key === 'crm')?.forms ?? []).map((f) => [f.key, f.id]));
}

async function submit(
  request: APIRequestContext,
  token: string,
  formId: string,
  data: Record<string, unknown>,
): Promise<string> {
  const res = await request.post(`/api/forms/${formId}/records`, {
    headers: { authorization: `Bearer ${token}` },
    data: { data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('a customer record shows its sections, tabs and permission-filtered related lists', async ({
  page,
  request,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const rep = await apiToken(request, 'rep1');
  const manager = await apiToken(request, 'manager1');
  const forms = await crmForms(request, rep);
  const customer = await submit(request, rep, forms.get('customer')!, {
    name: `Detail ${run}`,
    level: 'A',
  });
  for (const name of [`Ann ${run}`, `Ben ${run}`])
    await submit(request, rep, forms.get('contact')!, { customer, name, title: 'Buyer' });
  await submit(request, manager, forms.get('contact')!, {
    customer,
    name: `Hidden ${run}`,
  });
  await submit(request, rep, forms.get('opportunity')!, {
    title: `Deal ${run}`,
    customer,
    amount: 4200,
    stage: 'initial',
  });
  // The engine's answer for each viewer: the rep sees their two contacts, the manager three.
  const related = async (token: string, field: string) =>
    (
      (await (
        await request.get(`/api/records/${customer}/related/${field}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { items: unknown[] }
    ).items.length;
  expect(await related(rep, 'contacts')).toBe(2);
  expect(await related(manager, 'contacts')).toBe(3);

  await signIn(page, 'rep1');
  await page.goto(`/records/${customer}`);
  await expect(page.getByTestId('record-section-basics')).toHaveText('Basics');
  await expect(page.getByTestId('record-section-value')).toHaveText('Value and risk');
  await expect(page.getByTestId('value-name')).toHaveText(`Detail ${run}`);
  // Member and department values by name (the owner and department default to the submitter).
  await expect(page.getByTestId('value-owner')).toHaveText('孙销售 Rep Sun');
  await expect(page.getByTestId('value-department')).toHaveText('销售部 Sales');
  const tabs = page.getByTestId('record-tabs');
  for (const name of ['Contacts', 'Follow-ups', 'Opportunities'])
    await expect(tabs.getByRole('tab', { name, exact: true })).toBeVisible();

  const contacts = page.getByTestId('related-contacts');
  await expect(contacts.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(contacts).toContainText(`Ann ${run}`);
  await expect(contacts).toContainText(`Ben ${run}`);
  await expect(contacts).not.toContainText(`Hidden ${run}`);
  await expect(contacts.getByRole('columnheader', { name: 'Title' })).toBeVisible();
  await page.screenshot({ path: shot('record-detail-contacts'), fullPage: true });

  await tabs.getByRole('tab', { name: 'Opportunities', exact: true }).click();
  const deals = page.getByTestId('related-opportunities');
  await expect(deals.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(deals).toContainText('Initial contact');
  await page.screenshot({ path: shot('record-detail-opportunities'), fullPage: true });
  await deals.getByRole('link', { name: `Deal ${run}` }).click();
  await expect(page).not.toHaveURL(new RegExp(customer));
  await expect(page.getByTestId('value-title')).toHaveText(`Deal ${run}`);
});
