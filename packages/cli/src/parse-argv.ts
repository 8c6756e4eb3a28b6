import type { Protocol } from '@kube-reach/core';
import { MAX_PORT, PROTOCOLS } from '@kube-reach/core';
import { CommanderError, InvalidArgumentError, Option, Command as Program } from 'commander';
import type { Command, ManifestOptions, MatrixFormat, OutputFormat, PortArg } from './command.js';
import { ExitCode, MATRIX_FORMATS, OUTPUT_FORMATS } from './command.js';
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

  const query = configure(program.command('query'), `${name} query`)
    .summary('ask whether one endpoint can open a connection to another')
    .description(
      'Ask whether FROM can open a connection to TO on one port, given the NetworkPolicies in ' +
        'the manifests (like `kubectl auth can-i` for network traffic). Prints yes or no; the ' +
        'exit code says the same.',
    )
    .usage('FROM TO -f PATH --port PORT [flags]')
    .argument('<FROM>', 'source endpoint (see Endpoints below)')
    .argument('<TO>', 'destination endpoint');
  addManifestOptions(query)
    .addOption(
      new Option('--port <port>', 'destination port: a number, or a container port name of TO')
        // Required, but checked in the action so unknown flags are reported first.
        .argParser(parsePort),
    )
    .addOption(
      new Option('--protocol <protocol>', 'TCP, UDP or SCTP (any case)')
        .argParser(parseProtocol)
        .default('TCP'),
    )
    .addOption(outputOption())
    .option('-q, --quiet', 'print nothing; answer with the exit code only')
    .option('--explain', 'say which policies isolate each side and which rule allowed it')
    .addHelpText('after', () => queryHelp(name))
    .action((from: string, to: string, _opts: unknown, cmd: Program) => {
      const opts = cmd.opts<QueryFlags>();
      const manifests = manifestOptions(cmd, opts);
      if (opts.port === undefined) {
        return cmd.error("error: required option '--port <port>' not specified", {
          code: 'commander.missingMandatoryOptionValue',
          exitCode: ExitCode.invalid,
        });
      }
      onCommand({
        kind: 'query',
        from,
        to,
        ...manifests,
        port: opts.port,
        protocol: opts.protocol,
        output: opts.output,
        quiet: opts.quiet === true,
        explain: opts.explain === true,
      });
    });

  const matrix = configure(program.command('matrix'), `${name} matrix`)
    .summary('print who can reach whom, for one port or as connection sets')
    .description(
      'Print the reachability of every pod (or workload) to every other. With --port, a truth ' +
        'table for that port (. allowed, X denied, # self); without, the allowed connections of ' +
        'every pair that has any, including external address ranges.',
    )
    .usage('-f PATH [--port PORT] [flags]');
  addManifestOptions(matrix)
    .addOption(
      new Option('--port <port>', 'destination port number (omit for connection sets)').argParser(
        (value: string) => {
          const port = parsePort(value);
          if (port.kind !== 'number') {
            throw new InvalidArgumentError('reach matrix takes a port number, not a name.');
          }
          return port.port;
        },
      ),
    )
    .addOption(
      new Option('--protocol <protocol>', 'TCP, UDP or SCTP (any case)')
        .argParser(parseProtocol)
        .default('TCP'),
    )
    .addOption(
      new Option('--by <grouping>', 'one row per pod, or per workload (its controller)')
        .choices(['pod', 'workload'])
        .default('pod'),
    )
    .option('-A, --all-namespaces', 'every namespace (the default unless -n is given)')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(MATRIX_FORMATS).default('table'),
    )
    .addHelpText('after', () => matrixHelp(name))
    .action((_opts: unknown, cmd: Program) => {
      const opts = cmd.opts<MatrixFlags>();
      const manifests = manifestOptions(cmd, opts);
      const namespaceGiven = cmd.getOptionValueSource('namespace') === 'cli';
      if (namespaceGiven && opts.allNamespaces === true) {
        return cmd.error('error: -n and -A cannot be used together', {
          code: 'reach.namespaceConflict',
          exitCode: ExitCode.invalid,
        });
      }
      onCommand({
        kind: 'matrix',
        ...manifests,
        ...(opts.port === undefined ? {} : { port: opts.port }),
        protocol: opts.protocol,
        by: opts.by,
        ...(namespaceGiven ? { onlyNamespace: opts.namespace } : {}),
        output: opts.output,
      });
    });

  const validate = configure(program.command('validate'), `${name} validate`)
    .summary('check manifests and print every problem found')
    .description(
      'Load the manifests the way `query` does and print every problem found, one per line ' +
        '(file, document, object, field path, message), then a summary. Like a dry run of ' +
        '`kubectl apply`, but for what kube-reach reads.',
    )
    .usage('-f PATH [flags]');
  addManifestOptions(validate)
    .addOption(outputOption())
    .addHelpText('after', () => validateHelp(name))
    .action((_opts: unknown, cmd: Program) => {
      const opts = cmd.opts<ValidateFlags>();
      onCommand({ kind: 'validate', ...manifestOptions(cmd, opts), output: opts.output });
    });

  configure(program.command('version'), `${name} version`)
    .summary('print the version')
    .description('Print the version of reach.')
    .usage('[flags]')
    .addOption(outputOption())
    .addHelpText('after', () => examples([`${name} version`, `${name} version -o json`]))
    .action((opts: { output: OutputFormat }) => {
      onCommand({ kind: 'version', output: opts.output });
    });

  return program;
}

/** Flags as commander hands them over: absent when not given and without a default. */
interface ManifestFlags {
  readonly filename?: readonly string[];
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
}

interface QueryFlags extends ManifestFlags {
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly output: OutputFormat;
  readonly quiet?: boolean;
  readonly explain?: boolean;
}

interface MatrixFlags extends ManifestFlags {
  readonly port?: number;
  readonly protocol: Protocol;
  readonly by: 'pod' | 'workload';
  readonly allNamespaces?: boolean;
  readonly output: MatrixFormat;
}

interface ValidateFlags extends ManifestFlags {
  readonly output: OutputFormat;
}

function addManifestOptions(cmd: Program): Program {
  return cmd
    .addOption(
      new Option(
        '-f, --filename <path>',
        'manifest file, directory of *.yaml/*.yml/*.json, or - for stdin (repeatable)',
      ).argParser((value: string, previous: readonly string[] | undefined) => [
        ...(previous ?? []),
        value,
      ]),
    )
    .option('-R, --recursive', 'read directories given with -f recursively')
    .addOption(
      new Option(
        '-n, --namespace <namespace>',
        'namespace for objects and endpoints that name none',
      )
        .argParser(parseNamespace)
        .default('default'),
    )
    .option(
      '--include-terminated-pods',
      'keep pods in phase Succeeded or Failed (they are not endpoints in a live cluster)',
    )
    .addOption(
      new Option(
        '--ipblock-pods',
        'an ipBlock matches pods by their IPs (plugin-dependent)',
      ).default(true),
    )
    .option('--no-ipblock-pods', 'an ipBlock matches only addresses outside the cluster');
}

/** The shared flags, checked: at least one `-f` is required. Exits through commander if not. */
function manifestOptions(cmd: Program, flags: ManifestFlags): ManifestOptions {
  const filenames = flags.filename ?? [];
  if (filenames.length === 0) {
    cmd.error('error: no manifests given; pass -f FILE, -f DIRECTORY or -f - (stdin)', {
      code: 'reach.missingFilename',
      exitCode: ExitCode.invalid,
    });
  }
  return {
    filenames,
    recursive: flags.recursive === true,
    namespace: flags.namespace,
    includeTerminatedPods: flags.includeTerminatedPods === true,
    ipBlockMatchesPods: flags.ipblockPods,
  };
}

function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format')
    .choices(OUTPUT_FORMATS)
    .default('table');
}

/** A port number 1-65535, or an IANA service name as a container port name is spelled. */
export function parsePort(value: string): PortArg {
  if (/^[0-9]+$/.test(value)) {
    const port = Number(value);
    if (port < 1 || port > MAX_PORT) {
      throw new InvalidArgumentError(`A port number must be between 1 and ${MAX_PORT}.`);
    }
    return { kind: 'number', port };
  }
  const validName =
    value.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--');
  if (!validName) {
    throw new InvalidArgumentError(
      'Expected a port number (1-65535) or a container port name (lower case, at most 15 characters).',
    );
  }
  return { kind: 'name', name: value };
}

function parseProtocol(value: string): Protocol {
  const protocol = PROTOCOLS.find((p) => p === value.toUpperCase());
  if (protocol === undefined) {
    throw new InvalidArgumentError(`Allowed protocols are ${PROTOCOLS.join(', ')}.`);
  }
  return protocol;
}

function parseNamespace(value: string): string {
  if (value === '') throw new InvalidArgumentError('A namespace cannot be empty.');
  return value;
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

const EXIT_CODES_QUERY = `
Exit codes:
  0  allowed
  1  denied
  2  invalid input: bad manifests, unknown endpoint or port name, bad flags`;

function programHelp(name: string): string {
  return `${examples([
    `${name} query -f k8s/ ops/ci-runner production/deployment/web --port 80`,
    `${name} matrix -f k8s/ -R --port 80`,
    `${name} validate -f k8s/ -R`,
  ])}

Exit codes:
  0  allowed (query), no errors (validate)
  1  denied (query)
  2  invalid input or usage

Run '${name} COMMAND --help' for more about a command.`;
}

function queryHelp(name: string): string {
  return `
Endpoints:
  NAMESPACE/NAME       a Pod, or a workload: its Pods in the manifests, if any,
                       else its pod template
  NAMESPACE/KIND/NAME  the same, by kind (any case): pod (po), deployment
                       (deploy), statefulset (sts), daemonset (ds), replicaset
                       (rs), replicationcontroller (rc), job, cronjob (cj)
  NAME, KIND/NAME      the same, in the namespace of -n
  IP                   an IPv4 or IPv6 address: the pod that has it, or else
                       an address outside the cluster
  An endpoint that stands for several pods is allowed only if all are.
${examples([
  `${name} query -f k8s/ ops/ci-runner production/deployment/web --port 80`,
  `${name} query -f k8s/ -R -n production deploy/api deploy/web --port http`,
  `${name} query -f k8s/ dev/debug kube-system/coredns --port 53 --protocol udp`,
  `cat all.yaml | ${name} query -f - 198.51.100.7 shop/web --port 443 -o json`,
  `${name} query -q -f k8s/ ops/ci-runner shop/web --port 80 && echo reachable`,
])}
${EXIT_CODES_QUERY}`;
}

function matrixHelp(name: string): string {
  return `
Output:
  With --port: a truth table (. allowed, X denied, # a pod to itself); -o json
  prints {"kind":"ReachabilityMatrix","port":..,"protocol":..,"pods":[..],
  "allowed":[[..]]} where allowed[i][j] says whether pods[i] reaches pods[j].
  Without --port: every ordered pair with some allowed connection, as port sets
  ("TCP 80,443; UDP 53" or "all"), external peers as IP ranges first-last.
  -o json prints {"kind":"ConnectivityList","connections":[{from,to,allowed}]}.
  --by workload names pods by their controller (namespace/kind/name).
${examples([
  `${name} matrix -f k8s/ -R --port 80`,
  `${name} matrix -f k8s/ -R --by workload -o json`,
  `${name} matrix -f k8s/ -n shop --port 5432 -o md`,
  `${name} matrix -f k8s/ --by workload -o dot | dot -Tsvg > reach.svg`,
])}

Exit codes:
  0  printed
  2  invalid input or usage`;
}

function validateHelp(name: string): string {
  return `${examples([
    `${name} validate -f cluster.yaml`,
    `${name} validate -f k8s/ -R -o json`,
    `kubectl get netpol,pods,ns -A -o yaml | ${name} validate -f -`,
  ])}

Exit codes:
  0  no errors (warnings allowed)
  2  the manifests have errors, or a path cannot be read`;
}
