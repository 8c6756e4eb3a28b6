import type { OutputFormat } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { examples, outputOption } from '../flags.js';
import type { Io } from '../io.js';
import { writeDocument } from '../render.js';
import { CLI_VERSION, CORE_VERSION } from '../version.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** `reach version`. */
export interface VersionCommand {
  readonly kind: 'version';
  readonly output: OutputFormat;
}

/** `reach version`. */
export const versionCommand: CommandDefinition<VersionCommand> = defineCommand<VersionCommand>({
  name: 'version',
  kind: 'version',
  define(cmd, program) {
    cmd
      .summary('print the version')
      .description('Print the version of reach.')
      .usage('[flags]')
      .addOption(outputOption())
      .addHelpText('after', () => examples([`${program} version`, `${program} version -o json`]));
  },
  parse(cmd) {
    return { kind: 'version', output: cmd.opts<{ output: OutputFormat }>().output };
  },
  run: runVersion,
});

/** Prints the versions of the CLI and of core. */
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
