// The console's organisation page in a browser (OrgConsoleBrowserTest): HR logs in to Tasklist, opens the console's
// organisation page, uploads CSV files with errors (progress, then the error table, nothing applied), then good files
// for a department of this run's own ids (the dry run lists the added units and people), applies them (the new
// department is in the tree), uploads a changed file in English (a team renamed, a person moved, one leaving: changed
// fields old → new), applies it and finds a person by pinyin name, then by id at a phone's width. A supervisor sees
// their team read-only, an employee the 403 page. Nothing may be wider than the window.
// Screenshots: org-*.png. Prints "org unit: <id>" for the test to check the database.
// Usage: node src/test/e2e/org-console.mjs <baseUrl> [outputDir]

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, login, newPage, screenshot } from './tasklist.mjs';
import { fits } from './pages.mjs';

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const OURS = /^\/(console|api|reports|css|js|webjars)\//;

const p = `oe${Date.now().toString(36)}`;
const ids = {
  dept: `${p}-d`, t1: `${p}-t1`, t2: `${p}-t2`,
  head: `${p}h`, s1: `${p}s1`, s2: `${p}s2`, a1: `${p}a1`, a2: `${p}a2`, a3: `${p}a3`,
};
const UNITS = 'unit_id,name_zh,name_en,kind,parent_id,head_id\n';
const PEOPLE = 'employee_id,name_zh,name_en,unit_id,job_title,role,supervisor_id,email,active_from,active_to\n';

function units(t1Zh, t1En) {
  return UNITS
    + `${ids.dept},质检部${p},Quality Department ${p},department,,${ids.head}\n`
    + `${ids.t1},${t1Zh},${t1En},team,${ids.dept},${ids.s1}\n`
    + `${ids.t2},质检二组,Quality Team 2,team,${ids.dept},${ids.s2}\n`;
}

function person(id, zh, en, unit, role, supervisor, activeFrom = '2021-03-01') {
  return `${id},${zh},${en},${unit},质检专员,${role},${supervisor},${id}@example.com,${activeFrom},\n`;
}

await run('org-console', async ({ page, baseUrl, browser }) => {
  const errors = watch(page);
  const files = mkdtempSync(join(tmpdir(), 'org-console-'));
  const file = (name, content) => {
    const path = join(files, name);
    writeFileSync(path, content);
    return path;
  };
  console.log(`org unit: ${ids.dept}`);

  await signIn(page, baseUrl, 'zhaomin');
  await page.goto(`${baseUrl}/console/`);
  await page.locator('.cards a[href="/console/org"]').click();
  await page.locator('h1', { hasText: '组织架构' }).waitFor({ state: 'visible' });
  await page.locator('details[data-unit="hq"][open] > summary', { hasText: '总公司' }).waitFor({ state: 'visible' });

  // Errors: an unknown supervisor and a date that is none; the table names file, row, column and value.
  const goodPeople = PEOPLE
    + person(ids.head, '秦部长', 'Qin Buzhang', ids.dept, 'department-head', '')
    + person(ids.s1, '孙主管', 'Sun Zhuguan', ids.t1, 'supervisor', ids.head)
    + person(ids.s2, '沈主管', 'Shen Zhuguan', ids.t2, 'supervisor', ids.head)
    + person(ids.a1, '邱一', 'Qiu Yi', ids.t1, 'employee', ids.s1)
    + person(ids.a2, '邱二', 'Qiu Er', ids.t1, 'employee', ids.s1)
    + person(ids.a3, '邱三', 'Qiu San', ids.t2, 'employee', ids.s2);
  const badPeople = goodPeople
    .replace(`,employee,${ids.s1},${ids.a2}@`, `,employee,nobody${p},${ids.a2}@`)
    .replace(`${ids.a3}@example.com,2021-03-01`, `${ids.a3}@example.com,2021-02-30`);
  await check(page, { 'org-units': file('units.csv', units('质检一组', 'Quality Team 1')), 'org-people': file('people-bad.csv', badPeople) });
  await page.locator('#org-outcome.bad').waitFor({ state: 'visible' });
  const errorRows = await page.locator('#org-errors tbody tr').allInnerTexts();
  console.log(`errors: ${errorRows.length}: ${errorRows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
  if (!errorRows.some((r) => r.includes(`nobody${p}`) && r.includes('people-bad.csv') && r.includes('supervisor_id'))
      || !errorRows.some((r) => r.includes('2021-02-30'))) {
    throw new Error(`the error table does not name the bad values: ${errorRows.join(' | ')}`);
  }
  if (await page.locator('#org-apply').isVisible()) throw new Error('"apply" is offered for a file with errors');
  if (await page.locator(`details[data-unit="${ids.dept}"]`).count()) throw new Error('a refused file changed the tree');
  await fits(page);
  await screenshot(page, 'org-errors-zh');

  // A good file: the dry run lists what would be added, then "apply" writes it and the tree shows it.
  const reviewers = file('reviewers.csv', `unit_id,reviewer_id\n${ids.t1},${ids.s2}\n${ids.t2},${ids.s1}\n`);
  await check(page, {
    'org-units': file('units.csv', units('质检一组', 'Quality Team 1')),
    'org-people': file('people.csv', goodPeople),
    'org-reviewers': reviewers,
  });
  await page.locator('#org-outcome.ok').waitFor({ state: 'visible' });
  await rowsWith(page, '#diff-units-added', [ids.dept, ids.t1, ids.t2]);
  await rowsWith(page, '#diff-people-added', [ids.head, ids.a1, ids.a3]);
  await rowsWith(page, '#diff-reviewers-added', [ids.t1]);
  if ((await page.locator('#org-count-peopleAdded').innerText()) !== '6') throw new Error('the dry run does not count 6 people added');
  if (await page.locator(`details[data-unit="${ids.dept}"]`).count()) throw new Error('the dry run changed the tree');
  await fits(page);
  await screenshot(page, 'org-dry-run-zh');

  await apply(page);
  const dept = page.locator(`details[data-unit="${ids.dept}"]`);
  await dept.waitFor({ state: 'attached' });
  await dept.locator(':scope > summary').click();
  await dept.locator(`details[data-unit="${ids.t1}"] > summary`).click();
  await dept.locator(`details[data-unit="${ids.t1}"] tr[data-person="${ids.a1}"]`).waitFor({ state: 'visible' });
  const summary = await dept.locator(':scope > summary').innerText();
  if (!summary.includes('秦部长') || !summary.includes('含下级共 6 人')) throw new Error(`the new department's summary: ${summary}`);
  await dept.scrollIntoViewIfNeeded();
  await fits(page);
  await screenshot(page, 'org-applied-zh');

  // In English: a changed file — team 1 renamed, Qiu Er moved to team 2, Qiu San left out (leaves).
  await page.locator('.lang-switch a', { hasText: 'English' }).click();
  await page.locator('h1', { hasText: 'Organisation' }).waitFor({ state: 'visible' });
  const changedPeople = goodPeople
    .replace(`${ids.a2},邱二,Qiu Er,${ids.t1},质检专员,employee,${ids.s1}`, `${ids.a2},邱二,Qiu Er,${ids.t2},质检专员,employee,${ids.s2}`)
    .split('\n').filter((line) => !line.startsWith(`${ids.a3},`)).join('\n');
  await check(page, {
    'org-units': file('units-2.csv', units('质检甲组', 'Quality Team A')),
    'org-people': file('people-2.csv', changedPeople),
    'org-reviewers': reviewers,
  });
  await page.locator('#org-outcome.ok').waitFor({ state: 'visible' });
  await rowsWith(page, '#diff-units-changed', [ids.t1, 'Chinese name', '质检一组', '质检甲组']);
  await rowsWith(page, '#diff-people-changed', [ids.a2, 'Unit', ids.t1, ids.t2]);
  await rowsWith(page, '#diff-people-changed', [ids.a2, 'Supervisor', ids.s1, ids.s2]);
  await rowsWith(page, '#diff-people-leaving', [ids.a3, 'Qiu San']);
  await fits(page);
  await screenshot(page, 'org-changes-en');
  await apply(page);
  await page.locator(`details[data-unit="${ids.t1}"] > summary`, { hasText: 'Quality Team A' }).waitFor({ state: 'attached' });
  await screenshot(page, 'org-applied-en');

  // Find a person by pinyin name: their unit, supervisor, role and a link to their reviews.
  await page.locator('#org-q').fill('qiu yi');
  await page.locator('#org-search button[type="submit"]').click();
  const hit = page.locator(`#org-found tr[data-person="${ids.a1}"]`);
  await hit.waitFor({ state: 'visible' });
  const hitText = await hit.innerText();
  if (!['Quality Team A', 'Sun Zhuguan', 'Employee'].every((t) => hitText.includes(t))) throw new Error(`search hit: ${hitText}`);
  await fits(page);
  await screenshot(page, 'org-search-en');

  await page.locator('.lang-switch a', { hasText: '中文' }).click();
  await page.locator('#org-q').fill('邱一');
  await page.locator('#org-search button[type="submit"]').click();
  await hit.waitFor({ state: 'visible' });
  if (!(await hit.innerText()).includes('质检甲组')) throw new Error(`search hit in Chinese: ${await hit.innerText()}`);
  await fits(page);
  await screenshot(page, 'org-search-zh');
  await hit.locator(`a[href="/console/people/${ids.a1}"]`).click();
  await page.locator('h1', { hasText: '邱一' }).waitFor({ state: 'visible' });

  // A phone's width: the search by id and the department opened.
  await page.setViewportSize(PHONE);
  await page.goto(`${baseUrl}/console/org?q=${ids.a2}`);
  await page.locator(`#org-found tr[data-person="${ids.a2}"]`).waitFor({ state: 'visible' });
  await page.locator(`details[data-unit="${ids.dept}"] > summary`).click();
  await page.locator(`details[data-unit="${ids.t2}"] > summary`).click();
  await page.locator(`details[data-unit="${ids.t2}"] tr[data-person="${ids.a2}"]`).waitFor({ state: 'visible' });
  await fits(page);
  await screenshot(page, 'org-phone-zh');

  // A supervisor: their team only, no import; an employee: 403.
  const supervisor = await newPage(browser, { locale: 'zh-CN', viewport: WIDE });
  const supervisorErrors = watch(supervisor);
  await signIn(supervisor, baseUrl, 'lina');
  await supervisor.goto(`${baseUrl}/console/org`);
  await supervisor.locator('details[data-unit="as1"][open] tr[data-person="zhangwei"]').waitFor({ state: 'visible' });
  if (await supervisor.locator('#org-form, details[data-unit="as2"], details[data-unit="cs"]').count()) {
    throw new Error('a supervisor sees the import or units they do not head');
  }
  await fits(supervisor);
  await screenshot(supervisor, 'org-supervisor-zh');
  const employee = await newPage(browser, { locale: 'zh-CN', viewport: WIDE });
  const employeeErrors = watch(employee, [403]);
  await signIn(employee, baseUrl, 'huangqiang');
  const refused = await employee.goto(`${baseUrl}/console/org`);
  if (refused.status() !== 403) throw new Error(`an employee got ${refused.status()}, expected 403`);
  await employee.locator('h1', { hasText: '无权查看' }).waitFor({ state: 'visible' });

  const all = [...errors, ...supervisorErrors, ...employeeErrors];
  if (all.length) throw new Error(`the pages reported errors: ${all.join('; ')}`);
}, { locale: 'zh-CN', viewport: WIDE });

/**
 * Tasklist's login. On a machine busy with parallel builds Tasklist's RequireJS may give up loading its plugins
 * ("Load timeout for modules") and never show the form: then the page is loaded again, at most three times. A
 * refused login is not retried.
 */
async function signIn(page, baseUrl, user) {
  for (let attempt = 1; ; attempt++) {
    try {
      await login(page, baseUrl, user, 'demo');
      return;
    } catch (error) {
      if (attempt === 3 || !String(error.message).includes('signinForm')) throw error;
      console.log(`Tasklist showed no login form for ${user} (attempt ${attempt}); loading it again`);
    }
  }
}

/** Collects script errors of our pages and failed responses of our own paths, except the statuses expected (a refused file is a 400). */
function watch(page, expected = []) {
  const errors = [];
  // Tasklist's own script errors (a RequireJS timeout on a busy machine) are signIn's business, ours are this test's.
  page.on('pageerror', (error) => {
    if (OURS.test(new URL(page.url()).pathname)) errors.push(error.message);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    const refusedImport = response.status() === 400 && url.pathname === '/api/org/import';
    if (response.status() >= 400 && !refusedImport && !expected.includes(response.status()) && OURS.test(url.pathname)) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}

/** Chooses the files (input id → path; the other inputs emptied), runs the dry run and checks "处理中…" showed. */
async function check(page, chosen) {
  await watchProgress(page);
  for (const id of ['org-file', 'org-units', 'org-people', 'org-reviewers']) {
    await page.locator(`#${id}`).setInputFiles(chosen[id] ? [chosen[id]] : []);
  }
  await page.locator('#org-check').click();
  await page.locator('#org-result').waitFor({ state: 'visible' });
  await progressWasShown(page);
}

async function apply(page) {
  await watchProgress(page);
  await page.locator('#org-apply').click();
  await page.locator('#org-outcome.ok', { hasText: /已应用|Applied/ }).waitFor({ state: 'visible' });
  await progressWasShown(page);
}

async function watchProgress(page) {
  await page.evaluate(() => {
    window.sawProgress = null;
    const progress = document.getElementById('org-progress');
    new MutationObserver(() => { if (!progress.hidden) window.sawProgress = progress.innerText; })
      .observe(progress, { attributes: true, attributeFilter: ['hidden'] });
  });
}

async function progressWasShown(page) {
  const seen = await page.evaluate(() => window.sawProgress);
  if (!seen || !/处理中…|Working…/.test(seen)) throw new Error(`the progress was not shown (${seen})`);
}

/** A row of the table holds all these texts. */
async function rowsWith(page, section, texts) {
  const rows = await page.locator(`${section} tbody tr`).allInnerTexts();
  const all = rows.join('\n');
  const missing = texts.filter((t) => !all.includes(t));
  const oneRow = texts.length <= 1 || rows.some((r) => texts.every((t) => r.includes(t)));
  // A changed record's field is one row (id, field, old, new); added records are one row each.
  if (missing.length || (section.endsWith('-changed') && !oneRow)) {
    throw new Error(`${section} lacks ${missing.join(', ') || texts.join(' / ')}: ${rows.join(' | ')}`);
  }
  console.log(`${section}: ${rows.length} rows, ${texts.join(', ')}`);
}
