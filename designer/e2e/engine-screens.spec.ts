import { expect, test, type APIRequestContext } from '@playwright/test';
import { join } from 'node:path';
import { DEMO_PASSWORD, signIn, signOut } from './session.helpers';

// The engine screens: a countersigner edits the field their node makes editable, the
// notification bell, and the incidents page with retry (R6 "visible in the UI").

const run = Date.now().toString(36);
const label = (en: string) => ({ zh: en, en });

async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** An app whose flow notifies legal1, then calls a webhook the egress guard refuses. */
function probeApp(key: string) {
  const node = (id: string, type: string, settings: object) => ({
    id,
    type,
    name: label(id),
    settings,
    position: { x: 0, y: 0 },
  });
  return {
    key,
    name: label(`Probe ${run}`),
    forms: [
      {
        form: {
          key: 'probe',
          name: label('Probe'),
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['title'],
            properties: {
              title: {
                type: 'string',
                minLength: 1,
                maxLength: 200,
                'x-widget': 'text',
                'x-label': label('Title'),
              },
            },
          },
          layout: ['title'],
        },
        flow: {
          key: 'probe_flow',
          name: label('Probe flow'),
          nodes: [
            node('start', 'start', { trigger: 'form_submit' }),
            node('tell', 'notify', {
              recipients: [{ kind: 'user', username: 'legal1' }],
              message: label(`Probe ${run} needs a look`),
            }),
            node('hook', 'webhook', { url: 'http://127.0.0.1:9/refused', method: 'POST' }),
            node('end', 'end', { outcome: 'approved' }),
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'tell' },
            { id: 'e2', source: 'tell', target: 'hook' },
            { id: 'e3', source: 'hook', target: 'end' },
          ],
        },
      },
    ],
  };
}

test('legal1 writes legal notes at the legal countersign and approves', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  await signIn(page, 'legal1');
  const row = page
    .getByTestId('task-list-todo')
    .getByRole('link')
    .filter({ hasText: 'HT-2026-0001' })
    .first();
  await row.click();
  await expect(page).toHaveURL(/\/records\/[^/]+$/);
  const panel = page.getByTestId('decision-panel');
  await expect(panel).toBeVisible();
  // Legal notes are editable at this node; nothing else is offered for editing.
  const fields = panel.getByTestId('task-fields');
  await expect(fields.getByTestId(/^task-field-/)).toHaveCount(1);
  const notes = panel.getByLabel('Legal notes');
  await notes.fill(`Clause 7 reviewed (${run}).`);
  await panel.getByLabel('Comment').fill('Fine from the legal side.');
  await page.screenshot({ path: shot('legal-decision'), fullPage: true });
  await panel.getByTestId('task-approve').click();
  await expect(page.getByTestId('decision-panel')).toHaveCount(0);
  await expect(page.getByTestId('value-legal_notes')).toHaveText(`Clause 7 reviewed (${run}).`);
  await signOut(page);
});

test('a notify step reaches the bell; an egress-refused webhook is an incident an admin retries', async ({
  page,
  request,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const admin = await tokenOf(request, 'admin');
  const auth = { authorization: `Bearer ${admin}` };
  const created = await request.post('/api/apps', {
    headers: auth,
    data: probeApp(`probe_${run}`),
  });
  expect(created.status()).toBe(201);
  const formId = ((await created.json()) as { forms: { id: string }[] }).forms[0]!.id;
  const submitted = await request.post(`/api/forms/${formId}/records`, {
    headers: auth,
    data: { data: { title: `Probe ${run}` } },
  });
  expect(submitted.status()).toBe(201);
  // Work the queue now (the refused delivery fails for good on its first attempt).
  const worked = await request.post('/api/admin/jobs/run', { headers: auth, data: {} });
  expect(worked.status()).toBe(200);

  await test.step('legal1 sees the notification in the bell and marks it read', async () => {
    await signIn(page, 'legal1');
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAccessibleName(/Notifications \([1-9]\d* unread\)/);
    await bell.click();
    const item = page
      .getByTestId('notification-item')
      .filter({ hasText: `Probe ${run} needs a look` });
    await expect(item).toHaveAttribute('data-read', 'false');
    await page.screenshot({ path: shot('notifications'), fullPage: true });
    await item.getByRole('button', { name: 'Mark read' }).click();
    await expect(item).toHaveAttribute('data-read', 'true');
    await page.getByRole('tab', { name: 'Channels' }).click();
    await expect(page.getByTestId('notification-settings')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'In the app' })).toBeChecked();
    await page.keyboard.press('Escape');
    await signOut(page);
  });

  await test.step('the admin retries the incident from the incidents page', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('nav-incidents').click();
    await expect(page.getByTestId('incidents-page')).toBeVisible();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'webhook_failed' })
      .filter({ hasText: 'hook' });
    await expect(row.first()).toBeVisible();
    await page.screenshot({ path: shot('incidents'), fullPage: true });
    const retry = row.first().getByRole('button', { name: 'Retry' });
    const retryId = await retry.getAttribute('data-testid');
    expect(retryId).toMatch(/^retry-/);
    await retry.click();
    await expect(page.getByText('Retried: the job runs again.')).toBeVisible();
    // That incident is resolved: it leaves the open list (a new failure would be a new one).
    await expect(page.getByTestId(retryId!)).toHaveCount(0);
    await page.getByText('Resolved', { exact: true }).click();
    await expect(page.getByRole('row').filter({ hasText: 'webhook_failed' }).first()).toBeVisible();
  });
});
