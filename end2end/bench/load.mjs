// Cold first visit to a thing page under a slow link: bytes transferred and the time
// until the page has hydrated. Usage (after scripts/build.sh):
//   node end2end/bench/load.mjs [kbps=1600] [latency_ms=150] [runs=3]
import { launchBrowser, startServer } from '../tests/harness.mjs';

const [kbps = 1600, latency = 150, runs = 3] = process.argv.slice(2).map(Number);
const server = await startServer([], { demo: true });
const browser = await launchBrowser();
try {
  const probe = await browser.newPage();
  await probe.goto(`${server.base}/things`);
  const thing = await probe.locator('ul.entity-list a').first().getAttribute('href');
  await probe.close();
  const results = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: (kbps * 1000) / 8,
      uploadThroughput: (kbps * 1000) / 8,
    });
    const bytes = new Map();
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    const start = Date.now();
    await page.goto(`${server.base}${thing}`, { waitUntil: 'commit' });
    await page.waitForSelector('html[data-hydrated="true"]', { timeout: 120000 });
    const ms = Date.now() - start;
    await page.waitForLoadState('networkidle');
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    results.push({ bytes: total, hydrated_ms: ms });
    await context.close();
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({
    link: `${kbps} kbit/s, ${latency} ms`,
    page: thing,
    runs: results,
    median_bytes: median(results.map((r) => r.bytes)),
    median_hydrated_ms: median(results.map((r) => r.hydrated_ms)),
  }, null, 2));
} finally {
  await browser.close();
  await server.stop();
}
