// Events and readers' outcomes in the browser: on a phone, a repair café records its
// event, records a repair at it from the event's page, and the event's dashboard shows
// its people and hours and the map; a reader says whether a story worked for them,
// then changes their answer, with JavaScript and without.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, hydrated, launchBrowser, startServer } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let server;
let browser;

before(async () => {
  server = await startServer([['vera', 'member'], ['omar', 'member']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, name, withScript) {
  await page.goto(`${server.base}/login`);
  if (withScript) await hydrated(page);
  await page.fill('#login-username', name);
  await page.fill('#login-password', PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function noSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width} px)`);
}

test('an event recorded on a phone gathers its repairs, people and hours', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'vera', true);
  await page.goto(`${server.base}/events/new`);
  await hydrated(page);
  await page.getByLabel('Repair group').fill('Repair Café Phoneville');
  await page.getByLabel('Event date').fill('2025-10-04');
  await page.getByLabel('Country').fill('NLD');
  await page.getByLabel('Participants').fill('25');
  await page.getByLabel('Volunteers').fill('4');
  await page.getByLabel('Hours the event ran').fill('3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}/);
  const event = new URL(page.url()).pathname;
  await noSidewaysScroll(page);

  await page.getByRole('link', { name: 'Record a repair at this event' }).click();
  await page.waitForURL(/\/repairs\/new/);
  await hydrated(page);
  assert.equal(await page.getByLabel('Repair group').inputValue(), 'Repair Café Phoneville');
  assert.equal(await page.getByLabel('Event date').inputValue(), '2025-10-04');
  await page.locator('#f-product_category_id').selectOption({ label: 'Kettle' });
  await page.getByRole('radio', { name: 'Fixed' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/repairs\/[0-9a-f-]{36}/);

  await page.goto(`${server.base}${event}`);
  await hydrated(page);
  await page.getByText('1 items brought, 1 fixed').waitFor();
  assert.equal(await page.locator('.event-records li a').count(), 1);

  await page.goto(`${server.base}/impact?event=${event.split('/')[2]}`);
  await hydrated(page);
  const figure = (label) => page.locator('dl.figures div', { hasText: label }).locator('dd');
  assert.equal((await figure('Participants').textContent()).trim(), '25');
  // Restarters: 9 host hours plus 4 volunteers × 3 hours.
  assert.equal((await figure('Hours volunteered').textContent()).trim(), '21');
  const map = page.locator('figure.map img');
  await map.waitFor();
  assert.ok(await map.evaluate((img) => img.complete && img.naturalWidth > 0), 'the map loads');
  await noSidewaysScroll(page);
  assert.deepEqual(errors, []);
  await context.close();
});

async function firstStory() {
  const list = await (await fetch(`${server.base}/api/v1/stories?limit=1`)).json();
  return `/stories/${list.items[0].id}`;
}

test('a reader says a story worked for them, then changes their answer', async () => {
  const story = await firstStory();
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, 'vera', true);
  await page.goto(`${server.base}${story}`);
  await hydrated(page);
  await page.getByText('Nobody has said yet').waitFor();
  await page.getByRole('radio', { name: 'It did not work' }).check();
  await page.locator('#outcome-step').selectOption('1');
  await page.getByRole('button', { name: 'Save my answer' }).click();
  await page.getByText('Thank you: your answer is saved.').waitFor();
  await page.getByText('Worked for 0 of 1 people.').waitFor();
  await page.getByText('Step 1 did not work for 1').waitFor();

  await page.getByRole('radio', { name: 'It worked', exact: true }).check();
  await page.locator('#outcome-step').selectOption('');
  await page.getByRole('button', { name: 'Change my answer' }).click();
  await page.getByText('Worked for 1 of 1 people.').waitFor();
  assert.equal(await page.getByText('Step 1 did not work').count(), 0);
  await noSidewaysScroll(page);
  await context.close();
});

test('without JavaScript a second reader answers and is counted once', async () => {
  const story = await firstStory();
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}${story}`);
  await page.getByRole('link', { name: 'Sign in to say whether this worked for you.' }).waitFor();
  await signIn(page, 'omar', false);
  await page.goto(`${server.base}${story}`);
  await page.getByRole('radio', { name: 'It partly worked' }).check();
  await page.getByRole('button', { name: 'Save my answer' }).click();
  await page.getByText('Thank you: your answer is saved.').waitFor();
  await page.getByRole('radio', { name: 'It partly worked' }).check();
  await page.getByRole('button', { name: 'Change my answer' }).click();
  await page.getByText('Partly: 1.').waitFor();
  assert.match(await page.locator('#outcomes').textContent(), /of 2 people/);
  await context.close();
});
