import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`), or the one REACH_CHROMIUM names. */
export const CHROMIUM: string = process.env.REACH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests skip: only when no chromium is installed and CI does not require
 * it (`.ci/run` installs chromium and sets REACH_REQUIRE_BROWSER=1, so there they must run).
 * Says so in one line when skipping.
 */
export function skipWithoutBrowser(what: string): boolean {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.REACH_REQUIRE_BROWSER === '1') {
    throw new Error(`REACH_REQUIRE_BROWSER=1 but there is no chromium at ${CHROMIUM}`);
  }
  process.stderr.write(
    `skipping ${what}: no chromium at ${CHROMIUM} (apt-get install chromium, or set REACH_CHROMIUM)\n`,
  );
  return true;
}

/**
 * Headless chromium with no background traffic of its own (no component updates, sync or
 * first-run requests), so every request the tests see comes from the page.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
