// Shared helpers for the browser tests that drive Camunda Tasklist in headless Chromium.
//
// Each browser test is a small script in this folder, started by a JUnit test through
// com.servicereview.e2e.BrowserScript as
//
//   node src/test/e2e/<script>.mjs <baseUrl> <outputDir>
//
// A script looks like:
//
//   import { run, login, openTask, screenshot } from './tasklist.mjs';
//   await run('my-test', async ({ page, baseUrl }) => {
//     await login(page, baseUrl, 'zhangwei', 'demo');
//     await openTask(page, 'Some task');
//     await screenshot(page, 'my-test');
//   });
//
// playwright-core comes from tools/node_modules (installed by `npm ci` in the Maven build), and the
// browser is Debian's Chromium at /usr/bin/chromium (installed by tools/ensure-chromium.sh).

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS_DIR = fileURLToPath(new URL('../../../tools/', import.meta.url));
const { chromium } = createRequire(join(TOOLS_DIR, 'package.json'))('playwright-core');

export const CHROMIUM = '/usr/bin/chromium';

/** How long one step (a navigation, a wait for an element) may take before the test fails. */
export const STEP_TIMEOUT_MS = 30_000;

/** The filter that the demo loader shares with every user (DemoAccessProvisioner.MY_TASKS). */
export const MY_TASKS_FILTER = '我的任务 / My tasks';

/** The base URL of the running application, without a trailing slash: first argument. */
export function baseUrl() {
  const url = process.argv[2] || process.env.E2E_BASE_URL;
  if (!url) {
    throw new Error('usage: node <script>.mjs <baseUrl> [outputDir]  (e.g. http://localhost:8080 target/e2e)');
  }
  return url.replace(/\/+$/, '');
}

/** Where screenshots go: second argument, else target/e2e. */
export function outputDir() {
  return resolve(process.argv[3] || process.env.E2E_OUTPUT_DIR || 'target/e2e');
}

/**
 * Starts headless Chromium with a fresh, empty profile (Playwright creates a new temporary
 * user-data dir for every launch and deletes it on close) and opens one page (see newPage).
 *
 * @returns {Promise<{browser: import('playwright-core').Browser, page: import('playwright-core').Page}>}
 */
export async function launch(options) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, page: await newPage(browser, options) };
}

/**
 * Opens a page in a new browser context: its own cookies (so its own login) and the browser language
 * `locale`, which the web apps follow (Accept-Language, navigator.language).
 */
export async function newPage(browser, { locale = 'en-US', viewport = { width: 1280, height: 800 } } = {}) {
  // English UI texts by default, so that anything matched by text is predictable; data stays as it is.
  const context = await browser.newContext({ locale, viewport });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

/**
 * Opens Tasklist, signs in through its login form and waits until Tasklist is ready: the user's
 * filters and the task list are shown.
 */
export async function login(page, baseUrl, user, password) {
  // Tasklist's Angular app may still re-render the login form after it first shows it: wait until
  // the page is quiet, and check the fields hold what was typed before signing in.
  await page.goto(`${baseUrl}/camunda/app/tasklist/`, { waitUntil: 'networkidle' });

  const form = page.locator('form[name="signinForm"]');
  // On a loaded machine RequireJS may give up on a Tasklist module (7 s) and leave a blank page: load it again.
  for (let attempt = 1; ; attempt++) {
    try {
      await form.waitFor({ state: 'visible', timeout: attempt < 3 ? 20_000 : STEP_TIMEOUT_MS });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`the login form did not show (attempt ${attempt}); loading Tasklist again`);
      await page.reload({ waitUntil: 'networkidle' });
    }
  }
  const username = form.locator('input[ng-model="username"]');
  const passwordField = form.locator('input[ng-model="password"]');
  for (let attempt = 1; ; attempt++) {
    await username.fill(user);
    await passwordField.fill(password);
    if ((await username.inputValue()) === user && (await passwordField.inputValue()) === password) break;
    if (attempt === 5) throw new Error(`the login form did not keep the credentials of ${user}`);
    await page.waitForTimeout(200);
  }
  await form.locator('button[type="submit"]').click();

  // A failed login keeps the form and shows a notification; a successful one replaces the form.
  const failure = page.locator('.notifications .alert-danger, .notifications .alert-error');
  const ready = page.locator('.task-filter h4.name a', { hasText: MY_TASKS_FILTER });
  await Promise.race([
    ready.waitFor({ state: 'visible' }),
    failure.first().waitFor({ state: 'visible' }).then(async () => {
      throw new Error(`login as ${user} failed: ${text(await failure.first().innerText())}`);
    }),
  ]);
  await waitForTaskList(page);
  await expectLoggedInAs(page, user);
}

/**
 * Waits until the task list of the selected filter has loaded: it shows tasks or says there are
 * none. Fails if Tasklist reports that loading failed.
 */
export async function waitForTaskList(page) {
  const list = page.locator('[cam-tasks]');
  const loaded = list.locator('.tasks-list, .well, .alert-danger').filter({ visible: true });
  await loaded.first().waitFor({ state: 'visible' });
  const failure = list.locator('.alert-danger');
  if (await failure.isVisible()) {
    throw new Error(`Tasklist could not load the tasks: ${text(await failure.innerText())}`);
  }
}

async function expectLoggedInAs(page, user) {
  // Tasklist's URL names the process engine: /camunda/app/tasklist/<engine>/ (usually "default").
  const engine = new URL(page.url()).pathname.match(/\/app\/tasklist\/([^/]+)\//)?.[1] ?? 'default';
  const status = await page.evaluate(async (engineName) => {
    const response = await fetch(`/camunda/api/admin/auth/user/${encodeURIComponent(engineName)}`,
      { credentials: 'same-origin' });
    return response.ok ? (await response.json()).userId : `HTTP ${response.status}`;
  }, engine);
  if (status !== user) {
    throw new Error(`expected to be logged in as ${user}, but the session belongs to ${status}`);
  }
}

/** Clicks the task with this name in the task list and waits until its details are shown. */
export async function openTask(page, taskName) {
  const link = page.locator('[cam-tasks] .tasks-list li.task h4.task a').filter({
    hasText: new RegExp(`^\\s*${escapeRegExp(taskName)}\\s*$`),
  });
  await link.first().waitFor({ state: 'visible' });
  await link.first().click();
  await page.locator('.task-card .names h2.task', { hasText: taskName }).waitFor({ state: 'visible' });
}

/** Saves a full-page PNG as <outputDir>/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const dir = outputDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/**
 * Runs one browser test: launches Chromium (options as for newPage), calls steps({page, baseUrl,
 * browser}), closes the browser and exits 0. On any error it saves <name>-failure.png of that first
 * page, prints the error and exits 1.
 */
export async function run(name, steps, options) {
  let browser;
  let page;
  try {
    const url = baseUrl();
    ({ browser, page } = await launch(options));
    page.on('pageerror', (error) => console.log(`[browser page error] ${error.message}`));
    await steps({ page, baseUrl: url, browser });
    console.log(`${name}: OK`);
    await browser.close();
    process.exit(0);
  } catch (error) {
    console.error(`${name}: FAILED: ${error && error.stack ? error.stack : error}`);
    if (page) {
      console.error(`${name}: page was ${page.url()}`);
      await screenshot(page, `${name}-failure`).catch((e) => console.error(`no failure screenshot: ${e.message}`));
    }
    await browser?.close().catch(() => {});
    process.exit(1);
  }
}

/** An element's text on one line, without the × of a close button. */
function text(innerText) {
  return innerText.replace(/×/g, ' ').replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How long a valid form may take to enable Complete (form-js updates fields after a short debounce). */
const ENABLE_TIMEOUT_MS = 5_000;
const SAVE_BEFORE_COMPLETE = process.env.E2E_TASKLIST_SAVE_BEFORE_COMPLETE === '1';

/**
 * Enters a value and leaves the field with Tab, as a person moves on: form-js takes a typed value
 * over after a short debounce, or at once when the field loses focus.
 */
export async function type(field, value) {
  await field.fill(value);
  await field.press('Tab');
}

/** Selects the shared "我的任务 / My tasks" filter and waits for its list. */
export async function showMyTasks(page) {
  await page.locator('.task-filter h4.name a', { hasText: MY_TASKS_FILTER }).click();
  await waitForTaskList(page);
}

/** The opened task's Camunda Form (form-js), once rendered. */
export async function taskForm(page) {
  const form = page.locator('.task-card .fjs-form');
  await form.waitFor({ state: 'visible' });
  return form;
}

export function completeButton(page) {
  return page.locator('.task-card .form-actions button', { hasText: /^\s*Complete\s*$/ });
}

/**
 * Clicks Tasklist's Complete and waits until the task has left the list. Fails with an explanation
 * when Complete stays disabled although the form shows no validation error.
 *
 * Camunda 7.24 Tasklist disables Complete while form-js reports errors, and counts the keys of
 * form-js's error object: fields inside a dynamic list leave empty entries there
 * ({"Number_score": []}), so a form with a dynamic list looks invalid for ever. That is why the
 * forms have fixed slots instead (FormFilesTest forbids dynamic lists).
 */
export async function completeTask(page, taskName, label) {
  const complete = completeButton(page);
  await complete.waitFor({ state: 'visible' });
  if (SAVE_BEFORE_COMPLETE) {
    await saveAndComplete(page, complete);
  } else {
    try {
      await page.waitForFunction((button) => !button.disabled, await complete.elementHandle(),
        { timeout: ENABLE_TIMEOUT_MS });
    } catch (error) {
      await screenshotTask(page, `${label}-complete-disabled`);
      const errors = await page.locator('.task-card .fjs-form-field-error').allInnerTexts();
      throw new Error(`${taskName}: Tasklist's Complete button stayed disabled for ${ENABLE_TIMEOUT_MS / 1000} s `
        + `although every field is filled and the form shows ${errors.length ? `errors: ${errors.join('; ')}` : 'no validation error'}. `
        + 'Camunda 7.24 Tasklist counts every key of form-js\'s error object, even empty entries '
        + '(such as those of dynamic-list fields, {"Number_score": []}); see completeTask in this script. '
        + 'E2E_TASKLIST_SAVE_BEFORE_COMPLETE=1 runs the rest of the test with the Save workaround.');
    }
    await complete.click();
  }

  const link = page.locator('[cam-tasks] .tasks-list li.task h4.task a', { hasText: taskName });
  const failure = page.locator('.notifications .alert-danger, .notifications .alert-error');
  await Promise.race([
    link.waitFor({ state: 'detached' }),
    failure.first().waitFor({ state: 'visible' }).then(async () => {
      throw new Error(`${taskName}: completing failed: ${(await failure.first().innerText()).replace(/\s+/g, ' ')}`);
    }),
  ]);
  await page.locator('.task-card .names h2.task', { hasText: taskName }).waitFor({ state: 'detached' });
  console.log(`completed: ${taskName}`);
}

/**
 * The workaround a user can apply: Save runs form-js's full validation, which replaces the error
 * object with a clean one, so Complete is enabled until a field reports a stale entry again
 * (a late debounced update can do that right after Save): then Save again.
 */
async function saveAndComplete(page, complete) {
  const save = page.locator('.task-card .form-actions button', { hasText: /^\s*Save\s*$/ });
  const [saveButton, completeButton] = [await save.elementHandle(), await complete.elementHandle()];
  let saves = 0;
  for (let attempt = 1; attempt <= 10; attempt++) {
    // Save is enabled while the form has changes that are not saved yet.
    await page.waitForFunction(([s, c]) => !s.disabled || !c.disabled, [saveButton, completeButton],
      { timeout: ENABLE_TIMEOUT_MS });
    const button = await complete.isEnabled() ? complete : save;
    try {
      await button.click({ timeout: 1_000 });
    } catch {
      continue; // disabled again by a late field update
    }
    if (button === complete) {
      console.log(`Complete clicked with the Save workaround, after ${saves} × Save`);
      return;
    }
    saves++;
  }
  throw new Error('Complete did not become clickable even after saving the form 10 times');
}

/**
 * A screenshot of the whole task form. Tasklist scrolls its columns inside a fixed-height page, so a
 * full-page screenshot shows only the first screen: the viewport is made tall enough for the
 * longest scrolled column for the screenshot, then restored.
 */
export async function screenshotTask(page, name) {
  const height = await page.evaluate(() => {
    let needed = document.documentElement.scrollHeight;
    for (const element of document.querySelectorAll('body *')) {
      const overflow = getComputedStyle(element).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight) {
        needed = Math.max(needed, element.getBoundingClientRect().top + element.scrollHeight + 80);
      }
    }
    return Math.ceil(needed);
  });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  try {
    return await screenshot(page, name);
  } finally {
    await page.setViewportSize(viewport);
  }
}
