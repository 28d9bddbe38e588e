// HR opens the report of a cycle with data (CycleReportBrowserTest writes it) at 1366 px, in Chinese and then in
// English (the language switch, remembered on the next visit): the ECharts canvases are drawn and nothing is
// cut off, on screen and as printed. Screenshots: cycle-report-zh.png, cycle-report-en.png, cycle-report-print.png.
// Usage: node src/test/e2e/cycle-report.mjs <baseUrl> [outputDir]   (run by CycleReportBrowserTest)
// The report pages take HTTP Basic credentials (docs/cycle-report.md): the demo HR user's.

import { run, screenshot } from './tasklist.mjs';

/** CycleReportBrowserTest.CYCLE. */
const CYCLE = 'as2:2017-03:cs-staff-monthly';
const AUTHORIZATION = `Basic ${Buffer.from('zhaomin:demo').toString('base64')}`;

await run('cycle-report', async ({ page, baseUrl }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  await page.setExtraHTTPHeaders({ Authorization: AUTHORIZATION });

  const url = `${baseUrl}/reports/cycles/${CYCLE}`;
  await page.goto(url);
  await expectReport(page, 'zh-CN', '考核周期报告', '等级分布');
  await screenshot(page, 'cycle-report-zh');

  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await expectReport(page, 'en', 'Review cycle report', 'Grade distribution');
  await screenshot(page, 'cycle-report-en');

  // The choice is remembered: the plain address stays English.
  await page.goto(url);
  await expectReport(page, 'en', 'Review cycle report', 'Grade distribution');

  // As printed on A4 landscape (12 mm margins: about 1040 px wide): links hidden, charts within the page.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1040, height: 900 });
  await page.locator('nav.downloads').waitFor({ state: 'hidden' });
  await expectReport(page, 'en', 'Review cycle report', 'Grade distribution');
  await screenshot(page, 'cycle-report-print');

  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
}, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } });

/** The page in this language, both charts drawn, and no element wider than the window. */
async function expectReport(page, lang, heading, distributionHeading) {
  await page.locator('h1', { hasText: heading }).waitFor({ state: 'visible' });
  await page.locator('section.distribution h2', { hasText: distributionHeading }).waitFor({ state: 'visible' });
  const htmlLang = await page.locator('html').getAttribute('lang');
  if (htmlLang !== lang) throw new Error(`expected <html lang="${lang}">, got "${htmlLang}"`);
  for (const id of ['distribution-chart', 'trend-chart']) {
    const canvas = page.locator(`#${id} canvas`);
    await canvas.waitFor({ state: 'visible' });
    const drawn = await canvas.evaluate((c) => {
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0) inked++;
      return { inked, width: c.getBoundingClientRect().width };
    });
    if (drawn.inked < 5000) throw new Error(`#${id}: the canvas is (nearly) empty: ${drawn.inked} pixels drawn`);
    console.log(`${lang} #${id}: ${Math.round(drawn.width)} px wide, ${drawn.inked} pixels drawn`);
  }
  // Anything wider than the window would be cut off (the breakdown table scrolls inside its own box).
  const overflow = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > limit + 1)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`);
    const wrap = document.querySelector('.table-wrap');
    return { wide, scrollWidth: document.documentElement.scrollWidth, limit,
      tableClipped: wrap ? wrap.scrollWidth > wrap.clientWidth : false };
  });
  if (overflow.wide.length || overflow.scrollWidth > overflow.limit) {
    throw new Error(`wider than the ${overflow.limit} px window: ${overflow.wide.slice(0, 5).join(', ')} (page ${overflow.scrollWidth} px)`);
  }
  if (overflow.tableClipped) throw new Error(`the breakdown table does not fit: it scrolls at ${overflow.limit} px`);
}
