import type { VersionCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Io } from '../io.js';
import { writeDocument } from '../render.js';
import { CLI_VERSION, CORE_VERSION } from '../version.js';

/** `reach version`. */
export async function runVersion(cmd: VersionCommand, io: Io): Promise<number> {
  if (cmd.output === 'table') {
    io.stdout(`reach ${CLI_VERSION} (@kube-reach/core ${CORE_VERSION})\n`);
  } else {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'Version',
      version: CLI_VERSION,
      coreVersion: CORE_VERSION,
    });
  }
  return ExitCode.ok;
}
