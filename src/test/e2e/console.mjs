// The HR console in a browser (ConsoleBrowserTest writes the data first): HR logs in to Tasklist, follows its
// "HR 控制台" link, imports four files at once (the record type told from each header, one chosen by hand; a progress
// bar each; then each file's counts or error table), recomputes a month's KPIs (a bad month first), starts a cycle
// from the cycles page (a bad period first) and lands on its dashboard, completes self-reviews as the employees
// through the engine's REST API and sees the dashboard's step counts move, starts a quarterly cycle and opens its
// calibration task in Tasklist from the dashboard, where the form links back to the dashboard and the report; opens a
// cycle dashboard in Chinese and English at 1366 px and at a phone's width; an employee sees only "my reviews" (and the scheme library) and gets
// the 403 page for someone else's. Nothing may be wider than the window. Screenshots: console-*.png.
// Usage: node src/test/e2e/console.mjs <baseUrl> [outputDir]   (run by ConsoleBrowserTest)

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, login, newPage, screenshot, screenshotTask, taskForm } from './tasklist.mjs';
import { drawn, fits } from './pages.mjs';

/** ConsoleBrowserTest.CYCLE, ENGINE_CYCLE and EMPLOYEE. */
const CYCLE = 'as2:2007-09:cs-staff-monthly';
const ENGINE_CYCLE = 'as1:2025-10:cs-staff-monthly';
const EMPLOYEE = 'wangfang';
/** The cycle started from the console (ConsoleBrowserTest.STARTED_CYCLE), its KPI inputs imported here, and its agents. */
const STARTED_PERIOD = '2008-02';
const STARTED_CYCLE = `as2:${STARTED_PERIOD}:cs-staff-monthly`;
const AS2_AGENTS = ['zhaolei', 'zhouting', 'wuhao', 'xulin', 'sunjie', 'mali'];
/** The quarterly cycle started from the console: it rolls up the fixture's months and waits for calibration. */
const QUARTER_CYCLE = 'as2:2007-Q3:cs-staff-monthly';
/** DemoKpis.VALUES: 66 of cs-staff-monthly's 70 measured points. */
const KPIS = { 'complaint-rate': 0.3, 'revisit-completion': 96, 'revisit-authenticity': 1, satisfaction: 100,
  'report-authenticity': 0, 'failed-spot-checks': 0 };
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Our paths; Camunda's own requests (Tasklist, its probes) are not this test's business. */
const OURS = /^\/(console|api|reports|css|js|webjars)\//;
/** The refusals this script provokes on purpose (a month that is none, for the KPIs and for a cycle). */
const PROVOKED = new Set(['400 /api/kpis/2008-13/aggregate', '400 /api/cycles']);

await run('console', async ({ page, baseUrl, browser }) => {
  const errors = watch(page);
  await login(page, baseUrl, 'zhaomin', 'demo');

  // Tasklist's header links to the console.
  const link = page.locator('#service-review-console-link');
  await link.waitFor({ state: 'visible' });
  await link.click();
  await page.locator('h1', { hasText: 'HR 控制台' }).waitFor({ state: 'visible' });
  for (const path of ['/console/cycles', '/console/me', '/console/imports']) {
    await page.locator(`.cards a[href="${path}"]`).waitFor({ state: 'visible' });
  }
  await fits(page);
  await screenshot(page, 'console-home-zh');

  // Four files at once: the record type of three is told from their headers, the fourth is chosen by hand. Each is
  // its own job: a progress bar each, then the counts of the good ones and the error tables of the bad ones.
  await page.goto(`${baseUrl}/console/imports`);
  const files = mkdtempSync(join(tmpdir(), 'console-import-'));
  const stamp = Date.now();
  const header = 'ticket_id,employee_id,channel,after_sales,opened_at,first_response_at,resolved_at,contacts,reopened,escalated\n';
  const bad = join(files, 'tickets-bad.csv');
  writeFileSync(bad, header
    + `CONSOLE-${stamp}-1,zhangwei,phone,no,2007-05-02 09:12:00,2007-05-02 09:12:40,2007-05-02 09:30:00,1,0,no\n`
    + `CONSOLE-${stamp}-2,nobody-here,chat,no,2007-05-03 14:05:00,,,1,0,no\n`
    + `CONSOLE-${stamp}-3,zhangwei,fax,no,2007-05-31 25:00:00,,,1,0,no\n`);
  const good = join(files, 'tickets-good.csv');
  writeFileSync(good, header
    + `CONSOLE-${stamp}-4,zhangwei,phone,no,2007-05-02 09:12:00,2007-05-02 09:12:40,2007-05-02 09:30:00,1,0,no\n`
    + `CONSOLE-${stamp}-5,wangfang,chat,yes,2007-05-03 14:05:00,2007-05-03 14:06:10,2007-05-04 10:00:00,2,0,no\n`
    + `CONSOLE-${stamp}-6,liuyang,email,no,2007-05-05 08:00:00,,,1,0,no\n`);
  const inputs = join(files, `as2-${STARTED_PERIOD}.csv`);
  writeFileSync(inputs, 'Employee ID,Period,Input Key,Value\n' + AS2_AGENTS.flatMap((agent) =>
    Object.entries(KPIS).map(([key, value]) => `${agent},${STARTED_PERIOD},${key},${value}\n`)).join(''));
  const other = join(files, 'export.csv');
  writeFileSync(other, 'complaint_id,employee_id,received_at,note\n'
    + `CONSOLE-${stamp}-C1,zhaolei,2007-05-06 10:00:00,rude\n`);

  await page.locator('#import-files').setInputFiles([bad, good, inputs, other]);
  const queued = page.locator('#import-queue tbody tr');
  await queued.nth(3).waitFor({ state: 'visible' });
  const detected = await queued.evaluateAll((rows) => rows.map((r) => `${r.dataset.file}=${r.querySelector('select').value}`));
  console.log(`detected: ${detected.join(', ')}`);
  const expected = ['tickets-bad.csv=tickets', 'tickets-good.csv=tickets', `as2-${STARTED_PERIOD}.csv=kpi-inputs`, 'export.csv='];
  if (detected.join() !== expected.join()) throw new Error(`record types told: ${detected.join(', ')}`);
  // Nothing is uploaded while a file has no type: its choice is marked.
  await page.locator('#import-submit').click();
  await page.locator('#import-queue tr[data-file="export.csv"] select.invalid').waitFor({ state: 'visible' });
  if (await page.locator('.import-result').count() !== 0) throw new Error('files were imported although one had no record type');
  await page.locator('#import-queue tr[data-file="export.csv"] select').selectOption('complaints');
  await fits(page);
  await screenshot(page, 'console-import-files-zh');

  await page.evaluate(() => {
    window.progressShown = new Set();
    for (const row of document.querySelectorAll('#import-queue tbody tr')) {
      const bar = row.querySelector('progress');
      new MutationObserver(() => { if (!bar.hasAttribute('value')) window.progressShown.add(row.dataset.file); })
        .observe(bar, { attributes: true, attributeFilter: ['value'] });
    }
  });
  await page.locator('#import-submit').click();
  await page.locator('.import-result').nth(3).waitFor({ state: 'visible' });
  await page.locator('#import-submit:not([disabled])').waitFor({ state: 'attached' });
  const shown = await page.evaluate(() => [...window.progressShown]);
  if (shown.length !== 4) throw new Error(`progress bars shown for ${shown.join(', ')} only`);
  const result = (file) => page.locator(`.import-result[data-file="${file}"]`);
  const badRows = await result('tickets-bad.csv').locator('tbody tr').allInnerTexts();
  console.log(`errors: ${badRows.length}: ${badRows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
  if (!badRows.some((r) => r.includes('nobody-here')) || !badRows.some((r) => r.includes('fax'))
      || !(await result('tickets-bad.csv').locator('.outcome.bad').isVisible())) {
    throw new Error(`the error table does not name the bad values: ${badRows.join(' | ')}`);
  }
  const inserted = await result('tickets-good.csv').locator('.count-inserted').innerText();
  if (inserted !== '3') throw new Error(`expected 3 tickets inserted, the page says ${inserted}`);
  console.log(`import: inserted ${inserted}`);
  const kpiRows = await result(`as2-${STARTED_PERIOD}.csv`).locator('.result-counts dd').allInnerTexts();
  if (kpiRows.map(Number).reduce((a, b) => a + b, 0) !== AS2_AGENTS.length * Object.keys(KPIS).length) {
    throw new Error(`KPI inputs: inserted/updated/unchanged ${kpiRows.join('/')}`);
  }
  const otherErrors = await result('export.csv').locator('tbody tr').allInnerTexts();
  if (!otherErrors.some((r) => r.includes('note'))) throw new Error(`export.csv as complaints: ${otherErrors.join(' | ')}`);
  console.log(`import: KPI inputs ${kpiRows.join('/')}, export.csv refused: ${otherErrors.join(' | ').replace(/\s+/g, ' ')}`);
  // The history below lists the jobs just finished without reloading the page.
  await page.locator('#import-history tbody tr', { hasText: 'export.csv' }).first().waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'console-import-results-zh');

  // Recomputing a month's KPIs: a month that is none is refused next to the field; then the month just imported.
  await page.locator('#kpi-period').fill('2008-13');
  await page.locator('#kpi-submit').click();
  await page.locator('#kpi-problem', { hasText: '400' }).waitFor({ state: 'visible' });
  await page.locator('#kpi-period').fill(STARTED_PERIOD);
  await page.locator('#kpi-submit').click();
  const recomputed = await page.locator('#kpi-result').filter({ visible: true }).innerText();
  console.log(`recomputed: ${recomputed}`);
  if (!recomputed.includes(`${STARTED_PERIOD}`) || !recomputed.includes(` ${AS2_AGENTS.length} 名员工`)
      || !recomputed.includes(` ${AS2_AGENTS.length * Object.keys(KPIS).length} 个指标值`)) {
    throw new Error(`the recomputation says: ${recomputed}`);
  }
  await screenshot(page, 'console-import-kpis-zh');

  // In English, the history names who imported the files.
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('h1', { hasText: 'Imports' }).waitFor({ state: 'visible' });
  const history = await page.locator('#import-history tbody tr', { hasText: 'tickets-good.csv' }).first().innerText();
  if (!history.includes('zhaomin') || !history.includes('Succeeded')) {
    throw new Error(`the import of tickets-good.csv in the history: ${history}`);
  }
  await fits(page);
  await screenshot(page, 'console-imports-en');

  // Starting a cycle from the cycles page (in Chinese again): a period that is none is refused next to its field;
  // then the month whose KPI inputs were imported above, and the page goes to the new cycle's dashboard.
  await page.goto(`${baseUrl}/console/cycles?lang=zh-CN`);
  const start = page.locator('#cycle-start');
  await start.locator('input[name="period"]').fill('2008-13');
  await start.locator('select[name="unitId"]').selectOption('as2');
  await start.locator('select[name="schemeId"]').selectOption('cs-staff-monthly');
  await start.locator('button[type="submit"]').click();
  const periodProblem = start.locator('[data-problem="period"]');
  await periodProblem.waitFor({ state: 'visible' });
  console.log(`start refused: ${await periodProblem.innerText()}`);
  if (!(await periodProblem.innerText()).includes('400') || !(await periodProblem.innerText()).includes('须为月份')) {
    throw new Error('the bad period was not refused with 400 in Chinese first');
  }
  await fits(page);
  await screenshot(page, 'console-cycle-start-zh');
  await start.locator('input[name="period"]').fill(STARTED_PERIOD);
  await start.locator('button[type="submit"]').click();
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/console/cycles/${STARTED_CYCLE}`);

  // The dashboard moves: every review waits at the self-review; two employees complete theirs through the engine's
  // REST API (as Tasklist would submit the form), and two reviews are at the supervisor step instead.
  const before = await stepsOnceLaunched(page, AS2_AGENTS.length);
  console.log(`started cycle before: ${JSON.stringify(before)}`);
  if (before.self !== AS2_AGENTS.length || before.supervisor !== 0) throw new Error(`before: ${JSON.stringify(before)}`);
  for (const agent of AS2_AGENTS.slice(0, 2)) await submitSelfReview(baseUrl, agent, `${agent}:${STARTED_PERIOD}:cs-staff-monthly`);
  const after = await stepsOnceSettled(page, (steps) => steps.self === AS2_AGENTS.length - 2);
  console.log(`started cycle after two self-reviews: ${JSON.stringify(after)}`);
  if (after.self !== AS2_AGENTS.length - 2 || after.supervisor !== 2 || after.group !== before.group) {
    throw new Error(`after two self-reviews: ${JSON.stringify(after)} (before ${JSON.stringify(before)})`);
  }
  await drawn(page, 'steps-chart');
  await fits(page);
  await screenshot(page, 'console-cycle-moved-zh');
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('h2', { hasText: 'Reviews at each step' }).waitFor({ state: 'visible' });
  await drawn(page, 'steps-chart');
  await fits(page);
  await screenshot(page, 'console-cycle-moved-en');
  await page.locator('.lang-switch a', { hasText: '中文' }).click();
  await page.locator('h1', { hasText: '售后二组' }).waitFor({ state: 'visible' });

  // A quarterly cycle rolls up the months and waits for HR's calibration: the dashboard links to the task, and the
  // task's form in Tasklist links back to the dashboard and to the report.
  await page.goto(`${baseUrl}/console/cycles`);
  await start.locator('input[name="period"]').fill('2007-Q3');
  await start.locator('select[name="unitId"]').selectOption('as2');
  await start.locator('select[name="schemeId"]').selectOption('cs-staff-monthly');
  await start.locator('button[type="submit"]').click();
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/console/cycles/${QUARTER_CYCLE}`);
  const calibration = page.locator('#calibration-link');
  for (let waited = 0; !(await calibration.isVisible()); waited += 500) {
    if (waited > 60_000) throw new Error('the quarterly cycle never reached its calibration task');
    await page.waitForTimeout(500);
    await page.reload();
  }
  await calibration.click();
  const form = await taskForm(page);
  for (const href of [`/console/cycles/${QUARTER_CYCLE}`, `/reports/cycles/${QUARTER_CYCLE}`]) {
    const link = form.locator(`a[href="${href}"]`);
    await link.waitFor({ state: 'visible' });
    console.log(`calibration form links to ${href}: ${await link.innerText()}`);
  }
  // Tasklist disables the form (links included) of a group task until it is claimed.
  await page.locator('.task-card button.claim').click();
  await page.locator('.task-card .disabled-form').waitFor({ state: 'detached' });
  await screenshotTask(page, 'console-calibration-links-zh');
  await form.locator(`a[href="/console/cycles/${QUARTER_CYCLE}"]`).click();
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/console/cycles/${QUARTER_CYCLE}`);
  await page.locator('#report-link').waitFor({ state: 'visible' });

  // A cycle dashboard, English, then Chinese; both charts drawn.
  await page.goto(`${baseUrl}/console/cycles/${CYCLE}?lang=en`);
  await dashboard(page, 'Grade distribution against the quota');
  await screenshot(page, 'console-cycle-en');
  await page.locator('.lang-switch a', { hasText: '中文' }).click();
  await dashboard(page, '等级分布与配额');
  await screenshot(page, 'console-cycle-zh');
  // A cycle the engine runs: every review waits in the data step (its inputs are missing), as the engine says.
  await page.goto(`${baseUrl}/console/cycles/${ENGINE_CYCLE}`);
  await page.locator('#steps-chart canvas').waitFor({ state: 'visible' });
  const reviewCount = Number(await page.locator('#fact-reviews').innerText());
  const atData = Number(await page.locator('#steps tr[data-step="data"] td.num').innerText());
  console.log(`engine cycle: ${reviewCount} reviews, ${atData} at the data step`);
  if (reviewCount === 0 || atData !== reviewCount) throw new Error(`engine cycle: ${reviewCount} reviews but ${atData} at the data step`);
  await drawn(page, 'steps-chart');
  await fits(page);
  await screenshot(page, 'console-engine-cycle-zh');

  await page.goto(`${baseUrl}/console/cycles/${CYCLE}`);
  await page.setViewportSize(PHONE);
  await dashboard(page, '等级分布与配额');
  await screenshot(page, 'console-cycle-phone-zh');

  // An employee: only "my reviews", their own archived reviews with the trend chart, 403 on someone else's page.
  const employee = await newPage(browser, { locale: 'zh-CN', viewport: WIDE });
  const employeeErrors = watch(employee, [403]);
  await login(employee, baseUrl, EMPLOYEE, 'demo');
  await employee.goto(`${baseUrl}/console/`);
  await employee.locator('.cards a[href="/console/me"]').waitFor({ state: 'visible' });
  // Everyone may read the scheme library; nothing else of HR's or a manager's.
  const cards = await employee.locator('.cards a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  if (cards.join(' ') !== '/console/me /console/schemes') {
    throw new Error(`the employee's home shows ${cards.join(', ')}, expected only "my reviews" and the schemes`);
  }
  await employee.goto(`${baseUrl}/console/me`);
  await employee.locator('h1', { hasText: '我的考核' }).waitFor({ state: 'visible' });
  await drawn(employee, 'trend-chart');
  // Only their own (other tests archive more of wangfang's reviews), the two written for this test among them.
  const reviews = await employee.locator('#reviews tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.review));
  if (!reviews.includes('wangfang:2007-05:cs-staff-monthly') || !reviews.includes('wangfang:2007-06:cs-staff-monthly')
      || reviews.some((id) => !id.startsWith('wangfang:'))) {
    throw new Error(`the employee's archived reviews: ${reviews.join(', ')}`);
  }
  await fits(employee);
  await screenshot(employee, 'console-me-zh');
  const refused = await employee.goto(`${baseUrl}/console/people/zhangwei`);
  if (refused.status() !== 403) throw new Error(`someone else's reviews answered ${refused.status()}, expected 403`);
  await employee.locator('h1', { hasText: '无权查看' }).waitFor({ state: 'visible' });
  await screenshot(employee, 'console-forbidden-zh');

  const all = [...errors, ...employeeErrors];
  if (all.length) throw new Error(`the pages reported errors: ${all.join('; ')}`);
}, { locale: 'zh-CN', viewport: WIDE });

/** Collects script errors and failed responses of the application's own pages and API (except the statuses expected). */
function watch(page, expected = []) {
  const errors = [];
  // Script errors of our pages only: Tasklist's own (a module it gave up loading on a busy machine) are Camunda's.
  page.on('pageerror', (error) => { if (OURS.test(new URL(page.url()).pathname)) errors.push(error.message); });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && !expected.includes(response.status()) && !PROVOKED.has(`${response.status()} ${path}`)
        && OURS.test(path)) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}

/** The dashboard's step counts, reloading until the cycle's reviews are launched and every one waits in a user task. */
async function stepsOnceLaunched(page, reviews) {
  return stepsOnceSettled(page, (steps, facts) => facts.reviews === reviews && steps.data === 0 && steps.self === reviews);
}

async function stepsOnceSettled(page, settled) {
  for (let waited = 0; ; waited += 500) {
    await page.locator('#steps').waitFor({ state: 'visible' });
    const steps = Object.fromEntries(await page.locator('#steps tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.dataset.step, Number(r.querySelector('td.num').textContent)])));
    const facts = { reviews: Number(await page.locator('#fact-reviews').innerText()) };
    if (settled(steps, facts)) return steps;
    if (waited > 60_000) throw new Error(`the dashboard did not settle: ${JSON.stringify(steps)} ${JSON.stringify(facts)}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

/** The employee submits their self-review through /engine-rest as Tasklist does: a score for each rated slot and a comment. */
async function submitSelfReview(baseUrl, employee, reviewId) {
  const auth = { Authorization: `Basic ${Buffer.from(`${employee}:demo`).toString('base64')}`, 'Content-Type': 'application/json' };
  const tasks = await (await fetch(`${baseUrl}/engine-rest/task?processInstanceBusinessKey=${encodeURIComponent(reviewId)}`
    + '&taskDefinitionKey=Task_SelfReview', { headers: auth })).json();
  if (tasks.length !== 1) throw new Error(`${employee} sees ${tasks.length} self-review tasks of ${reviewId}`);
  const variables = await (await fetch(`${baseUrl}/engine-rest/task/${tasks[0].id}/form-variables`, { headers: auth })).json();
  const form = { selfComment: { value: '按计划完成 / done as planned' } };
  for (let k = 1; k <= 6; k++) {
    if (variables[`rating${k}`] && variables[`rating${k}`].value !== null) form[`score${k}`] = { value: 4 };
  }
  const answer = await fetch(`${baseUrl}/engine-rest/task/${tasks[0].id}/submit-form`,
    { method: 'POST', headers: auth, body: JSON.stringify({ variables: form }) });
  if (!answer.ok) throw new Error(`${employee}'s self-review: ${answer.status} ${await answer.text()}`);
  console.log(`${employee} submitted the self-review of ${reviewId} (${Object.keys(form).join(', ')})`);
}

async function dashboard(page, gradesHeading) {
  await page.locator('h2', { hasText: gradesHeading }).waitFor({ state: 'visible' });
  await page.locator('#report-link').waitFor({ state: 'visible' });
  await drawn(page, 'steps-chart');
  await drawn(page, 'grades-chart');
  await fits(page);
}
