import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['alice', 'member'], ['bob', 'member'], ['erin', 'expert']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('two people edit the same thing at once; an expert resolves the conflict', async () => {
  const alice = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const bob = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(alice, server.base, 'alice');
  await signIn(bob, server.base, 'bob');

  // Alice adds the thing through the form.
  await alice.goto(`${server.base}/things/new`);
  await hydrated(alice);
  await alice.selectOption('#f-type', 'device');
  await alice.fill('#f-name-default', 'Toaster');
  await alice.fill('#f-manufacturer-name', 'ACME');
  await alice.getByRole('button', { name: 'Save' }).click();
  await alice.waitForURL(/\/things\/[0-9a-f-]{36}\?saved=1$/);
  const id = new URL(alice.url()).pathname.split('/')[2];

  for (const page of [alice, bob]) {
    await page.goto(`${server.base}/things/${id}/edit`);
    await hydrated(page);
  }

  await alice.fill('#f-name-default', 'Two-slot toaster');
  await alice.getByRole('button', { name: 'Save' }).click();
  await alice.waitForURL(/\?saved=1$/);

  await bob.fill('#f-name-default', 'Pop-up toaster');
  await bob.fill('#f-properties-serial_number', 'T-42');
  await bob.getByRole('button', { name: 'Save' }).click();
  await bob.waitForURL(/\?conflict=[0-9a-f]{64}$/);
  await bob.waitForSelector('text=could not be merged');
  // Alice's version stays current meanwhile.
  assert.equal((await bob.textContent('h1')).trim(), 'Two-slot toaster');

  // An expert opens the conflicts page and combines both names.
  const expert = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(expert, server.base, 'erin');
  await expert.goto(`${server.base}/conflicts`);
  await hydrated(expert);
  await expert.getByRole('link', { name: 'Two-slot toaster' }).click();
  await expert.waitForSelector('.conflict-field');
  await hydrated(expert);
  assert.match(await expert.textContent('.conflict-field'), /Pop-up toaster/);
  assert.match(await expert.textContent('.conflict-field'), /Two-slot toaster/);
  await expert.check('#pick-0-custom');
  await expert.fill('#custom-0', 'Two-slot pop-up toaster');
  await expert.getByRole('button', { name: 'Resolve' }).click();
  await expert.waitForURL(/\?resolved=1$/);
  await expert.waitForSelector('text=Conflict resolved');
  assert.equal((await expert.textContent('h1')).trim(), 'Two-slot pop-up toaster');
  // Bob's non-conflicting change survived.
  assert.match(await expert.textContent('main'), /T-42/);

  await expert.goto(`${server.base}/conflicts`);
  await expert.waitForSelector('h1');
  assert.match(await expert.textContent('main'), /No open conflicts/);
});
