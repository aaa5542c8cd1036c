// Opens the realtime page in Debian's Chromium through playwright-core. Reads { pageUrl, waitForId, timeoutMs } from stdin.
// Prints {"ready":true} once the page's subscription is held by the server, then — after the test has made its changes —
// the page's record (events received, calls made) once an event for waitForId arrived, or on timeout.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const { pageUrl, waitForId, timeoutMs } = JSON.parse(readFileSync(0, 'utf8'));
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: flags });
try {
  const page = await browser.newPage();
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.fieldsync.subscribed || window.fieldsync.failure, null, { timeout: timeoutMs });
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  try {
    await page.waitForFunction((id) => window.fieldsync.events.some((e) => e.payload.$id === id), waitForId, { timeout: timeoutMs });
  } catch {
    // Reported below: the record shows what did arrive.
  }
  process.stdout.write(JSON.stringify(await page.evaluate(() => window.fieldsync)) + '\n');
} finally {
  await browser.close();
}
