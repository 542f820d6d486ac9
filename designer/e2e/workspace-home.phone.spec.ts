import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { submitQuote } from './api.helpers';
import { signIn } from './session.helpers';

const run = Date.now().toString(36);

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('on a phone a manager sees the home, works the inbox and approves', async ({
  page,
  request,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const one = `Phone One ${run}`;
  const two = `Phone Two ${run}`;
  const three = `Phone Three ${run}`;
  await submitQuote(request, 'rep1', one, 15);
  await submitQuote(request, 'rep1', two, 14);
  await submitQuote(request, 'rep2', three, 13);

  await signIn(page, 'manager1');
  await expect(page.getByTestId('count-todo')).toBeVisible();
  const todo = page.getByTestId('task-list-todo');
  await expect(todo.getByRole('link', { name: new RegExp(one) })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: shot('phone-home'), fullPage: true });

  // Approve one from its record page, as a phone user would.
  await todo.getByRole('link', { name: new RegExp(one) }).click();
  const panel = page.getByTestId('decision-panel');
  await expect(panel).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: shot('phone-approve'), fullPage: true });
  await panel.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('record-status')).toHaveAttribute('data-value', 'approved');

  // The other two together, from the inbox.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('checkbox', { name: `Select ${two}` }).check();
  await page.getByRole('checkbox', { name: `Select ${three}` }).check();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: shot('phone-inbox-batch'), fullPage: true });
  await page.getByRole('button', { name: 'Approve selected' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve selected' }).click();
  await expect(page.getByTestId('batch-results')).toContainText(`${two}: Done`);
  await expect(page.getByTestId('batch-results')).toContainText(`${three}: Done`);
  await page.screenshot({ path: shot('phone-inbox-done'), fullPage: true });

  await page.getByTestId('nav-open').click();
  await page.getByTestId('nav-dashboards').click();
  await expect(page.getByTestId('chart-value-quote_count')).not.toBeEmpty();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: shot('phone-dashboard'), fullPage: true });
});
