// The category taxonomy in the browser: from the tree to a category, to a thing filed
// there and its graph; searching within a category, where the category facet opens its
// subcategories; then, without JavaScript, an expert files the demo's old
// "electronics" category under the taxonomy and the tree counts it; with JavaScript, an
// expert splits Coffee Maker and what moved is filed under the new subcategory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

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

test('the tree leads to a category, a thing filed there, and its graph', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}/categories`);
  await hydrated(page);
  const household = page.locator('ul.category-tree').getByRole('link', { name: 'Household appliances', exact: true });
  await household.scrollIntoViewIfNeeded();
  await household.click();
  await page.waitForURL(/\/categories\/[0-9a-f-]+$/);
  await page.getByRole('heading', { level: 1, name: 'Household appliances' }).waitFor();
  const thing = page.locator('section.filed ul.entity-list a[href^="/things/"]').first();
  const href = await thing.getAttribute('href');
  await thing.scrollIntoViewIfNeeded();
  await thing.click();
  await page.waitForURL((url) => url.pathname === href);
  // Filed under a category at or below the one the visit came from (the demo files its
  // appliances under subcategories such as Coffee Maker or Kettle).
  await page.locator('.filed-under a[href^="/categories/"]').first().waitFor();
  await page.locator('#graph svg.graph-drawing a.node.start').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a search within a category shows it chosen, with its subcategories below it', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/categories`);
  const household = await page.locator('ul.category-tree').getByRole('link', { name: 'Household appliances', exact: true }).getAttribute('href');
  await page.goto(`${server.base}${household}`);
  await page.getByRole('searchbox', { name: 'Search in this category' }).fill('');
  await page.getByRole('search').filter({ has: page.getByRole('searchbox', { name: 'Search in this category' }) })
    .getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/search\?category=/);
  const facet = page.locator('section.facet', { has: page.getByRole('heading', { name: 'Category' }) });
  const chosen = facet.locator('a[aria-current="true"]');
  assert.match(await chosen.textContent(), /Household appliances/);
  const below = facet.locator('li[style*="padding-inline-start"] a');
  assert.ok(await below.count() > 0, 'subcategories are listed below the chosen category');
  assert.ok(await page.locator('ol.hits li').count() > 0);
  await context.close();
});

test('without JavaScript an expert files an old category and the tree counts it', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.fill('#login-username', 'erin');
  await page.fill('#login-password', PASSWORD);
  await page.locator('form.entity-form button[type=submit]').click();
  await page.waitForSelector('a[href="/account"]');

  await page.goto(`${server.base}/categories/unfiled`);
  const row = page.locator('table.unfiled tr', { has: page.locator('q', { hasText: /^electronics$/ }) }).first();
  await row.locator('select[name=category]').selectOption({ label: '– Laptop' });
  await row.getByRole('button', { name: 'File', exact: true }).click();
  await page.waitForURL(/filed=[1-9]/);
  await page.getByRole('status').filter({ hasText: 'filed' }).waitFor();

  await page.goto(`${server.base}/categories`);
  const laptop = page.locator('ul.category-tree li', { has: page.getByRole('link', { name: 'Laptop', exact: true }) }).first();
  const count = await laptop.locator('.count').first().textContent();
  assert.match(count, /^[1-9]\d* entr/, count);
  await context.close();
});

test('an expert splits a category and what moved is filed below it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.base, 'erin');
  await page.goto(`${server.base}/categories`);
  const coffee = await page.locator('ul.category-tree').getByRole('link', { name: 'Coffee Maker', exact: true }).first().getAttribute('href');
  await page.goto(`${server.base}${coffee}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Split this category' }).click();
  await page.waitForURL((url) => url.pathname === `${coffee}/split`);
  await hydrated(page);
  await page.getByLabel('New category 1', { exact: true }).fill('Espresso machines');
  const row = page.locator('table.split tbody tr').first();
  const moved = (await row.locator('a').textContent()).trim();
  await row.locator('select').selectOption('1');
  await page.getByRole('button', { name: 'Split', exact: true }).click();
  await page.waitForURL(/\?split=1$/);
  await page.getByRole('status').filter({ hasText: 'Split: 1 new categories' }).waitFor();
  await page.getByRole('link', { name: 'Espresso machines' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Espresso machines' }).waitFor();
  await page.locator('section.filed ul.entity-list a', { hasText: moved }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
