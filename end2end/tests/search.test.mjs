import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['root', 'admin']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('search from the header, then narrow by a facet', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'root');

  // The pages' own scripts may use the API with the session cookie.
  for (const thing of [
    { type: 'component', name: { default: 'Espresso machine pump' }, description: { default: 'A vibratory pump for espresso.' }, manufacturer: { name: 'Ulka' } },
    { type: 'device', name: { default: 'Garden pump' }, description: { default: 'Submersible pump for rain barrels.' }, manufacturer: { name: 'Gardena' } },
    { type: 'device', name: { default: 'Electric kettle' }, manufacturer: { name: 'Philips' } },
  ]) {
    const r = await context.request.post(`${server.base}/api/v1/things`, {
      data: thing,
      headers: { origin: server.base },
    });
    assert.equal(r.status(), 201, await r.text());
  }
  for (let i = 0; i < 50; i++) {
    const r = await context.request.get(`${server.base}/api/v1/search?q=pump`);
    if ((await r.json()).total === 2) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }

  await page.goto(`${server.base}/`);
  await hydrated(page);
  await page.fill('#site-search-q', 'pumps');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/\/search\?q=pumps$/);
  await page.waitForSelector('.hits li');
  const titles = async () => (await page.locator('.hits li a').allTextContents()).sort();
  assert.deepEqual(await titles(), ['Espresso machine pump', 'Garden pump']);
  assert.match(await page.textContent('.results .count'), /2 results/);
  assert.equal(await page.locator('.hits mark').first().textContent(), 'pump');

  // A facet narrows the results and can be taken away again.
  await hydrated(page);
  await page.locator('.facets a[data-facet="thing_type"][data-value="device"]').click();
  await page.waitForURL(/thing_type=device/);
  await page.waitForFunction(() => document.querySelectorAll('.hits li').length === 1);
  assert.deepEqual(await titles(), ['Garden pump']);
  const selected = page.locator('.facets a[data-facet="thing_type"][data-value="device"]');
  assert.equal(await selected.getAttribute('aria-current'), 'true');
  await selected.click();
  await page.waitForFunction(() => document.querySelectorAll('.hits li').length === 2);

  // Suggestions complete what is typed on the search page.
  await hydrated(page);
  await page.locator('#search-q').fill('');
  await page.locator('#search-q').pressSequentially('garde');
  await page.waitForSelector('#search-suggestions option[value="Garden pump"]', { state: 'attached' });

  // Bad syntax is explained, not failed.
  await page.goto(`${server.base}/search?q=%22pump`);
  await page.waitForSelector('text=A quotation mark is not closed.');
  assert.deepEqual(errors, []);
  await context.close();
});
