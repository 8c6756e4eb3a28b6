import type { Cluster } from '@kube-reach/core';
import type { Io } from './io.js';

/** Tells a person at a terminal what a long step is doing. Silent in pipes and with `-q`. */
export interface Progress {
  /** Replaces the progress line with `text`. */
  update(text: string): void;
  /** Clears the progress line (call before printing results or errors). */
  done(): void;
}

/** Erase the line and return to its start (ANSI: carriage return, erase in line). */
const CLEAR = '\r\u001b[2K';

const SILENT: Progress = { update: () => {}, done: () => {} };

/**
 * A progress line on standard error, rewritten in place with `\r`; only when standard error is
 * a terminal and the command is not quiet, so logs, pipes and `-q` stay clean.
 */
export function createProgress(io: Io, quiet: boolean): Progress {
  if (quiet || io.stderrIsTTY !== true) return SILENT;
  let shown = false;
  return {
    update: (text) => {
      io.stderr(`${CLEAR}reach: ${text}`);
      shown = true;
    },
    done: () => {
      if (shown) io.stderr(CLEAR);
      shown = false;
    },
  };
}

/** The progress text while a cluster compiles: `compiling 120 pods and 14 network policies`. */
export function compilingText(cluster: Cluster): string {
  return `compiling ${cluster.pods.length} pods and ${cluster.policies.length} network policies`;
}

/**
 * Passes `items` through as they are consumed, telling `progress` how many went by every
 * `every` items (`text(count)`), and clearing it after the last. For outputs written while
 * they are computed (matrix rows, connections), whose progress is the writing itself.
 */
export function counted<T>(
  items: Iterable<T>,
  progress: Progress,
  text: (count: number) => string,
  every: number,
): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      let count = 0;
      for (const item of items) {
        if (count % every === 0) progress.update(text(count));
        count++;
        yield item;
      }
      progress.done();
    },
  };
}
