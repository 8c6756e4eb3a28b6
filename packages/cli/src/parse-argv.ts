import type { LabelSelector, Protocol } from '@kube-reach/core';
import { PROTOCOLS, parseEndpoint, parseLabelSelector, parsePortQuery } from '@kube-reach/core';
import {
  Argument,
  CommanderError,
  InvalidArgumentError,
  Option,
  Command as Program,
} from 'commander';
import type { ColorMode } from './color.js';
import { COLOR_MODES } from './color.js';
import type {
  Command,
  CompletionSpec,
  EndpointOptions,
  ManifestOptions,
  MatchMode,
  MatrixFormat,
  OutputFormat,
  PeersFormat,
  PortArg,
  Shell,
  TestFormat,
} from './command.js';
import {
  ExitCode,
  MATRIX_FORMATS,
  OUTPUT_FORMATS,
  PEERS_FORMATS,
  SHELLS,
  TEST_FORMATS,
} from './command.js';
import { loadingFlags } from './commands/command-kit.js';
import { registerDiffCommand } from './commands/diff-args.js';
import { registerLintCommand } from './commands/lint-args.js';
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
      'Ask whether FROM can open a connection to TO on a port, given the NetworkPolicies in ' +
        'the manifests (like `kubectl auth can-i` for network traffic). Prints yes or no; the ' +
        'exit code says the same. Without --port, prints which ports FROM may use.',
    )
    .usage('FROM TO -f PATH [--port PORT] [flags]')
    .argument('<FROM>', 'source endpoint (see Endpoints below)')
    .argument('<TO>', 'destination endpoint');
  addManifestOptions(query)
    .addOption(allNamespacesOption())
    .addOption(portOption())
    .addOption(protocolOption())
    .addOption(matchOption())
    .addOption(clusterCidrOption())
    .addOption(outputOption())
    .option('-q, --quiet', 'print nothing; answer with the exit code only')
    .option('--explain', 'say which policies isolate each side and which rule allowed it')
    .addOption(colorOption())
    .addHelpText('after', () => queryHelp(name))
    .action((from: string, to: string, _opts: unknown, cmd: Program) => {
      const opts = cmd.opts<QueryFlags>();
      const manifests = manifestOptions(cmd, opts);
      onCommand({
        kind: 'query',
        from,
        to,
        ...manifests,
        ...endpointOptions(opts),
        ...portAndProtocol(cmd, opts),
        output: opts.output,
        quiet: opts.quiet === true,
        explain: opts.explain === true,
        color: opts.color,
      });
    });

  for (const direction of ['to', 'from'] as const) {
    const commandName = direction === 'to' ? 'who-can-reach' : 'reachable-from';
    const argument = direction === 'to' ? 'TO' : 'FROM';
    const peers = configure(program.command(commandName), `${name} ${commandName}`)
      .summary(
        direction === 'to'
          ? 'list the pods and address ranges that can reach an endpoint'
          : 'list the pods and address ranges an endpoint can reach',
      )
      .description(
        direction === 'to'
          ? 'List every pod (and external address range) that can open a connection to TO, on ' +
              'a port or, without --port, on which ports. Like `kubectl get`: a table, exit 0.'
          : 'List every pod (and external address range) that FROM can open a connection to, ' +
              'on a port or, without --port, on which ports. Like `kubectl get`: a table, exit 0.',
      )
      .usage(`${argument} -f PATH [--port PORT] [flags]`)
      .argument(`<${argument}>`, direction === 'to' ? 'destination endpoint' : 'source endpoint');
    addManifestOptions(peers)
      .addOption(
        allNamespacesOption('list pods of every namespace (the default unless -n is given)'),
      )
      .addOption(
        new Option(
          '-l, --selector <selector>',
          "list only pods whose labels match (kubectl's grammar)",
        ).argParser(parseSelector),
      )
      .addOption(portOption())
      .addOption(protocolOption())
      .addOption(matchOption())
      .addOption(clusterCidrOption())
      .addOption(
        new Option('-o, --output <format>', 'output format')
          .choices(PEERS_FORMATS)
          .default('table'),
      )
      .option('--no-headers', "don't print the column headers")
      .option('-q, --quiet', 'no notes, warnings or progress; just the list')
      .addHelpText('after', () => peersHelp(name, commandName, direction))
      .action((endpoint: string, _opts: unknown, cmd: Program) => {
        const opts = cmd.opts<PeersFlags>();
        const manifests = manifestOptions(cmd, opts);
        const namespaceGiven = namespaceConflict(cmd, opts);
        onCommand({
          kind: 'peers',
          direction,
          endpoint,
          ...manifests,
          ...endpointOptions(opts),
          ...portAndProtocol(cmd, opts),
          ...(opts.selector === undefined ? {} : { selector: opts.selector }),
          ...(namespaceGiven ? { onlyNamespace: opts.namespace } : {}),
          output: opts.output,
          noHeaders: opts.headers === false,
          quiet: opts.quiet === true,
        });
      });
  }

  const test = configure(program.command('test'), `${name} test`)
    .summary('check a file of reachability expectations, for CI')
    .description(
      'Check every expectation of the SPEC files (YAML lists of {name, from, to, port, ' +
        'protocol, expect: allow|deny}; JSON Schema: schema/expectations.schema.json in the ' +
        'package) against the manifests. Prints a table, then the explanation of each failure, ' +
        'then "N passed, M failed". -o junit writes a JUnit XML report for GitLab and Jenkins.',
    )
    .usage('SPEC... -f PATH [flags]')
    .argument(
      '<SPEC...>',
      'expectation files or directories of *.yaml/*.yml (- for stdin, if -f does not use it)',
    );
  addManifestOptions(test)
    .addOption(allNamespacesOption())
    .addOption(clusterCidrOption())
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(TEST_FORMATS).default('table'),
    )
    .option('--no-headers', "don't print the column headers")
    .option('-q, --quiet', 'print only failures and the summary line')
    .addOption(colorOption())
    .addHelpText('after', () => testHelp(name))
    .action((specs: string[], _opts: unknown, cmd: Program) => {
      const opts = cmd.opts<TestFlags>();
      const manifests = manifestOptions(cmd, opts);
      if (specs.includes('-') && manifests.filenames.includes('-')) {
        return cmd.error(
          'error: standard input cannot hold both the manifests (-f -) and a SPEC (-)',
          {
            code: 'reach.stdinTwice',
            exitCode: ExitCode.invalid,
          },
        );
      }
      onCommand({
        kind: 'test',
        specs,
        ...manifests,
        clusterCidrs: opts.clusterCidr ?? [],
        output: opts.output,
        noHeaders: opts.headers === false,
        quiet: opts.quiet === true,
        color: opts.color,
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
          if (port.kind !== 'number' || port.protocol !== undefined) {
            throw new InvalidArgumentError(
              'reach matrix takes a port number (not a name or range; the protocol goes in --protocol).',
            );
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
    .option('--no-headers', "don't print the column headers (table, wide)")
    .option('-q, --quiet', 'no warnings or progress')
    .addOption(colorOption())
    .addHelpText('after', () => matrixHelp(name))
    .action((_opts: unknown, cmd: Program) => {
      const opts = cmd.opts<MatrixFlags>();
      const manifests = manifestOptions(cmd, opts);
      const namespaceGiven = namespaceConflict(cmd, opts);
      onCommand({
        kind: 'matrix',
        ...manifests,
        noHeaders: opts.headers === false,
        quiet: opts.quiet === true,
        color: opts.color,
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
    .addOption(allNamespacesOption())
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

  const kit = { name, configure, addManifestOptions, addReadingOptions, manifestOptions };
  registerLintCommand(program, kit, onCommand);
  registerDiffCommand(program, kit, onCommand);

  configure(program.command('completion'), `${name} completion`)
    .summary('print a shell completion script (bash, zsh, fish)')
    .description('Print a script that completes commands, flags and their values in your shell.')
    .usage('SHELL')
    .addArgument(new Argument('<SHELL>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', () =>
      examples([
        `source <(${name} completion bash)`,
        `${name} completion zsh > "\${fpath[1]}/_${name.replace(/ /g, '-')}"`,
        `${name} completion fish > ~/.config/fish/completions/${name.replace(/ /g, '-')}.fish`,
      ]),
    )
    .action((shell: Shell) => {
      onCommand({ kind: 'completion', shell, spec: completionSpec(program, name) });
    });

  return program;
}

/** The commands and flags of the program, for completion scripts. */
function completionSpec(program: Program, name: string): CompletionSpec {
  return {
    program: name,
    commands: [
      ...program.commands.map((command) => ({
        name: command.name(),
        summary: command.summary() || command.description(),
        options: command.options
          .filter((option) => !option.hidden)
          .map((option) => ({
            ...(option.short === undefined ? {} : { short: option.short }),
            ...(option.long === undefined ? {} : { long: option.long }),
            description: option.description,
            takesValue: option.required || option.optional,
            ...(option.argChoices === undefined ? {} : { choices: option.argChoices }),
            files: option.long === '--filename',
          })),
        fileArguments: command.name() === 'test',
      })),
      { name: 'help', summary: 'show help for a command', options: [], fileArguments: false },
    ],
  };
}

/** Flags as commander hands them over: absent when not given and without a default. */
interface ManifestFlags {
  readonly filename?: readonly string[];
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
}

interface EndpointFlags {
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly match: MatchMode;
  readonly clusterCidr?: readonly string[];
}

interface QueryFlags extends ManifestFlags, EndpointFlags {
  readonly output: OutputFormat;
  readonly quiet?: boolean;
  readonly explain?: boolean;
  readonly color: ColorMode;
}

interface PeersFlags extends ManifestFlags, EndpointFlags {
  readonly allNamespaces?: boolean;
  readonly selector?: LabelSelector;
  readonly output: PeersFormat;
  readonly headers: boolean;
  readonly quiet?: boolean;
}

interface TestFlags extends ManifestFlags {
  readonly clusterCidr?: readonly string[];
  readonly output: TestFormat;
  readonly headers: boolean;
  readonly quiet?: boolean;
  readonly color: ColorMode;
}

interface MatrixFlags extends ManifestFlags {
  readonly port?: number;
  readonly protocol: Protocol;
  readonly by: 'pod' | 'workload';
  readonly allNamespaces?: boolean;
  readonly output: MatrixFormat;
  readonly headers: boolean;
  readonly quiet?: boolean;
  readonly color: ColorMode;
}

interface ValidateFlags extends ManifestFlags {
  readonly output: OutputFormat;
}

function addManifestOptions(cmd: Program): Program {
  return addReadingOptions(
    cmd.addOption(
      new Option(
        '-f, --filename <path>',
        'manifest file, directory of *.yaml/*.yml/*.json, or - for stdin (repeatable)',
      ).argParser((value: string, previous: readonly string[] | undefined) => [
        ...(previous ?? []),
        value,
      ]),
    ),
  );
}

/** How manifests are read and how the plugin enforces them: every command that reads some. */
function addReadingOptions(cmd: Program): Program {
  return cmd
    .option('-R, --recursive', 'read directories recursively')
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
    .option('--no-ipblock-pods', 'an ipBlock matches only addresses outside the cluster')
    .addOption(
      new Option(
        '--host-network-pods <mode>',
        'hostNetwork pods: node (no policy applies to them; their IPs are node traffic) or pods (policies apply as to any pod)',
      )
        .choices(['node', 'pods'])
        .default('node'),
    )
    .option('--strict', 'unknown fields are errors (as kubectl apply --validate=strict)')
    .option('--allow-empty', 'accept input without pods or workloads')
    .option(
      '--fail-on-unevaluated',
      'policies reach cannot evaluate (Cilium, Calico, Istio, ...) are errors (exit 2)',
    );
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
    hostNetworkPods: flags.hostNetworkPods,
    ...loadingFlags(flags),
  };
}

function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format')
    .choices(OUTPUT_FORMATS)
    .default('table');
}

/**
 * `--port`: a number, a name (lower case, at most 15 characters), a range `8000-8080`, each
 * optionally followed by `/tcp`, `/udp` or `/sctp` (see `parsePortQuery` in core).
 */
export function parsePort(value: string): PortArg {
  const parsed = parsePortQuery(value);
  if (!parsed.ok) throw new InvalidArgumentError(`${capitalize(parsed.message)}.`);
  return parsed.port;
}

function capitalize(text: string): string {
  return `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;
}

function parseSelector(value: string): LabelSelector {
  const parsed = parseLabelSelector(value);
  if (!parsed.ok) throw new InvalidArgumentError(`${capitalize(parsed.message)}.`);
  return parsed.selector;
}

function parseCidr(value: string, previous: readonly string[] | undefined): string[] {
  const parsed = parseEndpoint(value);
  if (!parsed.ok || (parsed.spec.kind !== 'cidr' && parsed.spec.kind !== 'address')) {
    throw new InvalidArgumentError('Expected a CIDR block such as 10.0.0.0/8 or fd00::/48.');
  }
  const text = parsed.spec.kind === 'cidr' ? parsed.spec.cidr : parsed.spec.address;
  return [...(previous ?? []), text];
}

function portOption(): Option {
  return new Option(
    '--port <port>',
    'destination port: a number, a port name of TO, a range 8000-8080, or 53/udp (omit: which ports?)',
  ).argParser(parsePort);
}

function protocolOption(): Option {
  return new Option('--protocol <protocol>', 'TCP, UDP or SCTP (any case)')
    .argParser(parseProtocol)
    .default('TCP');
}

function matchOption(): Option {
  return new Option(
    '--match <mode>',
    'for endpoints that stand for several pods or addresses: yes when all pairs are allowed, or any',
  )
    .choices(['all', 'any'])
    .default('all');
}

function clusterCidrOption(): Option {
  return new Option(
    '--cluster-cidr <cidr>',
    'an address block of the cluster (pods, nodes, services), never external (repeatable)',
  ).argParser(parseCidr);
}

function colorOption(): Option {
  return new Option(
    '--color <when>',
    'colour the table output: auto (a terminal, no NO_COLOR), always, never',
  )
    .choices(COLOR_MODES)
    .default('auto');
}

function allNamespacesOption(
  description = 'accepted as in kubectl; every namespace of the manifests is always read',
): Option {
  return new Option('-A, --all-namespaces', description);
}

/** The flags of endpoint commands, checked. */
function endpointOptions(flags: EndpointFlags): EndpointOptions {
  return { clusterCidrs: flags.clusterCidr ?? [], match: flags.match };
}

/** `--port 53/udp` carries its protocol; `--protocol` may repeat it but not contradict it. */
function portAndProtocol(
  cmd: Program,
  flags: EndpointFlags,
): { port?: PortArg; protocol: Protocol } {
  const { port } = flags;
  if (port === undefined) return { protocol: flags.protocol };
  if (port.protocol === undefined) return { port, protocol: flags.protocol };
  if (cmd.getOptionValueSource('protocol') === 'cli' && flags.protocol !== port.protocol) {
    cmd.error(
      `error: --port says ${port.protocol} but --protocol says ${flags.protocol}; give the protocol once`,
      { code: 'reach.protocolConflict', exitCode: ExitCode.invalid },
    );
  }
  return { port, protocol: port.protocol };
}

/** Whether `-n` was given; exits through commander when `-A` was given too. */
function namespaceConflict(cmd: Program, flags: { readonly allNamespaces?: boolean }): boolean {
  const namespaceGiven = cmd.getOptionValueSource('namespace') === 'cli';
  if (namespaceGiven && flags.allNamespaces === true) {
    cmd.error('error: -n and -A cannot be used together', {
      code: 'reach.namespaceConflict',
      exitCode: ExitCode.invalid,
    });
  }
  return namespaceGiven;
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
  0  allowed (without --port: some port is allowed)
  1  denied (without --port: no port is)
  2  invalid input: bad manifests, unknown endpoint or port name, bad flags`;

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
  0  allowed (query), all expectations hold (test), done (other commands)
  1  denied (query), some expectation does not hold (test)
  2  invalid input: manifests, endpoints, ports, expectation files, flags

Run '${name} COMMAND --help' for more about a command.`;
}

const ENDPOINTS_HELP = `
Endpoints:
  NAMESPACE/NAME       a Pod, or a workload: its Pods in the manifests, if
                       any, else its pod template
  NAMESPACE/KIND/NAME  the same, by kind (any case): pod (po), deployment
                       (deploy), statefulset (sts), daemonset (ds), replicaset
                       (rs), replicationcontroller (rc), job, cronjob (cj)
  NAMESPACE/svc/NAME   a Service: its backing pods; --port is a Service port,
                       translated to its targetPort (policies see pod ports)
  NAME, KIND/NAME      the same, in the namespace of -n
  NAMESPACE/[k=v,...]  a hypothetical new pod with exactly these labels
                       (k!=v: it does not carry k=v); [k=v] uses -n
  IP                   an IPv4 or IPv6 address: the pod that has it, or else
                       an address outside the cluster
  CIDR                 every address of the block (203.0.113.0/24)
  external, world      every public IPv4 address outside the cluster, pod
                       IPs and --cluster-cidr
  An endpoint that stands for several pods or address ranges is allowed only
  if all pairs are (--match all), or if some pair is (--match any).

Ports:
  --port 8080, --port http (a named port of TO), --port 53/udp,
  --port 8000-8080 (allowed when every port is); no --port: which ports?`;

function queryHelp(name: string): string {
  return `${ENDPOINTS_HELP}
${examples([
  `${name} query -f k8s/ ops/ci-runner production/deployment/web --port 80`,
  `${name} query -f k8s/ -R -n production deploy/api deploy/web --port http`,
  `${name} query -f k8s/ shop/deploy/web shop/svc/db --port 5432 --explain`,
  `${name} query -f k8s/ dev/debug kube-system/coredns --port 53/udp`,
  `${name} query -f k8s/ 'shop/[app=web]' shop/deploy/api`,
  `${name} query -f k8s/ external shop/deploy/web --port 443 --match any`,
  `cat all.yaml | ${name} query -f - 198.51.100.7 shop/web --port 443 -o json`,
  `${name} query -q -f k8s/ ops/ci-runner shop/web --port 80 && echo reachable`,
])}
${EXIT_CODES_QUERY}`;
}

function peersHelp(name: string, command: string, direction: 'to' | 'from'): string {
  const subject = direction === 'to' ? 'shop/statefulset/db' : 'shop/deployment/web';
  return `
Output:
  table: NAMESPACE, NAME, and the PORT (after translation) or CONNECTIONS;
  wide adds KIND and LABELS; name prints one endpoint per line; json and
  yaml print a ${direction === 'to' ? 'WhoCanReach' : 'ReachableFrom'} document. External address ranges are listed
  too, unless -n or -l is given. The endpoint's own pods are left out.
  Endpoints and ports: see '${name} query --help'.
${examples([
  `${name} ${command} -f k8s/ -R ${subject} --port 5432`,
  `${name} ${command} -f k8s/ ${subject} -n shop -l 'app in (web,api)'`,
  `${name} ${command} -f k8s/ ${direction === 'to' ? 'svc/db -n shop' : 'external'} -o wide`,
  `${name} ${command} -f k8s/ ${subject} -o name --no-headers`,
])}

Exit codes:
  0  listed (also when nothing matches)
  2  invalid input or usage`;
}

function testHelp(name: string): string {
  return `
Expectations (YAML):
  - name: web reaches the database through its Service
    from: shop/deployment/web
    to: shop/svc/db
    port: 5432            # a Service port; 53/udp, 8000-8080, http work too
    expect: allow         # allow | deny
  - from: external
    to: shop/statefulset/db
    expect: deny          # no port: deny = no port at all
  allow holds when every pair behind the endpoints is allowed, deny when every
  pair is denied (match: any or all overrides this).
${examples([
  `${name} test expectations.yaml -f k8s/ -R`,
  `${name} test tests/*.yaml -f k8s/ -o junit > reach-junit.xml`,
  `helm template shop ./chart | ${name} test expectations.yaml -f -`,
])}

Exit codes:
  0  every expectation holds
  1  some expectation does not hold (each failure is explained)
  2  an expectation file or an endpoint in it is invalid, or bad manifests`;
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
    `kubectl get ns,pods,deploy,sts,ds,svc,netpol -A -o yaml | ${name} validate -f -`,
    `kustomize build overlays/prod | ${name} validate -f -`,
  ])}

Exit codes:
  0  no errors (warnings allowed)
  2  the manifests have errors, or a path cannot be read`;
}
