import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { choose, connectNodes, dropNode } from './builder.helpers';
import { signIn } from './session.helpers';

// One app and form built through the screens, then its flow; the tests run in order on it.
// Each test is a whole scenario of many steps; on a busy machine one takes over a minute.
test.describe.configure({ mode: 'serial', timeout: 150_000 });

const suffix = Date.now().toString(36);
const appKey = `hr_${suffix}`;
let formUrl = '';

const shot = (page: Page, dir: string, name: string) =>
  page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });

async function setLabel(page: Page, en: string, zh: string) {
  await page.getByLabel('Label (English)').fill(en);
  await page.getByLabel('Label (Chinese)').fill(zh);
}

test('an admin builds a form with five fields and a show/hide rule, previews and publishes it', async ({
  page,
}, info) => {
  const dir = info.project.outputDir;
  await signIn(page, 'admin');

  await test.step('a new app and a new form from the builder menu', async () => {
    await page.getByTestId('nav-build').click();
    await expect(page.getByRole('heading', { name: 'Apps and forms' })).toBeVisible();
    await page.getByTestId('new-app').click();
    const app = page.getByTestId('new-app-dialog');
    await app.getByLabel('Name (Chinese)').fill('人事');
    await app.getByLabel('Name (English)').fill('HR');
    await app.getByLabel('Key').fill(appKey);
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId(`builder-app-${appKey}`)).toBeVisible();
    await page.getByTestId(`new-form-${appKey}`).click();
    const form = page.getByTestId('new-form-dialog');
    await form.getByLabel('Name (Chinese)').fill('请假申请');
    await form.getByLabel('Name (English)').fill('Leave request');
    await form.getByLabel('Key').fill('leave');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('form-builder')).toBeVisible();
    await expect(page.getByTestId('field-card-title')).toBeVisible();
    formUrl = page.url().replace(/\?.*$/, '');
  });

  await test.step('four more fields dragged from the catalogue, each labelled', async () => {
    const canvas = page.getByTestId('field-canvas');
    await page.getByTestId('palette-field-number').dragTo(canvas);
    await expect(page.getByTestId('field-card-number_1')).toBeVisible();
    await setLabel(page, 'Days', '天数');
    await page.getByTestId('palette-field-select').dragTo(canvas);
    await expect(page.getByTestId('field-card-select_1')).toBeVisible();
    await setLabel(page, 'Leave type', '假期类型');
    await page.getByTestId('palette-field-date').dragTo(canvas);
    await setLabel(page, 'First day', '开始日期');
    await page.getByTestId('palette-field-textarea').dragTo(canvas);
    await setLabel(page, 'Reason', '原因');
    // Keyboard: rename the key of the selected field and make it required.
    await page.getByLabel('Field key').fill('reason');
    await page.getByLabel('Field key').press('Enter');
    await expect(page.getByTestId('field-card-reason')).toBeVisible();
    await expect(page.locator('.field-card')).toHaveCount(5);
  });

  await test.step('the reason shows only for more than three days', async () => {
    const rule = page.getByTestId('rule-visible');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await choose(rule, page, 'Field of condition 1', 'Days');
    await choose(rule, page, 'Comparison of condition 1', 'is greater than');
    await rule.getByLabel('Value of condition 1').fill('3');
    await expect(page.getByTestId('field-card-reason')).toContainText('Show/hide');
    await rule.getByText('JSON Logic').click();
    await expect(rule.getByLabel('Show only when as JSON Logic')).toHaveValue(/"var": "number_1"/);
    await shot(page, dir, 'form-designer');
  });

  await test.step('the live preview runs the rule', async () => {
    await page.getByTestId('form-preview-toggle').click();
    const preview = page.getByTestId('form-preview');
    await expect(preview.getByLabel('Days')).toBeVisible();
    await expect(preview.getByLabel('Reason')).toHaveCount(0);
    await preview.getByLabel('Days').fill('5');
    await expect(preview.getByLabel('Reason')).toBeVisible();
    await shot(page, dir, 'form-preview');
    await preview.getByLabel('Days').fill('2');
    await expect(preview.getByLabel('Reason')).toHaveCount(0);
  });

  await test.step('saved with Ctrl+S and published', async () => {
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('doc-state')).toHaveText(/Draft saved/);
    await page.getByTestId('publish').click();
    await expect(page.getByText('Published as version 2')).toBeVisible();
  });

  await test.step('the designer in Chinese', async () => {
    await page.getByLabel('Language').getByText('中文').click();
    await expect(page.getByTestId('builder-tab-form')).toHaveText(/表单设计/);
    await page.getByText('设计', { exact: true }).click();
    await page.getByTestId('field-card-reason').click();
    await expect(page.getByText('满足条件时显示')).toBeVisible();
    await shot(page, dir, 'form-designer-zh');
    await page.getByLabel('语言').getByText('EN').click();
    await expect(page.getByTestId('builder-tab-form')).toHaveText(/Form/);
  });
});

test('an admin builds a four-node flow by dragging and connecting', async ({ page }, info) => {
  const dir = info.project.outputDir;
  await signIn(page, 'admin');
  await page.goto(`${formUrl}?tab=flow`);
  // The builder is its own chunk; on a busy machine it takes a while the first time.
  await page.getByTestId('add-flow').click({ timeout: 30_000 });
  await expect(page.locator('[data-id="start"]')).toBeVisible();
  await expect(page.locator('[data-id="end"]')).toBeVisible();

  await test.step('an approval and a second end dropped from the palette', async () => {
    await dropNode(page, 'approval', { x: 150, y: 200 });
    await expect(page.locator('[data-id="approval_1"]')).toBeVisible();
    await dropNode(page, 'end', { x: 420, y: 400 });
    await expect(page.locator('[data-id="end_1"]')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
  });

  await test.step('connected start → approval → approved end / rejected end', async () => {
    await page.getByTestId('auto-layout').click();
    await connectNodes(page, 'start', 'approval_1');
    await connectNodes(page, 'approval_1', 'end');
    await connectNodes(page, 'approval_1', 'end_1');
    await expect(page.locator('.react-flow__edge')).toHaveCount(3);
    // A second edge out of the start is refused by the canvas.
    await connectNodes(page, 'start', 'end_1');
    await expect(page.locator('.react-flow__edge')).toHaveCount(3);
    await page.getByTestId('auto-layout').click();
    await expect(page.locator('.react-flow__edge-text', { hasText: 'Approve' })).toBeVisible();
    await expect(page.locator('.react-flow__edge-text', { hasText: 'Reject' })).toBeVisible();
  });

  await test.step('the second end ends rejected; undo and redo with the keyboard', async () => {
    await page.locator('[data-id="end_1"]').click();
    const inspector = page.getByTestId('inspector-end_1');
    await inspector.getByLabel('Name (English)').fill('Rejected');
    await inspector.getByText('Rejected', { exact: true }).click();
    await expect(page.getByTestId('flow-node-end_1')).toContainText('Rejected');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('flow-node-end_1')).toHaveClass(/tone-success/);
    await page.keyboard.press('Control+y');
    await expect(page.getByTestId('flow-node-end_1')).toHaveClass(/tone-danger/);
  });

  await test.step('copy and paste a node, then delete the copy with the keyboard', async () => {
    await page.locator('[data-id="approval_1"]').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(page.locator('[data-id="approval_2"]')).toBeVisible();
    await page.locator('[data-id="approval_2"]').click();
    await page.keyboard.press('Delete');
    await expect(page.locator('[data-id="approval_2"]')).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
  });

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('doc-state')).toHaveText(/Draft saved/);
  await shot(page, dir, 'flow-designer');
});

test('a publish error shows on the node; fixed, simulated and published', async ({
  page,
}, info) => {
  const dir = info.project.outputDir;
  await signIn(page, 'admin');
  await page.goto(`${formUrl}?tab=flow`);
  await expect(page.locator('[data-id="start"]')).toBeVisible({ timeout: 30_000 });
  const approval = page.getByTestId('flow-node-approval_1');
  await expect(approval).toBeVisible();

  await test.step('publishing is refused; the approval without assignees is marked', async () => {
    await page.getByTestId('publish').click();
    await expect(page.getByText(/Not published/)).toBeVisible();
    await expect(approval).toHaveAttribute('data-errors', '1');
    await expect(page.getByTestId('flow-node-errors-approval_1')).toBeVisible();
    await shot(page, dir, 'flow-publish-error');
    await page.locator('[data-id="approval_1"]').click();
    await expect(page.getByTestId('inspector-errors')).toContainText('assign');
  });

  await test.step('the sales manager role assigned, with a deadline; the node says so', async () => {
    const inspector = page.getByTestId('inspector-approval_1');
    await inspector.getByLabel('Name (English)').fill('Manager approval');
    await inspector.getByRole('button', { name: 'Add assignee' }).click();
    await choose(inspector, page, 'Assignee 1', /Sales manager/);
    await inspector.getByLabel('Set a deadline').click();
    await expect(approval).toContainText('Sales manager');
    await expect(approval).toContainText('Due in 8 working h');
    await expect(approval).not.toHaveAttribute('data-errors');
    await inspector.getByLabel('Permission of Reason').getByText('Edit').click();
  });

  await test.step('simulated step by step: the manager gets the task and approves', async () => {
    await page.getByTestId('toggle-simulation').click();
    const sim = page.getByTestId('simulation-panel');
    await sim.getByTestId('sim-sample').getByLabel('Days').fill('5');
    await sim.getByTestId('sim-sample').getByLabel('Title').fill('Family trip');
    await choose(sim, page, 'Submitted by', /rep1/);
    await sim.getByTestId('sim-run').click();
    await expect(sim.getByTestId('sim-outcome')).toHaveAttribute('data-value', 'waiting');
    const decide = sim.getByTestId('sim-decide-approval_1');
    await expect(decide).toContainText('Manager');
    await expect(page.getByTestId('flow-node-start')).toHaveAttribute('data-state', 'done');
    await expect(approval).toHaveAttribute('data-state', 'active');
    await decide.getByRole('button', { name: 'Preview form' }).first().click();
    const modal = page.getByRole('dialog');
    await expect(modal.getByTestId('preview-readonly')).toContainText('Family trip');
    await expect(modal.getByTestId('preview-editable').getByTestId('field-reason')).toBeVisible();
    await shot(page, dir, 'simulation-preview');
    await modal.getByRole('button', { name: 'Close' }).click();
    await decide.getByRole('button', { name: 'Approve' }).first().click();
    await expect(sim.getByTestId('sim-outcome')).toHaveAttribute('data-value', 'approved');
    await expect(page.getByTestId('flow-node-end')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('flow-node-end_1')).toHaveAttribute('data-state', 'idle');
    await expect(sim.getByTestId('sim-tasks')).toContainText('approved');
    await shot(page, dir, 'simulation');
    await page.getByTestId('toggle-simulation').click();
  });

  await test.step('published; the versions tab shows what changed', async () => {
    await page.getByTestId('publish').click();
    await expect(page.getByText('Published as version 3')).toBeVisible();
    await page.getByTestId('builder-tab-versions').click();
    await expect(page.getByTestId('versions-table')).toContainText('v3');
    await choose(page, page, 'Compare from', 'Version 2');
    await choose(page, page, 'Compare to', 'Version 3');
    await expect(page.getByTestId('diff-settings')).toContainText('The flow itself');
    await expect(page.getByTestId('diff-nodes')).toContainText('Manager approval');
    await expect(page.getByTestId('diff-canvas').locator('[data-diff="added"]')).toHaveCount(4);
    await shot(page, dir, 'versions-diff');
  });
});
