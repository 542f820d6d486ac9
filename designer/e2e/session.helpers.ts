import { expect, type Page } from '@playwright/test';

/** Every demo user's password (engine demo mode). */
export const DEMO_PASSWORD = 'demo';

/**
 * Signs in through the sign-in page and waits for the workspace, in English: the user's
 * language is kept on the server, so an earlier spec that switched this user to Chinese
 * would otherwise carry over. The saved language is applied once it has loaded.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'GET',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await saved;
  if ((await page.locator('html').getAttribute('lang'))?.startsWith('zh')) {
    const stored = page.waitForResponse(
      (r) => r.url().endsWith('/api/me/preferences') && r.request().method() !== 'GET',
    );
    await page.getByText('EN', { exact: true }).click();
    await stored;
  }
  await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
}

/** Signs out from the header and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}
