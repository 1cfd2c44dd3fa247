// The pickers with JavaScript on: matches appear as one types a name, only of the
// kind chosen beside the picker, and the choice is shown by name and saved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['sam', 'member']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// The name and id of the first entry a list page shows.
async function firstOf(page, list) {
  await page.goto(`${server.base}/${list}`);
  const link = page.locator('ul.entity-list a').first();
  return { name: (await link.textContent()).trim(), id: (await link.getAttribute('href')).split('/').pop() };
}

test('a story names its thing through the picker, by typing part of its name', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'sam');
  const thing = await firstOf(page, 'things');
  const typed = thing.name.split(/\s+/).sort((a, b) => b.length - a.length)[0];

  await page.goto(`${server.base}/stories/new`);
  await hydrated(page);
  await page.fill('#f-title-default', 'Fixing it again');
  await page.selectOption('#f-type', 'repair');
  await page.locator('li.step textarea[name$=".description.default]"]').first().fill('Open it');
  await page.locator('#f-thing_id-find').pressSequentially(typed, { delay: 30 });
  const choice = page.getByRole('button', { name: `Choose ${thing.name}`, exact: true });
  await choice.waitFor();
  await choice.click();
  await page.waitForSelector('.picker .chosen');
  await hydrated(page);
  assert.match(await page.textContent('.picker .chosen'), new RegExp(thing.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.inputValue('#f-title-default'), 'Fixing it again', 'the rest of the form is kept');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}\?saved=1$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  const saved = await (await fetch(`${server.base}/api/v1/stories/${id}`)).json();
  assert.equal(saved.thing_id, thing.id);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a relationship's picker offers only the kind chosen beside it", async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, server.base, 'sam');
  const story = await firstOf(page, 'stories');
  const word = story.name.split(/\s+/).sort((a, b) => b.length - a.length)[0];

  await page.goto(`${server.base}/relationships/new`);
  await hydrated(page);
  await page.selectOption('#f-source_type', 'thing');
  await page.locator('#f-source_id-find').pressSequentially(word, { delay: 30 });
  await page.waitForTimeout(1500);
  assert.equal(await page.getByRole('button', { name: `Choose ${story.name}`, exact: true }).count(), 0, 'no stories among things');

  await page.selectOption('#f-source_type', 'story');
  const choice = page.getByRole('button', { name: `Choose ${story.name}`, exact: true });
  await choice.waitFor();
  await choice.click();
  await page.waitForSelector('.picker .chosen');
  assert.match(await page.textContent('.picker .chosen'), /Chosen:/);
  await context.close();
});
