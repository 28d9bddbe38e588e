// The console's pay page in a browser (PayConsoleBrowserTest writes the cycle and the filled-in files first): HR logs in to
// Tasklist, opens the console's pay page from its home, chooses 2003-09 and team as2, downloads the template, uploads it
// unchanged (nothing filled in: refused), uploads a filled-in copy with errors (progress, then the error table, nothing
// stored) and a good one (progress, then the counts and the refreshed preview), computes the cycle's pay and downloads
// pay.csv and pay.xlsx; in Chinese and English at 1366 px and in Chinese at 390 px. Nothing may be wider than the window.
// Screenshots: pay-*.png. Usage: node src/test/e2e/pay-console.mjs <baseUrl> [outputDir]   (run by PayConsoleBrowserTest)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, login, outputDir, screenshot } from './tasklist.mjs';
import { fits } from './pages.mjs';

/** PayConsoleBrowserTest's month, unit and cycle. */
const PERIOD = '2003-09';
const UNIT = 'as2';
const CYCLE = 'as2:2003-09:cs-staff-monthly';
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const OURS = /^\/(console|api|reports|css|js|webjars)\//;

await run('pay-console', async ({ page, baseUrl }) => {
  // The refused uploads answer 400; that is what they test.
  const errors = watch(page, [400]);
  const dir = outputDir();
  await login(page, baseUrl, 'zhaomin', 'demo');
  await page.goto(`${baseUrl}/console/`);
  await page.locator('.cards a[href="/console/pay"]').click();
  await page.locator('h1', { hasText: '工资' }).waitFor({ state: 'visible' });

  // Choose the month and the unit.
  await page.locator('#pay-period').fill(PERIOD);
  await page.locator('#pay-unit').selectOption(UNIT);
  await page.locator('#pay-show').click();
  await page.locator('h2', { hasText: `已存数据：${PERIOD}，${UNIT}` }).waitFor({ state: 'visible' });
  const people = await page.locator('#pay-person-inputs tbody tr').count();
  if (people === 0) throw new Error('the preview lists nobody of the unit');
  await fits(page);
  await screenshot(page, 'pay-start-zh');

  // The template, as a download.
  const [template] = await Promise.all([page.waitForEvent('download'), page.locator('#pay-template').click()]);
  const templateFile = join(dir, 'pay-template-download.xlsx');
  await template.saveAs(templateFile);
  const bytes = readFileSync(templateFile);
  if (template.suggestedFilename() !== `pay-inputs_${PERIOD}_${UNIT}.xlsx` || bytes.subarray(0, 2).toString() !== 'PK') {
    throw new Error(`the template download: ${template.suggestedFilename()}, ${bytes.length} bytes`);
  }
  console.log(`template: ${template.suggestedFilename()} (${bytes.length} bytes)`);

  // Unchanged, it has nothing filled in: refused as a whole.
  await upload(page, templateFile);
  await page.locator('#pay-outcome.bad').waitFor({ state: 'visible' });
  const refusal = await page.locator('#pay-outcome').innerText();
  if (!refusal.includes('什么都没有保存')) throw new Error(`the unchanged template: ${refusal}`);
  if (!(await page.locator('#pay-errors tbody tr').first().innerText()).includes('没有填写任何金额')) {
    throw new Error('the unchanged template: the error does not say that nothing is filled in');
  }

  // A filled-in copy with errors: the table names row, column, value and reason; nothing is stored.
  await upload(page, join(dir, 'pay-inputs-bad.xlsx'));
  await page.locator('#pay-outcome.bad').waitFor({ state: 'visible' });
  const rows = (await page.locator('#pay-errors tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
  console.log(`errors: ${rows.length}: ${rows.join(' | ')}`);
  for (const expected of ['-4100', '六万', 'zhangwei', '不能为负数', '不是数字', '不属于单位 as2']) {
    if (!rows.some((r) => r.includes(expected))) throw new Error(`the error table does not name ${expected}: ${rows.join(' | ')}`);
  }
  if (!rows.some((r) => /人员 People 2 岗位工资 Post salary/.test(r))) throw new Error(`no row/column in: ${rows[0]}`);
  const filled = await page.locator('#pay-people-filled').innerText();
  if (!filled.startsWith('0 /')) throw new Error(`after a refused upload the page says ${filled} people are filled in`);
  await fits(page);
  await screenshot(page, 'pay-upload-errors-zh');

  // The good one: stored, and the preview shows it without reloading the page.
  await upload(page, join(dir, 'pay-inputs-good.xlsx'));
  await page.locator('#pay-outcome.ok').waitFor({ state: 'visible' });
  console.log(`stored: ${await page.locator('#pay-outcome').innerText()}`);
  await page.locator('#pay-people-filled', { hasText: `${people} / ${people}` }).waitFor({ state: 'visible' });
  await page.locator('#pay-unit-inputs tbody tr', { hasText: '123456.78' }).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'pay-inputs-zh');

  // Compute the cycle's pay: the page opens its lines.
  const compute = page.locator(`#pay-cycles tr[data-cycle="${CYCLE}"] button.pay-compute`);
  await compute.click();
  await page.locator('#pay-lines tbody tr').first().waitFor({ state: 'visible' });
  const lines = await page.locator('#pay-lines tbody tr').count();
  console.log(`computed: ${lines} people`);
  if (lines !== 4) throw new Error(`expected the pay of 4 calibrated people, the page shows ${lines}`);
  await fits(page);
  await screenshot(page, 'pay-lines-zh');

  // The exports, as downloads.
  for (const [id, name] of [['#pay-export-csv', 'pay.csv'], ['#pay-export-xlsx', 'pay.xlsx']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    const file = join(dir, `pay-export-${name}`);
    await download.saveAs(file);
    const content = readFileSync(file);
    console.log(`export: ${download.suggestedFilename()} (${content.length} bytes)`);
    if (name === 'pay.csv') {
      const csv = content.toString('utf8');
      if (!csv.startsWith('\uFEFF') || !csv.includes('应发合计(M3) Monthly pay (M3)') || !csv.includes('zhaolei')) {
        throw new Error(`pay.csv: ${csv.slice(0, 200)}`);
      }
    } else if (content.subarray(0, 2).toString() !== 'PK') {
      throw new Error('pay.xlsx is no workbook');
    }
  }

  // English: the language switch keeps the month, unit and cycle.
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('h2', { hasText: `Pay lines: ${CYCLE}` }).waitFor({ state: 'visible' });
  await page.locator('#pay-lines th', { hasText: 'Monthly pay (M3)' }).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'pay-lines-en');
  await page.goto(`${baseUrl}/console/pay?period=${PERIOD}&unit=${UNIT}`);
  await page.locator('h2', { hasText: `Stored inputs: ${PERIOD}, ${UNIT}` }).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'pay-inputs-en');

  // A phone's width, in Chinese.
  await page.setViewportSize(PHONE);
  await page.goto(`${baseUrl}/console/pay?period=${PERIOD}&unit=${UNIT}&cycle=${encodeURIComponent(CYCLE)}&lang=zh`);
  await page.locator('#pay-lines tbody tr').first().waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'pay-phone-zh');

  if (errors.length) throw new Error(`the pages reported errors: ${errors.join('; ')}`);
}, { locale: 'zh-CN', viewport: WIDE });

/** Chooses the file, uploads it and checks that the progress text showed before the outcome. */
async function upload(page, file) {
  await page.evaluate(() => {
    window.sawProgress = false;
    const progress = document.getElementById('pay-progress');
    new MutationObserver(() => { if (!progress.hidden) window.sawProgress = true; })
      .observe(progress, { attributes: true, attributeFilter: ['hidden'] });
  });
  await page.locator('#pay-file').setInputFiles(file);
  await page.locator('#pay-upload-submit').click();
  await page.locator('#pay-result').waitFor({ state: 'visible' });
  if (!await page.evaluate(() => window.sawProgress)) throw new Error('the progress text was never shown');
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
