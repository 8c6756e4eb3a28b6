import { errorLine } from './print.js';

/** What a failed write to a standard stream rejects or emits with (Node's errno errors). */
export interface WriteError {
  readonly code?: string | undefined;
  readonly syscall?: string | undefined;
  readonly message?: string | undefined;
}

/**
 * The one line printed when standard output cannot be written (`reach ... > /dev/full`, a full
 * disk): `error: cannot write to standard output: no space left on device (ENOSPC)`. A closed
 * pipe (EPIPE, `reach ... | head -1`) is not reported: it gives `undefined`.
 */
export function writeFailureLine(error: WriteError): string | undefined {
  if (error.code === 'EPIPE') return undefined;
  const reason =
    error.code === undefined ? (error.message ?? 'unknown error') : describe(error.code);
  return errorLine(`cannot write to standard output: ${reason}`);
}

/** Whether `error` is a failed write (rather than a bug), by its system call. */
export function isWriteError(error: unknown): error is WriteError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as WriteError).syscall === 'write' &&
    typeof (error as WriteError).code === 'string'
  );
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EBADF: 'bad file descriptor',
  EAGAIN: 'resource temporarily unavailable',
};

function describe(code: string): string {
  const reason = REASONS[code];
  return reason === undefined ? code : `${reason} (${code})`;
}
