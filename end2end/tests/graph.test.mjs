// The knowledge-graph view: on a thing of the demo data, widen the graph to two hops,
// follow a node of the drawing to its entry, then open the same thing in the explorer
// with JavaScript off and open one of its neighbours there; with JavaScript, start the
// explorer from a category and open a neighbour in place.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// The thing with the most relationships in the demo data.
async function wellLinked() {
  const r = await fetch(`${server.base}/api/v1/relationships?limit=500`);
  const counts = new Map();
  for (const rel of (await r.json()).items) {
    if (rel.source_type === 'thing') counts.set(rel.source_id, (counts.get(rel.source_id) ?? 0) + 1);
    if (rel.target_type === 'thing') counts.set(rel.target_id, (counts.get(rel.target_id) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

test('a thing page draws its graph, widens it to two hops, and a node leads to its entry', async () => {
  const id = await wellLinked();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}/things/${id}`);
  await hydrated(page);
  const drawing = page.locator('#graph svg.graph-drawing');
  await drawing.waitFor();
  const oneHop = await drawing.locator('a.node').count();
  assert.ok(oneHop > 1, 'the thing and its neighbours');
  await page.locator('#graph .graph-hops a', { hasText: '2 hops' }).click();
  await page.waitForURL(/hops=2/);
  await page.locator('#graph .graph-hops a[aria-current="true"]', { hasText: '2 hops' }).waitFor();
  const twoHops = await page.locator('#graph svg.graph-drawing a.node').count();
  assert.ok(twoHops >= oneHop, `${twoHops} nodes at two hops, ${oneHop} at one`);
  assert.ok(await page.locator('#graph ul.graph-list li').count() >= twoHops, 'every node is in the list too');

  const neighbour = page.locator('#graph svg.graph-drawing a.node:not(.start)').first();
  const href = await neighbour.getAttribute('href');
  await neighbour.locator('circle').click();
  await page.waitForURL((url) => url.pathname === href);
  await page.locator('#graph svg.graph-drawing a.node.start').waitFor();
  assert.equal(await page.locator('#graph svg.graph-drawing a.node.start').getAttribute('href'), href);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript the explorer opens a neighbour by a link', async () => {
  const id = await wellLinked();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/explore?start=${id}`);
  const before = await page.locator('#graph svg.graph-drawing a.node').count();
  const open = page.locator('ul.explore-nodes').getByRole('link', { name: 'Open', exact: true }).first();
  await open.click();
  await page.waitForURL(/open=/);
  const after = await page.locator('#graph svg.graph-drawing a.node').count();
  assert.ok(after >= before, `${after} nodes after opening, ${before} before`);
  assert.equal(await page.locator('ul.explore-nodes').getByRole('link', { name: 'Close', exact: true }).count(), 1);
  await context.close();
});

test('with JavaScript the explorer starts from a category and opens a neighbour in place', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}/categories`);
  const household = await page.locator('ul.category-tree').getByRole('link', { name: 'Household appliances', exact: true }).getAttribute('href');
  await page.goto(`${server.base}${household}`);
  await page.getByRole('link', { name: 'Explore from here' }).click();
  await page.waitForURL(/\/explore\?category=/);
  await page.getByRole('heading', { name: /^Start in Household appliances/ }).waitFor();
  await page.locator('ul.entity-list a[href^="/explore?start="]').first().click();
  await page.waitForURL(/start=/);
  await hydrated(page);
  // Marked, so a full page load (which would lose the mark) fails the test.
  await page.evaluate(() => { window.stayedOnPage = true; });
  const open = page.locator('ul.explore-nodes').getByRole('link', { name: 'Open', exact: true }).first();
  await open.click();
  await page.waitForURL(/open=/);
  const close = page.locator('ul.explore-nodes').getByRole('link', { name: 'Close', exact: true });
  await close.waitFor();
  assert.equal(await page.evaluate(() => window.stayedOnPage), true, 'opened in place');
  // Closing the only open entry leaves nothing open, and stays in place too.
  await close.click();
  await page.waitForURL((url) => !url.search.includes('open='));
  await page.locator('ul.explore-nodes').getByRole('link', { name: 'Open', exact: true }).first().waitFor();
  assert.equal(await close.count(), 0);
  assert.equal(await page.evaluate(() => window.stayedOnPage), true, 'closed in place');
  assert.deepEqual(errors, []);
  await context.close();
});
