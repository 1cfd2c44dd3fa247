// Vocabularies in the browser: with JavaScript, an expert accepts a suggested tool as a
// term and maps a suggested material onto a term, and the suggestions list follows;
// a demo guide's step links its tool to the tool's entry through the tool's term; without
// JavaScript, the vocabulary pages list the terms in the reader's language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['erin', 'expert']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an expert accepts and maps suggested terms on the page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.base, 'erin');
  await page.goto(`${server.base}/suggested-terms`);
  await hydrated(page);
  // Each suggestion's "another name for" list names every term: find it by its text.
  const suggested = (text) => page.locator('li.suggestion').filter({ has: page.locator('strong', { hasText: text }) });
  await suggested('Needle-nose pliers').getByRole('button', { name: 'Add as a term' }).click();
  await page.getByText('“Needle-nose pliers” is a term now.').waitFor();
  assert.equal(await suggested('Needle-nose pliers').count(), 0);

  // "steel" becomes another name of the demo's Stainless steel term.
  const steel = suggested(/^steel$/);
  await steel.getByLabel('Another name for').selectOption({ label: 'Stainless steel' });
  await steel.getByRole('button', { name: 'Add as another name' }).click();
  await page.getByText('“steel” is another name of the term now.').waitFor();
  await page.goto(`${server.base}/vocabularies/materials`);
  const row = page.locator('table.terms tr', { hasText: 'Stainless steel' });
  assert.match(await row.textContent(), /INOX steel, steel/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step names its tool by a term that links the tool entry; pages work without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
  const page = await context.newPage();
  // The demo's De'Longhi disassembly guide names "Oval security bit" in a step.
  await page.goto(`${server.base}/guides/01930000-0000-7000-8000-000000000301`);
  const tool = page.locator('a[href="/things/01930000-0000-7000-8000-000000000148"]', { hasText: 'Oval security bit' }).first();
  assert.equal(await tool.getAttribute('title'), 'Ovaler Sicherheitsbit');
  await page.goto(`${server.base}/vocabularies`);
  await page.getByRole('link', { name: 'Werkzeuge' }).click();
  await page.getByRole('heading', { level: 1, name: 'Werkzeuge' }).waitFor();
  // The multimeter term's row links the term and the tool's entry.
  const row = page.locator('table.terms tr', { hasText: 'Digitalmultimeter' });
  await row.locator('a[href^="/terms/"]', { hasText: 'Digitalmultimeter' }).waitFor();
  assert.equal(await row.locator('a[href="/things/01930000-0000-7000-8000-000000000144"]').count(), 1);
  await context.close();
});
