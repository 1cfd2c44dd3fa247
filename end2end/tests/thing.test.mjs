import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['mia', 'member']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('create a thing in the form with JavaScript on, view it, switch to German and edit it', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await signIn(page, server.base, 'mia');
  await page.goto(`${server.base}/things/new`);
  await hydrated(page);
  await page.selectOption('#f-type', 'device');
  await page.fill('#f-name-default', 'Espresso machine');

  // The translations editor adds a row, keeping what was typed.
  await page.getByRole('button', { name: 'Add a translation of Name' }).click();
  await page.waitForSelector('#f-name-tr-0-lang');
  await hydrated(page);
  assert.equal(await page.inputValue('#f-name-default'), 'Espresso machine');
  await page.fill('#f-name-tr-0-lang', 'de');
  await page.fill('#f-name-tr-0-text', 'Espressomaschine');
  await page.fill('#f-manufacturer-name', 'Gaggia');

  // Invalid input first: the problem shows inline and nothing is lost.
  await page.fill('#f-manufacturer-website', 'not a url');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('.problem-summary');
  assert.match(await page.textContent('#f-manufacturer-website-problems'), /http/);
  assert.equal(await page.inputValue('#f-name-tr-0-text'), 'Espressomaschine');

  await hydrated(page);
  await page.fill('#f-manufacturer-website', 'https://www.gaggia.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/things\/[0-9a-f-]{36}\?saved=1$/);
  await page.waitForSelector('text=Saved.');
  assert.equal((await page.textContent('h1')).trim(), 'Espresso machine');
  assert.match(await page.textContent('main'), /Gaggia/);

  // Switch the interface to German with the chooser.
  await page.selectOption('#lang-select', 'de');
  await page.getByRole('button', { name: 'Change' }).click();
  await page.waitForSelector('html[lang="de"]');
  assert.equal((await page.textContent('h1')).trim(), 'Espressomaschine');
  assert.match(await page.textContent('header'), /Beziehungen/);

  // Edit in German.
  await hydrated(page);
  await page.getByRole('link', { name: 'Bearbeiten' }).click();
  await page.waitForSelector('#f-name-default');
  await hydrated(page);
  await page.fill('#f-name-tr-0-text', 'Siebträgermaschine');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.waitForURL(/\?saved=1$/);
  await page.waitForSelector('text=Gespeichert');
  assert.equal((await page.textContent('h1')).trim(), 'Siebträgermaschine');
  assert.match(await page.textContent('main'), /Gespeichert/);

  assert.deepEqual(errors, []);
  await context.close();
});
