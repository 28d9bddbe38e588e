// A demo employee logs in to Camunda Tasklist and sees the shared "My tasks" filter.
// Usage: node src/test/e2e/tasklist-login.mjs <baseUrl> [outputDir]   (run by TasklistLoginBrowserTest)

import { run, login, screenshot } from './tasklist.mjs';

await run('tasklist-login', async ({ page, baseUrl }) => {
  await login(page, baseUrl, 'zhangwei', 'demo');
  await screenshot(page, 'tasklist-login');
});
