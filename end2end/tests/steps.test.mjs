// The procedure step editor with JavaScript on (add, remove, move, save, reload), and
// what the saved story's page offers a member and a moderator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['sam', 'member'], ['otto', 'moderator']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const description = 'textarea[name$=".description.default]"]';

/// The step descriptions as the form shows them, in order.
async function shown(page) {
  return page.locator(`li.step ${description}`).evaluateAll((els) => els.map((e) => e.value));
}

/// Clicks a button that sends the form for another round and waits until the page has
/// redrawn the form with `count` steps.
async function act(page, name, count) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('li.step').length === n, count);
  await hydrated(page);
}

test('steps keep what was typed when they are added, removed and moved, and save in the order shown', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'sam');

  await page.goto(`${server.base}/stories/new`);
  await hydrated(page);
  await page.fill('#f-title-default', 'Replacing a kettle switch');
  await page.selectOption('#f-type', 'repair');
  await page.fill('#f-thing_category-category', 'kettles');
  await page.locator(`li.step ${description}`).nth(0).fill('A: unplug');
  await act(page, 'Add a step', 2);
  await page.locator(`li.step ${description}`).nth(1).fill('B: open the base');
  await act(page, 'Add a step', 3);
  await page.locator(`li.step ${description}`).nth(2).fill('C: swap the switch');
  assert.deepEqual(await shown(page), ['A: unplug', 'B: open the base', 'C: swap the switch']);

  await act(page, 'Remove step 1', 2);
  assert.deepEqual(await shown(page), ['B: open the base', 'C: swap the switch']);

  // Move the first down, then the last up again: the rows follow their text.
  await page.getByRole('button', { name: 'Move down (step 1)', exact: true }).click();
  await page.waitForFunction(
    (sel) => document.querySelector(`li.step ${sel}`)?.value === 'C: swap the switch',
    description,
  );
  assert.deepEqual(await shown(page), ['C: swap the switch', 'B: open the base']);
  await act(page, 'Add a step', 3);
  await page.locator(`li.step ${description}`).nth(2).fill('D: test it');
  await page.getByRole('button', { name: 'Move up (step 3)', exact: true }).click();
  await page.waitForFunction(
    (sel) => document.querySelectorAll(`li.step ${sel}`)[1]?.value === 'D: test it',
    description,
  );
  const order = ['C: swap the switch', 'D: test it', 'B: open the base'];
  assert.deepEqual(await shown(page), order);

  await hydrated(page);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}\?saved=1$/);
  const story = page.url().replace(/\?saved=1$/, '');
  await page.waitForSelector('ol.procedure > li');
  const saved = await page.locator('ol.procedure > li > p').allTextContents();
  assert.deepEqual(saved.map((s) => s.trim()), order);

  // The edit form, loaded afresh, shows the same order.
  await page.goto(`${story}/edit`);
  await hydrated(page);
  assert.deepEqual(await shown(page), order);

  // A member is not offered Delete; a moderator is, and hides the story from its page.
  await page.goto(story);
  await hydrated(page);
  assert.equal(await page.getByRole('link', { name: 'Delete' }).count(), 0);
  const moderator = await (await browser.newContext({ locale: 'en-US' })).newPage();
  moderator.on('pageerror', (e) => errors.push(String(e)));
  await signIn(moderator, server.base, 'otto');
  await moderator.goto(story);
  await hydrated(moderator);
  assert.equal(await moderator.getByRole('link', { name: 'Delete' }).count(), 1);
  await moderator.locator('details.moderation summary').click();
  await moderator.fill('#hide-reason', 'Duplicate of another story');
  await moderator.getByRole('button', { name: 'Hide from readers' }).click();
  await moderator.waitForSelector('text=The entry is now hidden from readers.');
  // The page now offers to show it again, without a reload.
  await moderator.waitForSelector('button:has-text("Show again")');
  assert.equal(await moderator.locator('#hide-reason').count(), 0);
  await moderator.getByRole('button', { name: 'Show again' }).click();
  await moderator.waitForSelector('details.moderation summary');
  assert.equal(await moderator.getByRole('button', { name: 'Show again' }).count(), 0);

  assert.deepEqual(errors, []);
  await context.close();
});
