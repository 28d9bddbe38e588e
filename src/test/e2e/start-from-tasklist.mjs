// HR starts one employee's review and then the department's cycle for the same month from
// Tasklist's "Start process", with the Camunda Forms people use. The cycle must adopt the review
// started by hand and launch everyone else (issue: the launch failed for all twelve).
//
// Usage: node src/test/e2e/start-from-tasklist.mjs <baseUrl> [outputDir]   (run by StartFromTasklistBrowserTest)
// Screenshots: start-review-form.png, start-cycle-form.png.

import { run, login, screenshot } from './tasklist.mjs';

/** StartFromTasklistBrowserTest.PERIOD */
const PERIOD = '2014-05';

await run('start-from-tasklist', async ({ page, baseUrl }) => {
  await login(page, baseUrl, 'zhaomin', 'demo');

  await startProcess(page, '员工考核 / Employee review', 'start-review-form', async (form) => {
    await form.getByLabel('员工账号 / Employee id').fill('zhangwei');
    await form.getByLabel('考核期 / Period (YYYY-MM)').fill(PERIOD);
    await choose(form, 'Select_schemeId', '客户服务人员月度绩效考核 / Customer service staff — monthly');
  });

  await startProcess(page, '考核周期 / Review cycle', 'start-cycle-form', async (form) => {
    await choose(form, 'Select_unitId', '客户服务部 / Customer Service Department');
    await form.getByLabel(/考核期 \/ Period/).fill(PERIOD);
    await choose(form, 'Select_schemeId', '客户服务人员月度绩效考核 / Customer service staff — monthly');
  });
});

/** Tasklist's Start process dialog: pick the process, fill its start form, start it. */
async function startProcess(page, processName, shot, fill) {
  await page.locator('[cam-widget-header] a', { hasText: 'Start process' }).click();
  const dialog = page.locator('.modal-dialog');
  await dialog.locator('a', { hasText: processName }).first().click();
  const form = dialog.locator('.fjs-form');
  await form.waitFor({ state: 'visible' });
  await fill(form);
  await screenshot(page, shot);
  await dialog.locator('button', { hasText: /^\s*Start\s*$/ }).click();
  const failure = page.locator('.notifications .alert-danger, .notifications .alert-error');
  await Promise.race([
    dialog.waitFor({ state: 'detached' }),
    failure.first().waitFor({ state: 'visible' }).then(async () => {
      throw new Error(`starting ${processName} failed: ${(await failure.first().innerText()).replace(/\s+/g, ' ')}`);
    }),
  ]);
  console.log(`started: ${processName}`);
}

/** A form-js select: open it, click the option. */
async function choose(form, id, label) {
  const field = form.locator(`.fjs-form-field:has([id$="-${id}"])`);
  await field.locator('.fjs-input-group, .fjs-select-display, select').first().click();
  const option = field.locator('.fjs-dropdownlist-item, option', { hasText: label }).first();
  if (await option.evaluate((el) => el.tagName === 'OPTION').catch(() => false)) {
    await field.locator('select').selectOption({ label });
  } else {
    await option.click();
  }
}
