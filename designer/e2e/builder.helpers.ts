import { expect, type Locator, type Page } from '@playwright/test';
import { OPEN_DROPDOWN } from './dropdown.helpers';

/** Drags a palette item onto the flow canvas at a point inside it (HTML5 drag and drop). */
export async function dropNode(
  page: Page,
  type: string,
  at: { x: number; y: number },
): Promise<void> {
  await page
    .getByTestId(`palette-${type}`)
    .dragTo(page.getByTestId('flow-editor-canvas'), { targetPosition: at });
}

/** Draws an edge: from the source handle under one node to the target handle over another. */
export async function connectNodes(page: Page, from: string, to: string): Promise<void> {
  const source = page.locator(`[data-id="${from}"] .react-flow__handle.source`);
  const target = page.locator(`[data-id="${to}"] .react-flow__handle.target`);
  const a = await box(source);
  const b = await box(target);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

async function box(locator: Locator): Promise<{ x: number; y: number }> {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  if (!b) throw new Error('no bounding box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Picks an option of an antd Select by its label (the select found by its accessible name). */
export async function choose(
  scope: Page | Locator,
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
): Promise<void> {
  await scope.getByLabel(label, { exact: typeof label === 'string' }).click();
  // The dropdown just opened is the last one not hidden: one closed a moment ago may
  // still be fading out (visible, not clickable) and holds the same options.
  await page.locator(OPEN_DROPDOWN).last().getByTitle(option).first().click();
}
