import { ExitCode } from './command.js';
import type { Io } from './io.js';
import type { EndpointError } from './resolve-endpoint.js';

/** Prints each message as an `error:` line on stderr; returns the invalid-input exit code. */
export function printErrors(io: Io, messages: readonly string[]): number {
  for (const message of messages) io.stderr(`error: ${message}\n`);
  return ExitCode.invalid;
}

/** Prints an endpoint that could not be resolved, with the candidates, on stderr. */
export function printEndpointError(io: Io, error: EndpointError): void {
  io.stderr(`error: ${error.message}\n`);
  if (error.candidatesTitle !== undefined) {
    io.stderr(`${error.candidatesTitle}\n`);
    for (const candidate of error.candidates) io.stderr(`  ${candidate}\n`);
  }
}
