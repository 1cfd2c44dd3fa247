// Repairs in the browser: at a repair café's desk, on a phone, a volunteer records three
// items one after another (the event's details kept between them), and the event's
// impact page shows them; without JavaScript the same form records an item and the
// dashboard draws its charts with their tables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, hydrated, launchBrowser, startServer } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const GROUP = 'Repair Café Browserdorf';
const DAY = '2025-09-13';

let server;
let browser;

before(async () => {
  server = await startServer([['vera', 'member']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// Signs in through the form, as a phone's visitor does, with or without JavaScript.
async function signIn(page, withScript) {
  await page.goto(`${server.base}/login`);
  if (withScript) await hydrated(page);
  await page.fill('#login-username', 'vera');
  await page.fill('#login-password', PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function recordItem(page, { category, what, outcome }) {
  await page.locator('#f-product_category_id').selectOption({ label: category });
  await page.getByLabel('What it is').fill(what);
  await page.getByRole('radio', { name: outcome }).check();
  await page.getByRole('button', { name: 'Save and record the next' }).click();
  await page.getByText('Saved:').waitFor();
}

test('three repairs recorded at the desk on a phone show on the event\'s dashboard', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, true);
  await page.goto(`${server.base}/repairs/new`);
  await hydrated(page);
  await page.getByLabel('Repair group').fill(GROUP);
  await page.getByLabel('Event date').fill(DAY);
  await page.getByLabel('Country').fill('NLD');
  await recordItem(page, { category: 'Kettle', what: 'Electric kettle', outcome: 'Fixed' });
  // The next form keeps the event.
  assert.equal(await page.getByLabel('Repair group').inputValue(), GROUP);
  assert.equal(await page.getByLabel('Event date').inputValue(), DAY);
  await recordItem(page, { category: 'Toaster', what: 'Toaster', outcome: 'Fixed' });
  await recordItem(page, { category: 'Vacuum', what: 'Hand vacuum', outcome: 'End of life' });

  await page.goto(`${server.base}/impact?group=${encodeURIComponent(GROUP)}&from=${DAY}&to=${DAY}`);
  await hydrated(page);
  const fixed = page.locator('dl.figures div', { hasText: 'Items fixed' }).locator('dd');
  assert.equal((await fixed.textContent()).replace(/\s/g, ''), '2/3');
  const events = page.locator('dl.figures div', { hasText: 'Events' }).locator('dd');
  assert.equal((await events.textContent()).trim(), '1');
  await page.locator('table.data caption', { hasText: 'Success rate by category' }).waitFor();
  assert.ok(await page.locator('svg.chart').count() >= 5);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width} px)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript the desk form records an item and the dashboard draws it', async () => {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, false);
  await page.goto(`${server.base}/repairs/new`);
  await page.getByLabel('Repair group').fill('Repair Café Ohne Skript');
  await page.locator('#f-product_category_id').selectOption({ label: 'Lamp' });
  await page.getByRole('radio', { name: 'Repairable' }).check();
  // A country's name is refused in the form, and what was typed stays.
  await page.getByLabel('Country').fill('Netherlands');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Must be a three-letter ISO country code').first().waitFor();
  assert.equal(await page.getByLabel('Repair group').inputValue(), 'Repair Café Ohne Skript');
  await page.getByLabel('Country').fill('NLD');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Repairable').first().waitFor();
  await page.goto(`${server.base}/impact?group=${encodeURIComponent('Repair Café Ohne Skript')}`);
  const items = page.locator('dl.figures div', { hasText: 'Items fixed' }).locator('dd');
  assert.equal((await items.textContent()).replace(/\s/g, ''), '0/1');
  assert.ok(await page.locator('svg.chart title').count() >= 5);
  await context.close();
});
