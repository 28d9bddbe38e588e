// The indirect supervisor sends a review back in Tasklist with a reason; the supervisor's
// re-evaluation form then says why it is there and shows that reason (issue: the reason was lost and
// the form claimed a grade gap instead).
//
// Usage: node src/test/e2e/send-back-reason.mjs <baseUrl> [outputDir]
// Run by SendBackReasonBrowserTest, which prepares wangfang's review for 2015-03 up to the indirect
// review (self, group and supervisor ratings given). Keep REASON in step with that test.
//
// Screenshots: indirect-review-send-back.png, supervisor-reevaluation-reason.png.

import { run, newPage, login, openTask, showMyTasks, taskForm, type, completeTask, screenshotTask } from './tasklist.mjs';

const PERIOD = '2015-03';
const EMPLOYEE = '王芳 Wang Fang';
const INDIRECT_TASK = `间接主管审核 / Approve result as indirect supervisor — ${PERIOD} — ${EMPLOYEE}`;
const REEVALUATION_TASK = `主管重新评估 / Re-evaluate as supervisor — ${PERIOD} — ${EMPLOYEE}`;
const REASON = '请核对本月抽查记录 / please check this month\'s spot checks';

await run('send-back-reason', async ({ page, baseUrl, browser }) => {
  // 1. wangjianguo sends the result back with a reason.
  await login(page, baseUrl, 'wangjianguo', 'demo');
  await showMyTasks(page);
  await openTask(page, INDIRECT_TASK);
  const indirect = await taskForm(page);
  await indirect.getByLabel('退回主管 / Send back to supervisor').check();
  await type(indirect.getByLabel(/退回理由 \/ Reason for sending back/), REASON);
  await screenshotTask(page, 'indirect-review-send-back');
  await completeTask(page, INDIRECT_TASK, 'indirect-review');

  // 2. lina's re-evaluation says it was sent back, by whom, and why.
  const supervisor = await newPage(browser);
  await login(supervisor, baseUrl, 'lina', 'demo');
  await showMyTasks(supervisor);
  await openTask(supervisor, REEVALUATION_TASK);
  const form = await taskForm(supervisor);
  const why = form.locator('.fjs-form-field-text', { hasText: '复评 / Re-evaluation' });
  await why.filter({ hasText: REASON }).waitFor({ state: 'visible' });
  const shown = (await why.innerText()).replace(/\s+/g, ' ');
  if (!shown.includes('王建国 Wang Jianguo') || !shown.includes('Sent back')) {
    throw new Error(`the re-evaluation does not say who sent it back: ${shown}`);
  }
  if (shown.includes('differ in grade')) throw new Error(`the re-evaluation claims a grade gap: ${shown}`);
  console.log(`re-evaluation says: ${shown}`);
  await screenshotTask(supervisor, 'supervisor-reevaluation-reason');
});
