import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from './session.helpers';

test('the workspace and the quote form fit a phone screen', async ({ page }, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);

  await signIn(page, 'rep2');
  await expect(page.getByRole('tab', { name: 'To do' })).toBeVisible();
  // Nothing may push the page sideways on a phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: shot('phone-workspace'), fullPage: true });

  await page.getByTestId('form-entry-crm-quote').getByRole('button', { name: 'New' }).click();
  await expect(page.getByLabel('Customer name', { exact: true })).toBeVisible();
  await page.getByLabel('Quote discount %', { exact: true }).fill('12');
  await expect(page.getByLabel('Reason for the discount')).toBeVisible();
  await page.screenshot({ path: shot('phone-form'), fullPage: true });

  // The language switch re-labels everything, form fields included, and is remembered.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click();
  await expect(page.getByLabel('整单折扣 %', { exact: true })).toHaveValue('12');
  await expect(page.getByRole('button', { name: '提交' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '提交' })).toBeVisible();
  await page.screenshot({ path: shot('phone-form-zh'), fullPage: true });
});
