import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { StackOptions } from '../../scripts/stack';
import { ensureWebBuilt } from '../../scripts/web-build';
import { startTestStack, type TestStack } from '../stack/support';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`) with playwright-core: no browser is
 * downloaded. CHROMIUM_PATH names another executable. Without one, suites skip (`describe.skipIf(
 * !BROWSER_AVAILABLE)`), unless REQUIRE_BROWSER=1 (CI), where its absence fails the run.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const BROWSER_AVAILABLE = existsSync(CHROMIUM_PATH);

if (!BROWSER_AVAILABLE && process.env.REQUIRE_BROWSER === '1')
  throw new Error(
    `REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH to one`,
  );

// Without the background-networking flags Chromium's own connections (updates, sync, field trials) are
// refused on a closed network, and the page's are too.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  if (!BROWSER_AVAILABLE)
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH; guard suites with describe.skipIf(!BROWSER_AVAILABLE)`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * The whole stack on free ports with the web app built (when web/ changed since its last build): the
 * gateway at `gatewayUrl` serves it at `/`, and its /idp passes the stack's development identity provider.
 */
export async function startWebStack(options: StackOptions = {}): Promise<TestStack> {
  await ensureWebBuilt();
  return startTestStack(options);
}

/** A web stack and a browser for one suite, started before its tests and stopped after them. */
export interface WebSuite {
  readonly s: TestStack;
  readonly browser: Browser;
}

/**
 * Starts a web stack and Chromium in the suite's `beforeAll` and stops both in its `afterAll`; read `s`
 * and `browser` from the answer inside the tests.
 */
export function webSuite(options: StackOptions = {}): WebSuite {
  let s: TestStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    s = await startWebStack(options);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
  return {
    get s() {
      if (!s) throw new Error('the web stack is not started yet: read it inside a test');
      return s;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet: read it inside a test');
      return browser;
    },
  };
}
