import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn, signOut } from './session.helpers';

// Unique per run, so the inbox row is ours even on a shared database.
const customer = `Acme Trading ${Date.now().toString(36)}`;

test('a rep submits a 15% discount quote and the sales manager approves it', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);

  await test.step('rep1 fills in the quote; the rules run live', async () => {
    await signIn(page, 'rep1');
    await page.getByTestId('form-entry-crm-quote').getByRole('button', { name: 'New' }).click();
    await expect(page.getByRole('heading', { name: 'Quote' })).toBeVisible();

    await page.getByLabel('Customer name', { exact: true }).fill(customer);
    await page.getByLabel('Product 1', { exact: true }).fill('Liuyun CRM licence');
    await page.getByLabel('Quantity 1', { exact: true }).fill('10');
    await page.getByLabel('Unit price 1', { exact: true }).fill('100');
    await page.getByLabel('Discount % 1', { exact: true }).fill('0');
    await expect(page.getByLabel('Subtotal 1', { exact: true })).toHaveValue('1,000.00');

    const reason = page.getByLabel('Reason for the discount');
    await expect(reason).toHaveCount(0);
    await page.getByLabel('Quote discount %', { exact: true }).fill('15');
    await expect(page.getByLabel('Total', { exact: true })).toHaveValue('850.00');
    await expect(reason).toBeVisible();
    await expect(reason).toHaveAttribute('aria-required', 'true');

    await reason.fill('Strategic account, first order of the year.');
    await page.screenshot({ path: shot('form-page'), fullPage: true });
    await page.getByRole('button', { name: 'Submit' }).click();
  });

  await test.step('the record waits at the manager approval', async () => {
    await expect(page).toHaveURL(/\/records\/[^/]+$/);
    const status = page.getByTestId('record-status');
    await expect(status).toHaveAttribute('data-value', 'pending');
    await expect(status).toHaveText('Pending');
    await expect(page.getByTestId('value-customer_name')).toHaveText(customer);
    await expect(page.getByTestId('value-total')).toHaveText('850.00');
    await expect(page.getByTestId('flow-node-start')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('flow-node-manager_approval')).toHaveAttribute(
      'data-state',
      'active',
    );
    await expect(page.getByTestId('flow-node-end_approved')).toHaveAttribute('data-state', 'idle');
    // rep1 holds no task here, so there is nothing to decide.
    await expect(page.getByTestId('decision-panel')).toHaveCount(0);
    await page.screenshot({ path: shot('record-pending'), fullPage: true });
    await signOut(page);
  });

  await test.step('manager1 finds the task in the To-do inbox and approves it', async () => {
    await signIn(page, 'manager1');
    await expect(page.getByRole('tab', { name: 'To do' })).toHaveAttribute('aria-selected', 'true');
    const row = page
      .getByTestId('task-list-todo')
      .getByRole('link', { name: new RegExp(customer) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Sales manager approval');
    await page.screenshot({ path: shot('inbox'), fullPage: true });
    await row.click();

    const panel = page.getByTestId('decision-panel');
    await expect(panel).toBeVisible();
    await panel.getByLabel('Comment').fill('Fine for a first order. Approved.');
    await panel.getByRole('button', { name: 'Approve' }).click();
  });

  await test.step('the record shows approved and the path to the approved end', async () => {
    const status = page.getByTestId('record-status');
    await expect(status).toHaveAttribute('data-value', 'approved');
    await expect(status).toHaveText('Approved');
    await expect(page.getByTestId('decision-panel')).toHaveCount(0);
    await expect(page.getByTestId('flow-node-end_approved')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('flow-node-end_rejected')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('record-timeline')).toContainText(
      'Fine for a first order. Approved.',
    );
    await page.screenshot({ path: shot('record-approved'), fullPage: true });
  });
});
