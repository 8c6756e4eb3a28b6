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
