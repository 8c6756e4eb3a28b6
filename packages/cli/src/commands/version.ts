import type { VersionCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Io } from '../io.js';
import { renderDocument } from '../render.js';
import { CLI_VERSION, CORE_VERSION } from '../version.js';

/** `reach version`. */
export function runVersion(cmd: VersionCommand, io: Io): number {
  if (cmd.output === 'table') {
    io.stdout(`reach ${CLI_VERSION} (@kube-reach/core ${CORE_VERSION})\n`);
  } else {
    io.stdout(
      renderDocument(cmd.output, {
        apiVersion: API_VERSION,
        kind: 'Version',
        version: CLI_VERSION,
        coreVersion: CORE_VERSION,
      }),
    );
  }
  return ExitCode.ok;
}
