// The HR console in a browser (ConsoleBrowserTest writes the data first): HR logs in to Tasklist, follows its
// "HR 控制台" link, imports a tickets file with errors (progress, then the error table, nothing imported) and then
// a good one (progress, then the counts), opens a cycle dashboard in Chinese and English at 1366 px and at a
// phone's width; an employee sees only "my reviews" (and the scheme library) and gets the 403 page for someone else's. Nothing may be wider
// than the window. Screenshots: console-*.png.
// Usage: node src/test/e2e/console.mjs <baseUrl> [outputDir]   (run by ConsoleBrowserTest)

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, login, newPage, screenshot } from './tasklist.mjs';

/** ConsoleBrowserTest.CYCLE, ENGINE_CYCLE and EMPLOYEE. */
const CYCLE = 'as2:2007-09:cs-staff-monthly';
const ENGINE_CYCLE = 'as1:2025-10:cs-staff-monthly';
const EMPLOYEE = 'wangfang';
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Our paths; Camunda's own requests (Tasklist, its probes) are not this test's business. */
const OURS = /^\/(console|api|reports|css|js|webjars)\//;

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

  // An import with errors: the progress bar, then the error table; then a good file: the counts.
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
    + `CONSOLE-${stamp}-1,zhangwei,phone,no,2007-05-02 09:12:00,2007-05-02 09:12:40,2007-05-02 09:30:00,1,0,no\n`
    + `CONSOLE-${stamp}-2,wangfang,chat,yes,2007-05-03 14:05:00,2007-05-03 14:06:10,2007-05-04 10:00:00,2,0,no\n`
    + `CONSOLE-${stamp}-3,liuyang,email,no,2007-05-05 08:00:00,,,1,0,no\n`);

  await importFile(page, bad);
  await page.locator('#import-outcome.bad').waitFor({ state: 'visible' });
  const errorRows = page.locator('#import-errors tbody tr');
  await errorRows.first().waitFor({ state: 'visible' });
  const rows = await errorRows.allInnerTexts();
  console.log(`errors: ${rows.length}: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
  if (!rows.some((r) => r.includes('nobody-here')) || !rows.some((r) => r.includes('fax'))) {
    throw new Error(`the error table does not name the bad values: ${rows.join(' | ')}`);
  }
  await fits(page);
  await screenshot(page, 'console-import-errors-zh');

  await importFile(page, good);
  await page.locator('#import-outcome.ok').waitFor({ state: 'visible' });
  const inserted = await page.locator('#count-inserted').innerText();
  if (inserted !== '3') throw new Error(`expected 3 rows inserted, the page says ${inserted}`);
  console.log(`import: inserted ${inserted}`);
  // The history below lists the job just finished without reloading the page.
  await page.locator('#import-history tbody tr', { hasText: 'tickets-good.csv' }).first().waitFor({ state: 'visible' });
  await screenshot(page, 'console-import-ok-zh');

  // In English, the history names who imported both files.
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('h1', { hasText: 'Imports' }).waitFor({ state: 'visible' });
  const history = await page.locator('#import-history tbody tr').first().innerText();
  if (!history.includes('zhaomin') || !history.includes('tickets-good.csv') || !history.includes('Succeeded')) {
    throw new Error(`the newest import in the history: ${history}`);
  }
  await fits(page);
  await screenshot(page, 'console-imports-en');

  // A cycle dashboard, English (remembered), then Chinese; both charts drawn.
  await page.goto(`${baseUrl}/console/cycles/${CYCLE}`);
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
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected.includes(response.status()) && OURS.test(new URL(response.url()).pathname)) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}

/** Uploads the file and checks the progress bar showed before the outcome. */
async function importFile(page, file) {
  await page.evaluate(() => {
    window.sawProgress = false;
    const progress = document.getElementById('import-progress');
    new MutationObserver(() => { if (!progress.hidden) window.sawProgress = true; })
      .observe(progress, { attributes: true, attributeFilter: ['hidden'] });
  });
  await page.locator('#record-type').selectOption('tickets');
  await page.locator('#import-file').setInputFiles(file);
  await page.locator('#import-submit').click();
  await page.locator('#import-result').waitFor({ state: 'visible' });
  if (!await page.evaluate(() => window.sawProgress)) throw new Error('the progress bar was never shown');
}

async function dashboard(page, gradesHeading) {
  await page.locator('h2', { hasText: gradesHeading }).waitFor({ state: 'visible' });
  await page.locator('#report-link').waitFor({ state: 'visible' });
  await drawn(page, 'steps-chart');
  await drawn(page, 'grades-chart');
  await fits(page);
}

async function drawn(page, id) {
  const canvas = page.locator(`#${id} canvas`);
  await canvas.waitFor({ state: 'visible' });
  const inked = await canvas.evaluate((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
    return n;
  });
  if (inked < 3000) throw new Error(`#${id}: the canvas is (nearly) empty: ${inked} pixels drawn`);
  console.log(`#${id}: ${inked} pixels drawn`);
}

/** Nothing wider than the window (tables scroll inside their .table-wrap). */
async function fits(page) {
  const overflow = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > limit + 1)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`);
    return { wide, scrollWidth: document.documentElement.scrollWidth, limit };
  });
  if (overflow.wide.length || overflow.scrollWidth > overflow.limit) {
    throw new Error(`wider than the ${overflow.limit} px window: ${overflow.wide.slice(0, 5).join(', ')} (page ${overflow.scrollWidth} px)`);
  }
}
