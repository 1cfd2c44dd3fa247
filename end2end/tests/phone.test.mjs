// Every page type on a 390×844 phone and on a desktop: no sideways scrolling, tap
// targets of at least 44 px, the compact header and folded filters, and axe-core with
// no serious or critical violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let server;
let browser;

before(async () => {
  server = await startServer([['ada', 'admin']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// The first entry a list page links to.
async function firstEntry(page, list) {
  await page.goto(`${server.base}/${list}`);
  const href = await page.locator('ul.entity-list a').first().getAttribute('href');
  assert.ok(href, `${list} lists an entry`);
  return href;
}

/// One of every page type, for a signed-in admin (who sees every action).
async function pageTypes(page) {
  const thing = await firstEntry(page, 'things');
  const story = await firstEntry(page, 'stories');
  const guide = await firstEntry(page, 'guides');
  const relationship = await firstEntry(page, 'relationships');
  await page.goto(`${server.base}${thing}/history`);
  const from = await page.locator('input[name=from]').last().getAttribute('value');
  const coffee = (await (await fetch(`${server.base}/api/v1/categories?ords_id=36`)).json()).items[0].id;
  return [
    '/', '/search?q=battery', '/search?q=battery&kind=thing', '/things', '/stories', '/guides',
    '/relationships', thing, story, guide, relationship, `${thing}/edit`, `${story}/edit`,
    `${guide}/edit`, `${relationship}/edit`, '/things/new', '/stories/new', `${thing}/history`,
    `${thing}/diff?from=${from}`, `${thing}/delete`, '/conflicts', '/about', '/help',
    '/help/conflicts', '/people/ada', '/account', '/admin/settings', '/admin/users',
    '/admin/audit', '/admin/federation', '/moderation', '/api', '/translations?lang=de',
    '/admin/translations', `${story}/translate?lang=fr`, '/explore?q=battery',
    `/explore?start=${thing.split('/')[2]}`, '/categories', `/categories/${coffee}`,
    `/categories/${coffee}/edit`, `/categories/${coffee}/split`, '/categories/unfiled',
    `/explore?category=${coffee}`, '/tags', '/tags/descaling', '/vocabularies',
    '/vocabularies/materials', '/vocabularies/relationship-types', '/suggested-terms',
    '/terms/01930000-0000-7000-8000-000000000907', '/terms/new?vocabulary=tools', '/repairs',
    '/repairs/new', '/impact', '/impact?category=36', '/events', '/events/new',
    '/admin/impact', '/admin/usage', '/no-such-page',
  ];
}

async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/// Controls a finger must hit that are smaller than 44 px in either direction.
async function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    const sel = 'header a, header button, header summary, header select, header input, main button, main summary, main select, '
      + 'main input:not([type=hidden]), main .entity-actions a, main .pagination a, main .facets a, footer a';
    for (const el of document.querySelectorAll(sel)) {
      // Not shown: inside a folded menu or filters (content-visibility: hidden).
      if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const box = el.type === 'checkbox' || el.type === 'radio' ? 24 : 44;
      if (r.height < box - 0.5 || r.width < box - 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

test('every page type fits a phone, has big enough targets and passes axe', async () => {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login`);
  await signInOnPhone(page);
  const failures = [];
  for (const path of await pageTypes(page)) {
    await page.goto(`${server.base}${path}`);
    await hydrated(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 390) failures.push(`${path}: ${wide} px wide`);
    const small = await smallTargets(page);
    if (small.length) failures.push(`${path}: small targets ${small.slice(0, 5).join('; ')}`);
    const violations = await axeViolations(page);
    if (violations.length) failures.push(`${path}: ${violations.join('; ')}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/// Signing in on a phone goes through the folded menu's link like any visitor would.
async function signInOnPhone(page) {
  await hydrated(page);
  await page.fill('#login-username', 'ada');
  await page.fill('#login-password', 'e2e password 123');
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

test('on a phone the header is compact, the menu opens, and search results come before the filters', async () => {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await signInOnPhone(page);
  await page.goto(`${server.base}/`);
  await hydrated(page);
  const header = await page.locator('header.site').boundingBox();
  assert.ok(header.height <= 130, `header is ${header.height} px high`);
  const stories = page.locator('header nav a[href="/stories"]');
  assert.equal(await stories.isVisible(), false, 'the menu is folded');
  await page.locator('details.site-menu > summary').click();
  await stories.click();
  await page.waitForURL(/\/stories$/);

  await page.goto(`${server.base}/search?q=battery`);
  await hydrated(page);
  const first = await page.locator('ol.hits > li').first().boundingBox();
  assert.ok(first.y < 600, `the first result is ${first.y} px down`);
  const facet = page.locator('.facets a').first();
  assert.equal(await facet.isVisible(), false, 'filters are folded');
  await page.locator('details.filters-toggle > summary').click();
  await facet.click();
  await page.waitForURL(/[?&](kind|thing_type|story_type|guide_type|category|material|tool|language|manufacturer)=/);
  await hydrated(page);
  assert.match(await page.textContent('details.filters-toggle > summary'), /1 chosen/);

  // The history's Revert buttons stay on screen.
  const thing = await firstEntry(page, 'things');
  await page.goto(`${server.base}${thing}/edit`);
  await hydrated(page);
  await page.fill('#f-name-default', 'Renamed on a phone');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\?saved=1$/);
  await page.goto(`${server.base}${thing}/history`);
  await hydrated(page);
  const revert = await page.getByRole('button', { name: 'Revert' }).first().boundingBox();
  assert.ok(revert && revert.x >= 0 && revert.x + revert.width <= 390, `Revert at ${JSON.stringify(revert)}`);
  await context.close();
});

test('on a desktop the menu is a row of links and the filters are open', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.base}/search?q=battery`);
  await hydrated(page);
  assert.equal(await page.locator('header nav a[href="/stories"]').isVisible(), true);
  assert.equal(await page.locator('.facets a').first().isVisible(), true);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('in Arabic the pages run right to left, mirrored, on a desktop and on a phone', async () => {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ar', bypassCSP: true });
  const page = await desktop.newPage();
  await page.goto(`${server.base}/`);
  await hydrated(page);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/thingdata-arabic-home.png` });
  // Mirrored: the site's name sits at the right edge, and the menu runs from the right
  // (its first link, Things, right of its second, Stories).
  const brand = await page.locator('header .brand').boundingBox();
  const things = await page.locator('header nav a[href="/things"]').boundingBox();
  const stories = await page.locator('header nav a[href="/stories"]').boundingBox();
  assert.ok(brand.x + brand.width > 1280 - 80, `the name is at the right: ${JSON.stringify(brand)}`);
  assert.ok(stories.x + stories.width <= things.x, `menu runs right to left: ${JSON.stringify([things, stories])}`);
  assert.deepEqual(await axeViolations(page), []);
  await desktop.close();

  const phone = await browser.newContext({ ...PHONE, locale: 'ar', bypassCSP: true });
  const small = await phone.newPage();
  const thing = await firstEntry(small, 'things');
  const failures = [];
  for (const path of ['/', '/search?q=battery', thing, '/things/new', '/help']) {
    await small.goto(`${server.base}${path}`);
    await hydrated(small);
    const wide = await small.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 390) failures.push(`${path}: ${wide} px wide`);
    const violations = await axeViolations(small);
    if (violations.length) failures.push(`${path}: ${violations.join('; ')}`);
  }
  assert.deepEqual(failures, []);
  await phone.close();
});
