import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './session.helpers';

test('an administrator reads the operations figures, exports an app and imports it again', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);

  await test.step('the Operations page from the admin menu shows the figures of /metrics', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('nav-operations').click();
    await expect(page).toHaveURL(/\/admin\/operations$/);
    await expect(page.getByRole('heading', { name: 'Operations' })).toBeVisible();
    // The same number the JSON route gives.
    const token = await page.evaluate(() => localStorage.getItem('liuyun.token'));
    const figures = await (
      await page.request.get('/api/admin/metrics', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    await expect(page.getByTestId('ops-open-tasks')).toContainText(
      String(figures.database.openTasks),
    );
    await expect(page.getByTestId('ops-pool-max')).toContainText(String(figures.database.pool.max));
    await expect(page.getByTestId('ops-http')).toContainText('/api/auth/login');
    await page.screenshot({ path: shot('operations'), fullPage: true });
  });

  let exported = '';
  await test.step('exporting the CRM app with its records downloads one file', async () => {
    const row = page.getByTestId('ops-app-crm');
    // Files come with their records: ticking one ticks both.
    await row.getByRole('checkbox', { name: 'with files' }).check();
    await expect(row.getByRole('checkbox', { name: 'with records' })).toBeChecked();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^crm-\d{4}-\d{2}-\d{2}\.liuyun\.json$/);
    exported = join(testInfo.project.outputDir, file.suggestedFilename());
    await file.saveAs(exported);
    const content = JSON.parse(readFileSync(exported, 'utf8'));
    expect(content).toMatchObject({ format: 'liuyun.app-export', app: { key: 'crm' } });
    expect(content.records.length).toBeGreaterThan(0);
    expect(content.files).toEqual([]);
    await expect(page.getByTestId('ops-outcome')).toContainText('Saved crm-');
  });

  await test.step('importing it here again: records are refused, the error is said plainly', async () => {
    await page.locator('input[type=file]').setInputFiles(exported);
    await expect(page.getByTestId('ops-outcome')).toContainText('Nothing was imported');
    await expect(page.getByTestId('ops-outcome')).toContainText('already here');
  });

  await test.step('without records it promotes: every form unchanged', async () => {
    const withoutRecords = join(testInfo.project.outputDir, 'crm-definitions.liuyun.json');
    const content = JSON.parse(readFileSync(exported, 'utf8'));
    delete content.records;
    delete content.files;
    writeFileSync(withoutRecords, JSON.stringify(content));
    await page.locator('input[type=file]').setInputFiles(withoutRecords);
    const outcome = page.getByTestId('ops-outcome');
    await expect(outcome).toContainText('was updated');
    await expect(outcome).toContainText('0 published as a new version');
    await page.screenshot({ path: shot('operations-imported'), fullPage: true });
  });

  await test.step('in Chinese', async () => {
    await page.getByText('中文', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '运维' })).toBeVisible();
    await expect(page.getByText('待办任务')).toBeVisible();
    await page.screenshot({ path: shot('operations-zh'), fullPage: true });
  });
});
