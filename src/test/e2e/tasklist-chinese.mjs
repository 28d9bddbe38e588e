// The web apps speak the browser's language: a zh-CN browser sees Tasklist, Cockpit and Admin in
// Chinese (认领, 完成, 发起流程), an en-US browser in English, both with names in Chinese order and
// without Camunda's "migrate to Camunda 8" banner; an employee who opens Cockpit gets our bilingual
// 403 page with a link back to Tasklist.
// Usage: node src/test/e2e/tasklist-chinese.mjs <baseUrl> [outputDir]   (run by TasklistChineseBrowserTest,
// which first starts zhangwei's and huangqiang's reviews of PERIOD)

import { run, login, newPage, openTask, waitForTaskList, screenshot, MY_TASKS_FILTER } from './tasklist.mjs';

/** TasklistChineseBrowserTest.PERIOD */
const PERIOD = '2025-02';
const SELF_REVIEW = `自评 / Self-review — ${PERIOD} — 张伟 Zhang Wei`;
const SUPPLY_DATA = `补录考核数据 / Supply missing KPI data — ${PERIOD} — 黄强 Huang Qiang`;
const GROUP_TASKS_FILTER = '我的组任务 / My group tasks';
/** Wide enough for the three Tasklist columns; the test checks nothing is cut off at this width. */
const VIEWPORT = { width: 1366, height: 800 };

await run('tasklist-chinese', async ({ page, baseUrl, browser }) => {
  // zh-CN: zhangwei, his self-review, then Cockpit, which is not his.
  await login(page, baseUrl, 'zhangwei', 'demo');
  await expectHeader(page, { name: '张伟 Zhang Wei', startProcess: '发起流程', english: 'Start process' });
  await page.getByPlaceholder('筛选任务').waitFor({ state: 'visible' });
  await openTask(page, SELF_REVIEW);
  await page.locator('.task-card .assignee', { hasText: '张伟 Zhang Wei' }).waitFor({ state: 'visible' });
  const complete = formButton(page, '完成');
  await complete.waitFor({ state: 'visible' });
  await formButton(page, '保存').waitFor({ state: 'visible' });
  if (await formButton(page, 'Complete').count() > 0) throw new Error('a zh-CN browser sees "Complete"');
  await screenshot(page, 'tasklist-zh-self-review');
  // The form scrolls inside its column: bring the buttons to the middle, clear of the footer.
  await complete.evaluate((button) => button.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'tasklist-zh-complete');
  await expectInViewport(page, complete);

  const forbidden = await page.goto(`${baseUrl}/camunda/app/cockpit/`);
  if (forbidden.status() !== 403) throw new Error(`Cockpit answered zhangwei with ${forbidden.status()}, expected 403`);
  await page.locator('h1', { hasText: '您没有使用 Cockpit 的权限' }).waitFor({ state: 'visible' });
  await page.locator('h2', { hasText: 'You do not have access to Cockpit' }).waitFor({ state: 'visible' });
  await page.getByText('仅供人力资源部（HR）和部门经理使用').waitFor({ state: 'visible' });
  if (await page.getByText('Whitelabel Error Page').count() > 0) throw new Error('Spring\'s Whitelabel page is shown');
  await screenshot(page, 'cockpit-forbidden');
  await page.getByRole('link', { name: '打开 Tasklist / Open Tasklist' }).click();
  await page.locator('.task-filter h4.name a', { hasText: MY_TASKS_FILTER }).waitFor({ state: 'visible' });
  await waitForTaskList(page);

  // zh-CN: HR finds huangqiang's data task under the group filter, reads why, and claims it (认领).
  const hr = await newPage(browser, { locale: 'zh-CN', viewport: VIEWPORT });
  await login(hr, baseUrl, 'zhaomin', 'demo');
  await hr.locator('.task-filter h4.name a', { hasText: GROUP_TASKS_FILTER }).click();
  await waitForTaskList(hr);
  await openTask(hr, SUPPLY_DATA);
  const claim = hr.locator('.task-card button.claim');
  await expectText(claim, '认领');
  await hr.locator('.task-card').getByText('说明', { exact: true }).click();
  await hr.locator('.task-card', { hasText: '请在“我的组任务 / My group tasks”中认领' }).waitFor({ state: 'visible' });
  await screenshot(hr, 'tasklist-zh-group-task');
  await claim.click();
  await hr.locator('.task-card .assignee', { hasText: '赵敏 Zhao Min' }).waitFor({ state: 'visible' });
  await screenshot(hr, 'tasklist-zh-claimed');

  // A value only the server can refuse (150 for a percentage): the reason reaches HR in both languages.
  await hr.locator('.task-card').getByText('表单', { exact: true }).click();
  const dataForm = hr.locator('.task-card .fjs-form');
  await dataForm.locator('input[id$="-Number_value1"]').fill('150');
  await dataForm.getByLabel(/数据来源|data source/i).fill('回访系统导出 / revisit system export');
  await dataForm.getByLabel(/数据来源|data source/i).press('Tab');
  await formButton(hr, '完成').click();
  const notice = hr.locator('.notifications .alert');
  await notice.first().waitFor({ state: 'visible' });
  const shown = (await notice.first().innerText()).replace(/\s+/g, ' ');
  console.log(`server refusal shown: ${shown}`);
  if (!shown.includes('超出允许范围') || !shown.includes('must be at most 100')) {
    throw new Error(`the server's reason does not reach HR in both languages: ${shown}`);
  }
  await screenshot(hr, 'tasklist-zh-refused');
  // The message leaves Complete free, so HR can correct the value and send again.
  await formButton(hr, '完成').click({ trial: true, timeout: 5_000 });

  await hr.goto(`${baseUrl}/camunda/app/cockpit/`);
  await hr.getByText('运行中的流程实例').waitFor({ state: 'visible' });
  await hr.locator('[cam-widget-header] a', { hasText: /^\s*流程\s*$/ }).waitFor({ state: 'visible' });
  await expectNoBanner(hr);
  await hr.waitForLoadState('networkidle');
  await screenshot(hr, 'cockpit-zh-dashboard');

  const admin = await newPage(browser, { locale: 'zh-CN', viewport: VIEWPORT });
  await login(admin, baseUrl, 'admin', 'demo');
  await admin.goto(`${baseUrl}/camunda/app/admin/default/#/users`);
  await admin.getByText('用户列表', { exact: true }).first().waitFor({ state: 'visible' });
  await admin.locator('td').first().waitFor({ state: 'visible' });
  await expectNoBanner(admin);
  await screenshot(admin, 'admin-zh-users');
  // Other tests import whole organisations into the shared database, so the list's first page need not hold
  // zhangwei: his profile shows his names in their order (Chinese as first name, "Zhang Wei" as last name).
  await admin.goto(`${baseUrl}/camunda/app/admin/default/#/users/zhangwei?tab=profile`);
  await admin.waitForFunction(() => [...document.querySelectorAll('input')].some((input) => input.value === 'Zhang Wei'));
  await admin.waitForFunction(() => [...document.querySelectorAll('input')].some((input) => input.value === '张伟'));

  // en-US: the same task in English, the name still in Chinese order.
  const english = await newPage(browser, { locale: 'en-US', viewport: VIEWPORT });
  await login(english, baseUrl, 'zhangwei', 'demo');
  await expectHeader(english, { name: '张伟 Zhang Wei', startProcess: 'Start process', english: null });
  await openTask(english, SELF_REVIEW);
  await formButton(english, 'Complete').waitFor({ state: 'visible' });
  if (await formButton(english, '完成').count() > 0) throw new Error('an en-US browser sees "完成"');
  await screenshot(english, 'tasklist-en-self-review');
}, { locale: 'zh-CN', viewport: VIEWPORT });

/** A button of Tasklist's task form (Complete, Save) with exactly this label. */
function formButton(page, label) {
  return page.locator('.task-card .form-actions button', { hasText: new RegExp(`^\\s*${label}\\s*$`) });
}

/** Header: the user's name, the Start process action in the page's language, no Camunda 8 banner. */
async function expectHeader(page, { name, startProcess, english }) {
  const header = page.locator('[cam-widget-header]');
  await header.getByText(name, { exact: true }).first().waitFor({ state: 'visible' });
  await header.getByText(startProcess, { exact: true }).waitFor({ state: 'visible' });
  if (english && await header.getByText(english, { exact: true }).count() > 0) {
    throw new Error(`the header shows "${english}" to a zh-CN browser`);
  }
  await expectNoBanner(page);
}

async function expectNoBanner(page) {
  // Camunda still renders the banner's element; our user-styles.css hides it.
  if (await page.locator('.ce-eol-banner').filter({ visible: true }).count() > 0
      || await page.getByText('It is time to migrate to Camunda 8').filter({ visible: true }).count() > 0) {
    throw new Error('the "migrate to Camunda 8" banner is visible');
  }
}

async function expectText(locator, expected) {
  await locator.waitFor({ state: 'visible' });
  const actual = (await locator.innerText()).trim();
  if (actual !== expected) throw new Error(`expected "${expected}", found "${actual}"`);
}

/** Nothing cut off: the element lies wholly inside the window's width. */
async function expectInViewport(page, locator) {
  const box = await locator.boundingBox();
  const width = page.viewportSize().width;
  if (!box || box.x < 0 || box.x + box.width > width) {
    throw new Error(`the button lies outside the ${width} px window: ${JSON.stringify(box)}`);
  }
}
