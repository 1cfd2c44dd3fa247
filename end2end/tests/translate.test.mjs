// Translating with JavaScript on: an admin adds French as a content language, a
// translator opens the French queue, translates a step side by side, and the story
// page then shows that step in French with no mark.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['ada', 'admin'], ['tina', 'member']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a translator translates a step from the French queue and the story shows it as current', async () => {
  const admin = await browser.newContext({ locale: 'en-US' });
  const adminPage = await admin.newPage();
  await signIn(adminPage, server.base, 'ada');
  await adminPage.goto(`${server.base}/admin/settings`);
  await hydrated(adminPage);
  await adminPage.fill('#settings-languages', 'en, de, fr');
  await adminPage.getByRole('button', { name: 'Save', exact: true }).click();
  await adminPage.waitForSelector('.notice.success');
  await admin.close();

  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'tina');
  // The queue fills in the background after the languages change.
  let rows = 0;
  for (let n = 0; n < 50 && rows === 0; n++) {
    await page.goto(`${server.base}/translations?lang=fr&kind=story`);
    rows = await page.locator('table.queue tbody tr').count();
    if (rows === 0) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(rows > 0, 'the French queue lists stories');
  assert.equal(await page.locator('h1').textContent(), 'File de traduction');

  // The first story with a step still missing in French.
  const links = await page.locator('table.queue tbody tr').evaluateAll((trs) =>
    trs.filter((tr) => /Étape \d+ › Description/.test(tr.cells[1].textContent))
      .map((tr) => tr.querySelector('a').getAttribute('href')));
  assert.ok(links.length > 0, 'a story misses a step in French');
  await page.goto(`${server.base}${links[0]}`);
  await hydrated(page);
  const row = page.locator('section.sheet-row.state-missing')
    .filter({ has: page.locator('h2', { hasText: /Étape \d+ › Description/ }) }).first();
  const original = (await row.locator('.original p[lang]').textContent()).trim();
  const area = row.locator('textarea');
  const field = await area.getAttribute('name');
  const path = field.replace(/^f\[t\./, '').replace(/\]$/, '');
  await area.fill('Dévissez le capot avec précaution');
  await page.getByRole('button', { name: 'Enregistrer les traductions' }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}\?translated=1&lang=fr$/);
  assert.match(await page.locator('.notice.success').textContent(), /Traduction enregistrée/);

  // The step now reads in French, marked neither untranslated nor outdated.
  const step = page.locator('ol.procedure > li', { hasText: 'Dévissez le capot avec précaution' });
  assert.equal(await step.count(), 1);
  assert.equal(await step.locator(':scope > p').first().locator('.fallback, .outdated').count(), 0);
  assert.equal(await step.getByText(original).count(), 0, 'the original is not shown');
  const id = new URL(page.url()).pathname.split('/')[2];
  const entity = await (await fetch(`${server.base}/api/v1/stories/${id}`)).json();
  assert.equal(entity.translation_states[path].fr, 'current');
  assert.deepEqual(errors, []);
  await context.close();
});
