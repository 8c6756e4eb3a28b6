// The folder `../shared` beside the repository holds what is not ours to commit: the
// conformance corpus and the peers' benchmark generators. A plain clone does not have it, so the
// suites that need it skip there, each with one line saying what and why; `.ci/run`, which runs
// beside it, sets REACH_REQUIRE_SHARED=1 and a missing file is then a failure, since a suite
// that silently skips proves nothing.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of `../shared/<relative>` seen from the repository root. */
export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../../../shared/${relative}`, import.meta.url));
}

/**
 * Whether the suite named `suite` must skip because `../shared/<relative>` is missing. Says so
 * once on stderr; throws instead when REACH_REQUIRE_SHARED=1 (CI).
 */
export function skipWithoutShared(suite: string, relative: string): boolean {
  const path = sharedPath(relative);
  if (existsSync(path)) return false;
  const missing = `${path} not found (expected ../shared/${relative} beside the repository)`;
  if (process.env.REACH_REQUIRE_SHARED === '1') {
    throw new Error(`${suite}: ${missing}; REACH_REQUIRE_SHARED=1 requires it`);
  }
  console.warn(`skipped: ${suite}: ${missing}; CI sets REACH_REQUIRE_SHARED=1 to require it`);
  return true;
}
