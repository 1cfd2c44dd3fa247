// Photos on a story: uploaded to a step with JavaScript on (the progress shows while a
// throttled connection sends it), and to a thing with JavaScript off; then seen on the
// page, opened in the lightbox and closed again, and given a labelled marker in the edit form,
// placed by clicking the photo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, hydrated, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer([['pia', 'member']], { demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// A photo-like JPEG of `width` × `height`, drawn by the browser itself.
async function jpeg(page, width, height) {
  const data = await page.evaluate(([w, h]) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const g = c.getContext('2d');
    const img = g.createImageData(w, h);
    for (let i = 0; i < img.data.length; i += 4) {
      const x = (i / 4) % w;
      img.data[i] = (x * 255) / w;
      img.data[i + 1] = Math.random() * 255;
      img.data[i + 2] = 120;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    return c.toDataURL('image/jpeg', 0.95).split(',')[1];
  }, [width, height]);
  return Buffer.from(data, 'base64');
}

async function first(kind) {
  const r = await fetch(`${server.base}/api/v1/${kind}?limit=1`);
  return (await r.json()).items[0];
}

test('a photo uploaded to a step with JavaScript shows progress, then opens in the lightbox', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'pia');
  const story = await first('stories');
  await page.goto(`${server.base}/stories/${story.id}`);
  await hydrated(page);
  const photo = await jpeg(page, 1200, 800);
  assert.ok(photo.length > 200_000, `a photo large enough to take a while: ${photo.length} bytes`);
  await page.selectOption('#media-step', { index: 2 });
  await page.fill('#media-alt', 'The opened base');
  await page.setInputFiles('#media-files', { name: 'base.jpg', mimeType: 'image/jpeg', buffer: photo });
  // About two seconds of upload at 128 KB/s.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 128 * 1024,
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.waitForSelector('.upload-progress progress:not([hidden])', { timeout: 5000 });
  assert.match(await page.locator('.upload-progress').textContent(), /Sending… \d+ %/);
  await page.waitForURL(/media_added=1/, { timeout: 30000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  assert.equal(await page.locator('.notice.success').first().textContent(), 'One file added.');
  const thumb = page.locator('ol.procedure .gallery a.media-thumb').first();
  await thumb.locator('img[alt="The opened base"]').waitFor();
  const shown = await thumb.locator('img:not(.placeholder)').evaluate((img) => img.complete && img.naturalWidth);
  assert.ok(shown > 0, 'the thumbnail loaded');
  await thumb.click();
  const box = page.locator('.lightbox:target');
  await box.waitFor();
  assert.ok(await box.isVisible(), 'the lightbox opens');
  await box.getByRole('link', { name: 'Close' }).click();
  await page.waitForFunction(() => !document.querySelector('.lightbox:target'));

  // A numbered point with a label, added in the edit form.
  await page.goto(`${server.base}/stories/${story.id}/edit`);
  await hydrated(page);
  const row = page.locator('li.media-row').filter({ has: page.locator('input[name$=".alt.default]"][value="The opened base"]') });
  await row.getByRole('button', { name: 'Add a marker', exact: true }).click();
  await page.waitForSelector('select[name$=".markers.0.shape]"]');
  await hydrated(page);
  const marker = page.locator('li.media-row').filter({ has: page.locator('select[name$=".markers.0.shape]"]') });
  // Placed by clicking the photo a quarter across and half way down.
  const surface = marker.locator('.place-surface');
  await surface.locator('img').evaluate((img) => img.complete || new Promise((done) => { img.onload = done; }));
  assert.match(await marker.locator('.place-surface + p.hint').textContent(), /Click the photo to place the marker/);
  await surface.scrollIntoViewIfNeeded();
  const area = await surface.boundingBox();
  await surface.click({ position: { x: area.width * 0.25, y: area.height * 0.5 } });
  const placed = async (axis) => Number(await marker.locator(`input[name$=".markers.0.${axis}]"]`).inputValue());
  assert.ok(Math.abs(await placed('x') - 0.25) < 0.02, `x ${await placed('x')}`);
  assert.ok(Math.abs(await placed('y') - 0.5) < 0.02, `y ${await placed('y')}`);
  assert.equal(await surface.locator('svg.markers circle.point').count(), 1, 'the point is drawn where it was placed');
  await marker.locator('textarea[name$=".markers.0.label.default]"], input[name$=".markers.0.label.default]"]').fill('The thermostat');
  await page.locator('form.entity-form button[value="save"]').click();
  await page.waitForURL(new RegExp(`/stories/${story.id}(\\?|$)`));
  await page.locator('ol.procedure .marker-legend', { hasText: 'The thermostat' }).first().waitFor({ state: 'attached' });
  assert.equal(await page.locator('ol.procedure svg.markers circle.point').count() > 0, true, 'the point is drawn over the photo');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript a photo is added to a thing through the plain form', async () => {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.fill('#login-username', 'pia');
  await page.fill('#login-password', PASSWORD);
  await page.locator('form.entity-form button[type=submit]').click();
  await page.waitForSelector('a[href="/account"]');
  const thing = await first('things');
  await page.goto(`${server.base}/things/${thing.id}`);
  const drawing = await browser.newPage();
  const photo = await jpeg(drawing, 400, 300);
  await drawing.close();
  await page.fill('#media-alt', 'Typenschild');
  await page.setInputFiles('#media-files', { name: 'plate.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('.media-add-form button[type=submit]').click();
  await page.waitForURL(/media_added=1/);
  assert.equal(await page.locator('.notice.success').first().textContent(), 'Eine Datei hinzugefügt.');
  await page.locator('.gallery img[alt="Typenschild"]').first().waitFor();
  await context.close();
});
