// The console's scheme pages in a browser (SchemesConsoleBrowserTest): HR logs in to Tasklist, opens the library from
// the console's home, reads cs-staff-monthly's indicators and brackets, changes an input in the simulator (the total
// and the grade follow; a value outside its unit is answered at its field), then makes a scheme of its own from that
// document in the editor (a new id, e2e-…, so no other test sees it), publishes it, opens its editor, introduces a
// validation error (listed and marked at its line), fixes it, publishes version 2 in effect from 2990-01 and reads the
// diff. An employee reads the library but is not offered publishing. Nothing may be wider than the window.
// Screenshots: schemes-*.png (Chinese and English at 1366 px, the simulator and the editor at 390 px).
// Usage: node src/test/e2e/schemes-console.mjs <baseUrl> [outputDir]   (run by SchemesConsoleBrowserTest)

import { run, login, newPage, screenshot as save } from './tasklist.mjs';
import { drawn, fits } from './pages.mjs';

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const OURS = /^\/(console|api|reports|css|js|webjars)\//;
/** A scheme of this run's own: kebab-case, unique per run. */
const SCHEME = `e2e-${Date.now().toString(36)}`;
const FAR_FUTURE = '2990-01';
const BRACKET = '{range: "(0, 0.4]", deduct: 2';
const BROKEN = '{range: "(0, 0.4", deduct: 2';

await run('schemes-console', async ({ page, baseUrl, browser }) => {
  await loginAs(page, baseUrl, 'zhaomin');
  // From here on, our pages only; the simulator's refusal of a bad value is a 400 the test causes on purpose.
  const errors = watch(page, [400]);

  // The library, from the console's home.
  await page.goto(`${baseUrl}/console/`);
  await page.locator('.cards a[href="/console/schemes"]').click();
  await page.locator('h1', { hasText: '考核方案' }).waitFor({ state: 'visible' });
  const listed = await page.locator('#schemes tbody tr').count();
  console.log(`library: ${listed} schemes`);
  await fits(page);
  await screenshot(page, 'schemes-library-zh');

  // One scheme: its indicators with the brackets in words and the seed text, then in English.
  await page.locator('#schemes tr[data-scheme="cs-staff-monthly"] td a').first().click();
  const complaint = page.locator('#indicators tr[data-indicator="complaint-rate"]');
  await complaint.waitFor({ state: 'visible' });
  const row = await complaint.innerText();
  if (!row.includes('(0, 0.4]') || !row.includes('0~0.4%') || !row.includes('高于 0 至 0.4')) {
    throw new Error(`complaint-rate's brackets: ${row}`);
  }
  await fits(page);
  await screenshot(page, 'schemes-scheme-zh');
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('#indicators tr[data-indicator="complaint-rate"]', { hasText: 'over 0 to 0.4' }).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'schemes-scheme-en');

  // The simulator, in English (remembered), then Chinese: full points to start, then a complaint rate of 1.2%.
  await page.locator('.tabs a', { hasText: 'Simulator' }).click();
  await scored(page, '100.00', 'Outstanding');
  await drawn(page, 'sim-chart');
  const rate = page.locator('input[data-field="values.complaint-rate"]');
  await rate.fill('1.2');
  await scored(page, '90.00', 'Excellent');
  await fits(page);
  await screenshot(page, 'schemes-simulator-en');
  await page.locator('.lang-switch a', { hasText: '中文' }).click();
  await scored(page, '100.00', '非常优秀');
  await rate.fill('1.2');
  await scored(page, '90.00', '优秀');
  console.log('simulator: complaint rate 1.2% → 90.00 优秀');
  // A rate over 100% is refused at its field, and the page says so.
  await rate.fill('150');
  const rateError = page.locator('.field-error[data-error-for="values.complaint-rate"]');
  await rateError.filter({ hasText: /./ }).waitFor({ state: 'visible' });
  console.log(`simulator refusal at values.complaint-rate: ${await rateError.innerText()}`);
  await page.locator('#sim-status').waitFor({ state: 'visible' });
  await screenshot(page, 'schemes-simulator-error-zh');
  await rate.fill('1.2');
  await scored(page, '90.00', '优秀');
  await rateError.waitFor({ state: 'hidden' });
  await fits(page);
  await screenshot(page, 'schemes-simulator-zh');

  // A scheme of our own, from cs-staff-monthly's document: a new id, published from 2000-01 on.
  await page.locator('.tabs a', { hasText: '编辑' }).click();
  const area = page.locator('#document');
  await area.waitFor({ state: 'visible' });
  await validation(page, /文档有效：cs-staff-monthly/);
  const original = await area.inputValue();
  await area.fill(original.replace('id: cs-staff-monthly', `id: ${SCHEME}`));
  await validation(page, new RegExp(`文档有效：${SCHEME} 第 1 版`));
  await publish(page, '2000-01', '第 1 版');

  // Its editor: a broken bracket is listed with its line, which the gutter and the text mark.
  await page.goto(`${baseUrl}/console/schemes/${SCHEME}/editor`);
  await area.waitFor({ state: 'visible' });
  await validation(page, /文档有效/);
  const v1 = await area.inputValue();
  const line = v1.split('\n').findIndex((l) => l.includes(BRACKET)) + 1;
  if (line === 0) throw new Error(`no line with ${BRACKET}`);
  await area.fill(v1.replace(BRACKET, BROKEN));
  await validation(page, /发现 1 个问题/);
  const problem = page.locator(`#problems li[data-line="${line}"]`);
  await problem.waitFor({ state: 'visible' });
  const problemText = await problem.innerText();
  if (!problemText.includes('params.brackets[1].range')) throw new Error(`the problem at line ${line}: ${problemText}`);
  const marked = await page.locator('#gutter span.bad').allInnerTexts();
  if (marked.join(',') !== String(line)) throw new Error(`the gutter marks lines ${marked.join(',')}, expected ${line}`);
  await page.locator(`#line-marks .line-mark[data-line="${line}"]`).waitFor({ state: 'attached' });
  // The problem's button puts the caret on its line.
  await problem.locator('button.line-link').click();
  const caretLine = await area.evaluate((a) => a.value.slice(0, a.selectionStart).split('\n').length);
  if (caretLine !== line) throw new Error(`the problem's link went to line ${caretLine}, expected ${line}`);
  console.log(`editor: problem at line ${line}: ${problemText.replace(/\s+/g, ' ')}`);
  await fits(page);
  await screenshot(page, 'schemes-editor-error-zh');

  // Fixed, as version 2 with other weights and a steeper last bracket, in effect far in the future.
  const v2 = v1.replace('version: 1', 'version: 2')
    .replace('{range: "(1.5, 100]", deduct: 10', '{range: "(1.5, 100]", deduct: 20')
    .replace('weight: 10\n    kind: bracket-deduction\n    seed: "回访完成率', 'weight: 15\n    kind: bracket-deduction\n    seed: "回访完成率')
    .replace('weight: 10\n    kind: bracket-deduction\n    seed: "客户满意度', 'weight: 5\n    kind: bracket-deduction\n    seed: "客户满意度');
  await area.fill(v2);
  await validation(page, new RegExp(`文档有效：${SCHEME} 第 2 版`));
  if (await page.locator('#gutter span.bad').count() !== 0) throw new Error('the gutter still marks a line');
  await publish(page, FAR_FUTURE, '第 2 版');
  console.log(`published: ${SCHEME} v2 from ${FAR_FUTURE}`);
  await fits(page);
  await screenshot(page, 'schemes-published-zh');

  // The diff of the two versions, in Chinese and English.
  await page.locator('#published-diff').click();
  await page.locator('#diff-heading', { hasText: '第 1 版 → 第 2 版' }).waitFor({ state: 'visible' });
  const revisit = await page.locator('#diff-changed tbody[data-indicator="revisit-completion"]').innerText();
  const brackets = await page.locator('#diff-changed tbody[data-indicator="complaint-rate"]').innerText();
  if (!revisit.includes('10 → 15') || !brackets.includes('(1.5, 100] → −20')) {
    throw new Error(`the diff: ${revisit} | ${brackets}`);
  }
  console.log('diff: revisit-completion 10 → 15, complaint-rate (1.5, 100] → −20');
  await fits(page);
  await screenshot(page, 'schemes-diff-zh');
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('#diff-heading', { hasText: 'Version 1 → version 2' }).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'schemes-diff-en');
  await page.locator('.lang-switch a', { hasText: '中文' }).click();
  await page.locator('#diff-heading', { hasText: '第 1 版 → 第 2 版' }).waitFor({ state: 'visible' });

  // At a phone's width: the simulator and the editor.
  await page.setViewportSize(PHONE);
  await page.goto(`${baseUrl}/console/schemes/cs-staff-monthly/simulator`);
  await scored(page, '100.00', '非常优秀');
  await drawn(page, 'sim-chart');
  await fits(page);
  await screenshot(page, 'schemes-simulator-phone-zh');
  await page.goto(`${baseUrl}/console/schemes/${SCHEME}/editor`);
  await validation(page, /文档有效/);
  await fits(page);
  await screenshot(page, 'schemes-editor-phone-zh');

  // An employee reads the library and simulates, but is not offered publishing (the API refuses it).
  const employee = await newPage(browser, { locale: 'zh-CN', viewport: WIDE });
  await loginAs(employee, baseUrl, 'huangqiang');
  const employeeErrors = watch(employee);
  await employee.goto(`${baseUrl}/console/schemes/cs-staff-monthly/editor`);
  await validation(employee, /文档有效/);
  await employee.locator('#publish-hr-only').waitFor({ state: 'visible' });
  if (await employee.locator('#publish-form').count() !== 0) throw new Error('an employee is offered publishing');
  await employee.goto(`${baseUrl}/console/schemes/cs-staff-monthly/simulator`);
  await scored(employee, '100.00', '非常优秀');

  const all = [...errors, ...employeeErrors];
  if (all.length) throw new Error(`the pages reported errors: ${all.join('; ')}`);
}, { locale: 'zh-CN', viewport: WIDE });

/**
 * Logs in to Tasklist. On a machine under heavy load Tasklist's module loader may give up on a plugin (a RequireJS
 * load timeout) and show no login form; the page is then opened again, at most three times in all.
 */
async function loginAs(page, baseUrl, user) {
  for (let attempt = 1; ; attempt++) {
    try {
      await login(page, baseUrl, user, 'demo');
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`login of ${user} failed (attempt ${attempt}): ${String(error.message).split('\n')[0]}`);
    }
  }
}

/** A full-page screenshot once the page has loaded whole (a large table may still be arriving when its first row shows). */
async function screenshot(page, name) {
  await page.waitForLoadState('load');
  await save(page, name);
}

/** Waits until the simulator shows this total and grade. */
async function scored(page, total, grade) {
  await page.locator('#sim-total', { hasText: total }).waitFor({ state: 'visible' });
  await page.locator('#sim-grade', { hasText: new RegExp(`^${grade}$`) }).waitFor({ state: 'visible' });
}

async function validation(page, pattern) {
  await page.locator('#validation', { hasText: pattern }).waitFor({ state: 'visible' });
}

/** Publishes the editor's document from the month and waits for the link to the created version. */
async function publish(page, month, version) {
  await page.locator('#effective-from').fill(month);
  await page.locator('#publish').click();
  await page.locator('#publish-result.ok #published-version', { hasText: version }).waitFor({ state: 'visible' });
}

/** Collects script errors and failed responses of the application's own pages and API (except the statuses expected). */
function watch(page, expected = []) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected.includes(response.status()) && OURS.test(new URL(response.url()).pathname)) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}
