// One login: HR logs in to Tasklist, then opens a cycle report and calls our API from the same browser
// without being asked for a password; a modifying call needs the web apps' CSRF token, which our answers
// repeat in the X-XSRF-TOKEN header.
// Usage: node src/test/e2e/report-from-tasklist.mjs <baseUrl> [outputDir]   (run by ReportFromTasklistBrowserTest)

import { run, login, screenshot } from './tasklist.mjs';

/** Written into the tables by ReportFromTasklistBrowserTest before this script runs. */
const CYCLE = 'as1:2012-08:cs-staff-monthly';

await run('report-from-tasklist', async ({ page, baseUrl }) => {
  await login(page, baseUrl, 'zhaomin', 'demo');

  const report = await page.goto(`${baseUrl}/reports/cycles/${CYCLE}`);
  if (report.status() !== 200) {
    throw new Error(`the report answered ${report.status()} instead of 200: ${await report.text()}`);
  }
  await page.locator('h1', { hasText: '考核周期报告' }).waitFor({ state: 'visible' });
  await screenshot(page, 'report-from-tasklist');

  const statuses = await page.evaluate(async () => {
    const me = await fetch('/api/me/notifications', { credentials: 'same-origin' });
    const token = me.headers.get('X-XSRF-TOKEN');
    const validate = (headers) => fetch('/api/schemes/validate', {
      method: 'POST', credentials: 'same-origin', body: '{}',
      headers: { 'Content-Type': 'application/json', ...headers },
    }).then((response) => response.status);
    return { me: me.status, token: Boolean(token), without: await validate({}), with: await validate({ 'X-XSRF-TOKEN': token }) };
  });
  const expected = { me: 200, token: true, without: 403, with: 200 };
  if (JSON.stringify(statuses) !== JSON.stringify(expected)) {
    throw new Error(`API calls from the report page: ${JSON.stringify(statuses)}, expected ${JSON.stringify(expected)}`);
  }
});
