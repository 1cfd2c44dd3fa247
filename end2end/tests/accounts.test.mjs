import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, PASSWORD, signIn, startServer } from './harness.mjs';

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

async function signOut(page) {
  await hydrated(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('header >> text=Register');
}

test('register, contribute a story, sign out and be refused, then get promoted to expert', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // Sign up through the real form; a mismatch first, then right.
  await page.goto(`${server.base}/register`);
  await hydrated(page);
  await page.fill('#f-username', 'rosa');
  await page.fill('#f-email', 'rosa@example.org');
  await page.fill('#f-password', PASSWORD);
  await page.fill('#f-password_again', 'something else entirely');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForSelector('text=The two passwords differ.');
  assert.equal(await page.inputValue('#f-username'), 'rosa');
  await hydrated(page);
  await page.fill('#f-password', PASSWORD);
  await page.fill('#f-password_again', PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await page.waitForSelector('text=Welcome! Your account is ready.');
  assert.match(await page.textContent('main'), /Member/);

  // Sign out and in again.
  await signOut(page);
  await signIn(page, server.base, 'rosa');

  // Contribute a story.
  await page.goto(`${server.base}/stories/new`);
  await hydrated(page);
  await page.fill('#f-title-default', 'Descaling the boiler');
  await page.selectOption('#f-type', 'repair');
  await page.fill('#f-thing_category-category', 'coffee machines');
  await page.fill('#f-procedure-0-description-default', 'Fill with citric acid solution and run twice.');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}\?saved=1$/);
  const storyUrl = page.url().replace(/\?saved=1$/, '');
  assert.equal((await page.textContent('h1')).trim(), 'Descaling the boiler');

  // Signed out, editing is refused: saving leads to the sign-in page, nothing changes.
  await signOut(page);
  await page.goto(`${storyUrl}/edit`);
  await hydrated(page);
  await page.fill('#f-title-default', 'Vandalised');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/login\?next=/);
  await page.goto(storyUrl);
  assert.equal((await page.textContent('h1')).trim(), 'Descaling the boiler');

  // The admin promotes rosa to expert on the users page.
  const admin = await (await browser.newContext({ locale: 'en-US' })).newPage();
  admin.on('pageerror', (e) => errors.push(String(e)));
  await signIn(admin, server.base, 'root');
  await admin.goto(`${server.base}/admin/users`);
  await hydrated(admin);
  await admin.selectOption('#role-rosa', 'expert');
  await admin.locator('tr', { hasText: 'rosa@example.org' }).getByRole('button', { name: 'Save' }).click();
  await admin.waitForSelector('text=Saved.');
  await admin.goto(`${server.base}/admin/audit?action=user.role`);
  assert.match(await admin.textContent('main'), /member -> expert/);

  await signIn(page, server.base, 'rosa');
  await page.goto(`${server.base}/account`);
  await page.waitForSelector('dd >> text=Expert');

  assert.deepEqual(errors, []);
  await context.close();
});
