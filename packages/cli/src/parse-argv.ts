import { CommanderError, Command as Program } from 'commander';
import { ExitCode } from './command.js';
import type { Command } from './commands/index.js';
import { COMMANDS } from './commands/index.js';
import { examples } from './flags.js';
import { CLI_VERSION } from './version.js';

/** The result of reading the command line: a command to run, or text to print and an exit code. */
export type ParsedArgv =
  | { readonly kind: 'command'; readonly command: Command }
  | {
      readonly kind: 'exit';
      readonly code: number;
      readonly stdout: string;
      readonly stderr: string;
    };

export interface ParseArgvOptions {
  /** How the program is called in usage text: `reach`, or `kubectl reach` for the plugin. */
  readonly programName?: string;
}

/** The help text is laid out for this width whatever the terminal, so it is deterministic. */
const HELP_WIDTH = 80;

/**
 * Reads the command line (without the node and script arguments). Pure: help, `--version` and
 * usage errors come back as text with their exit code, nothing is printed and nothing exits.
 */
export function parseArgv(argv: readonly string[], options: ParseArgvOptions = {}): ParsedArgv {
  const name = options.programName ?? 'reach';
  const out = { stdout: '', stderr: '' };
  let parsed: Command | undefined;
  const program = buildProgram(name, out, (command) => {
    parsed = command;
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { kind: 'exit', code: exitCodeOf(error), ...out };
  }
  if (parsed === undefined) {
    // Not reached: every command has an action. Kept so a new command without one fails loudly.
    throw new Error(`no action ran for: ${argv.join(' ')}`);
  }
  return { kind: 'command', command: parsed };
}

/** Help and `--version` exit 0; usage errors (and help shown for a missing command) exit 2. */
function exitCodeOf(error: CommanderError): number {
  return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalid;
}

function buildProgram(
  name: string,
  out: { stdout: string; stderr: string },
  onCommand: (command: Command) => void,
): Program {
  const configure = (cmd: Program, helpCommand: string): Program =>
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (text) => {
          out.stdout += text;
        },
        writeErr: (text) => {
          out.stderr += text;
        },
        outputError: (text, write) => {
          write(`${text}See '${helpCommand} --help' for usage and examples.\n`);
        },
        getOutHelpWidth: () => HELP_WIDTH,
        getErrHelpWidth: () => HELP_WIDTH,
        getOutHasColors: () => false,
        getErrHasColors: () => false,
      })
      .showSuggestionAfterError(true);

  const program = configure(new Program(name), name)
    .description(
      'Answers "who can talk to whom" for Kubernetes NetworkPolicies, offline, from manifests.',
    )
    .usage('COMMAND [flags]')
    .version(CLI_VERSION, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [COMMAND]', 'show help for a command')
    .addHelpText('after', () => programHelp(name));

  for (const definition of COMMANDS) {
    const cmd = configure(program.command(definition.name), `${name} ${definition.name}`);
    definition.define(cmd, name);
    cmd.action(() => {
      onCommand(definition.parse(cmd));
    });
  }

  return program;
}

function programHelp(name: string): string {
  return `${examples([
    `${name} query -f k8s/ ops/ci-runner production/deployment/web --port 80`,
    `${name} query -f k8s/ -n shop deploy/web svc/db --port 5432 --explain`,
    `${name} who-can-reach -f k8s/ -R shop/statefulset/db --port 5432`,
    `${name} reachable-from -f k8s/ external -o name`,
    `${name} test expectations.yaml -f k8s/ -R -o junit > reach-junit.xml`,
    `kubectl get ns,pods,deploy,sts,ds,svc,netpol -A -o yaml | ${name} matrix -f -`,
    `helm template shop ./chart | ${name} validate -f -`,
  ])}

Exit codes:
  0  allowed (query), every expectation holds (test), no finding at or above
     --fail-on (lint), no change (diff), a path exists (path), something is
     reachable from outside (exposure); done (who-can-reach, reachable-from,
     matrix, validate, version, completion, blast-radius, segments, profiles)
  1  denied (query), some expectation does not hold (test), a finding at or
     above --fail-on (lint), connectivity changed (diff), no path (path),
     nothing reachable from outside (exposure)
  2  invalid input: manifests, endpoints, ports, expectation files, flags
  70 a bug in reach (one line; REACH_DEBUG=1 shows the stack)
  74 standard output cannot be written (a full disk, > /dev/full)

Run '${name} COMMAND --help' for more about a command.`;
}
