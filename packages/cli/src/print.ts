import type { EndpointIssue, Issue } from '@kube-reach/core';
import { formatIssue } from '@kube-reach/core';
import { ExitCode } from './command.js';
import type { Io } from './io.js';

// Every problem line the CLI prints starts the way kubectl's do: `error: ` or `warning: `
// (notes: `note: `). The helpers below are the one place these prefixes are written.

/** `error: message`. */
export function errorLine(message: string): string {
  return `error: ${message}`;
}

/** `warning: message`. */
export function warningLine(message: string): string {
  return `warning: ${message}`;
}

/** An issue of the input as one line: core's `formatIssue` after `error: ` or `warning: `. */
export function issueLine(issue: Issue): string {
  const text = formatIssue(issue);
  // formatIssue already starts warnings with `warning: `; errors get theirs here.
  return issue.severity === 'error' ? errorLine(text) : text;
}

/** Prints each message as an `error:` line on stderr; returns the invalid-input exit code. */
export function printErrors(io: Io, messages: readonly string[]): number {
  for (const message of messages) io.stderr(`${errorLine(message)}\n`);
  return ExitCode.invalid;
}

/** Prints an endpoint that could not be resolved, with the candidates, on stderr. */
export function printEndpointError(io: Io, error: EndpointIssue): void {
  io.stderr(`${errorLine(error.message)}\n`);
  if (error.candidatesTitle !== undefined) {
    io.stderr(`${error.candidatesTitle}\n`);
    for (const candidate of error.candidates) io.stderr(`  ${candidate}\n`);
  }
}

/**
 * Whether a load issue is worth printing next to an answer. Objects of kinds that cannot affect
 * reachability (ConfigMap, ServiceAccount, ... in every `helm template` and `kustomize build`)
 * are skipped silently; `reach validate` still lists them.
 */
export function worthPrinting(issue: Issue): boolean {
  return !(
    issue.severity === 'warning' &&
    issue.code === 'unknown-kind' &&
    issue.message.endsWith('does not affect pod reachability; skipped')
  );
}

/** Prints the issues of loading the manifests: errors always, warnings unless quiet. */
export function printIssues(io: Io, issues: readonly Issue[], quiet: boolean): void {
  for (const issue of issues) {
    if (issue.severity === 'error' || (!quiet && worthPrinting(issue))) {
      io.stderr(`${issueLine(issue)}\n`);
    }
  }
}
