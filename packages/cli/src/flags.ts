import type { LabelSelector, Labels, Protocol } from '@kube-reach/core';
import { PROTOCOLS, parseEndpoint, parseLabelSelector, parsePortQuery } from '@kube-reach/core';
import { InvalidArgumentError, Option, type Command as Program } from 'commander';
import type { KnobFlags } from './cni-flags.js';
import { cniOption, knobOption, semanticsOptions } from './cni-flags.js';
import { COLOR_MODES } from './color.js';
import type { EndpointOptions, ManifestOptions, MatchMode, PortArg } from './command.js';
import { ExitCode, OUTPUT_FORMATS } from './command.js';
import { errorLine } from './print.js';

/**
 * The flags several commands share: the `-f` family that says which manifests are read and
 * how, `-o`, `--color`, and the endpoint flags (`--port`, `--protocol`, `--match`,
 * `--cluster-cidr`). Each command module adds the ones it takes; a flag means the same
 * everywhere because it is defined once, here.
 */

/** The `-f` family of flags as commander hands them over: absent when not given. */
export interface ManifestFlags {
  readonly filename?: readonly string[];
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
  readonly cni?: readonly string[];
  readonly knob?: KnobFlags;
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly namespaceLabels?: NamespaceLabels;
}

/** The endpoint flags as commander hands them over. */
export interface EndpointFlags {
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly match: MatchMode;
  readonly clusterCidr?: readonly string[];
}

/** Adds `-f` and the reading flags ({@link addReadingOptions}). */
export function addManifestOptions(cmd: Program): Program {
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
export function addReadingOptions(cmd: Program): Program {
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
    .addOption(cniOption())
    .addOption(knobOption())
    .option('--strict', 'unknown fields are errors (as kubectl apply --validate=strict)')
    .option('--allow-empty', 'accept input without pods or workloads')
    .option(
      '--fail-on-unevaluated',
      'policies reach cannot evaluate (Cilium, Calico, Istio, ...) are errors (exit 2)',
    )
    .addOption(namespaceLabelsOption());
}

/** Labels of namespaces the manifests use but do not declare, by namespace name. */
export type NamespaceLabels = Readonly<Record<string, Labels>>;

/**
 * `--namespace-labels NS=KEY=VALUE,KEY2=VALUE2` (repeatable; repeats of one namespace add up):
 * labels for a namespace that `helm template` or `kustomize build` output uses without declaring.
 */
function namespaceLabelsOption(): Option {
  return new Option(
    '--namespace-labels <ns=k=v,...>',
    'labels of a namespace the manifests use but do not declare (repeatable)',
  ).argParser(parseNamespaceLabels);
}

/** Reads one `--namespace-labels` value into the ones before it. */
export function parseNamespaceLabels(
  value: string,
  previous: NamespaceLabels | undefined,
): NamespaceLabels {
  const at = value.indexOf('=');
  const namespace = at < 0 ? '' : value.slice(0, at);
  // The grammar of `-l` with only `k=v` terms: kubectl's equality parses as `In` of one value.
  const selector = parseLabelSelector(value.slice(at + 1));
  const pairs = selector.ok
    ? selector.selector.matchExpressions.map((r) =>
        r.operator === 'In' && r.values.length === 1 ? ([r.key, r.values[0] ?? ''] as const) : null,
      )
    : [null];
  const given = [...(selector.ok ? selector.selector.matchLabels : []), ...pairs];
  if (namespace === '' || given.length === 0 || given.some((pair) => pair === null)) {
    throw new InvalidArgumentError(
      'Expected NAMESPACE=KEY=VALUE[,KEY=VALUE...], e.g. shop=team=web,env=prod.',
    );
  }
  const labels = new Map([
    ...(previous?.[namespace] ?? []),
    ...given.filter((pair): pair is readonly [string, string] => pair !== null),
  ]);
  return { ...previous, [namespace]: labels };
}

/**
 * The shared flags, checked: at least one `-f` is required, and one `--cni` unless the command
 * compares several (`several`). Exits through commander if not.
 */
export function manifestOptions(
  cmd: Program,
  flags: ManifestFlags,
  several = false,
): ManifestOptions {
  const filenames = flags.filename ?? [];
  if (!several && (flags.cni?.length ?? 0) > 1) {
    usageError(cmd, '--cni takes one profile here (reach matrix compares several)', 'cniList');
  }
  if (filenames.length === 0) {
    usageError(
      cmd,
      'no manifests given; pass -f FILE, -f DIRECTORY or -f - (stdin)',
      'missingFilename',
    );
  }
  return {
    filenames,
    recursive: flags.recursive === true,
    namespace: flags.namespace,
    includeTerminatedPods: flags.includeTerminatedPods === true,
    ...semanticsOptions(cmd, flags),
    ...((flags.cni?.length ?? 0) > 1 ? { cnis: flags.cni } : {}),
    ...loadingFlags(flags),
  };
}

/**
 * `--strict`, `--allow-empty`, `--fail-on-unevaluated` and `--namespace-labels`, for every
 * command reading manifests.
 */
export function loadingFlags(flags: {
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
  readonly namespaceLabels?: NamespaceLabels;
}): Pick<ManifestOptions, 'strict' | 'allowEmpty' | 'failOnUnevaluated' | 'namespaceLabels'> {
  return {
    strict: flags.strict === true,
    allowEmpty: flags.allowEmpty === true,
    failOnUnevaluated: flags.failOnUnevaluated === true,
    ...(flags.namespaceLabels === undefined ? {} : { namespaceLabels: flags.namespaceLabels }),
  };
}

/** `-o table|json|yaml`. */
export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format')
    .choices(OUTPUT_FORMATS)
    .default('table');
}

/** `-o` with the formats of one command. */
export function formatOption(formats: readonly string[]): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats).default('table');
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

/** `-l`: a label selector in kubectl's grammar. */
export function parseSelector(value: string): LabelSelector {
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

export function portOption(): Option {
  return new Option(
    '--port <port>',
    'destination port: a number, a port name of TO, a range 8000-8080, or 53/udp (omit: which ports?)',
  ).argParser(once(parsePort));
}

/**
 * An argument parser for a flag given at most once: a second `--port` is a usage error, not a
 * silent override of the first (commander keeps the last by default).
 */
export function once<T>(
  parse: (value: string) => T,
): (value: string, previous: T | undefined) => T {
  return (value, previous) => {
    if (previous !== undefined) {
      throw new InvalidArgumentError(
        'Given twice; give it once (a range 8000-8080 covers several ports).',
      );
    }
    return parse(value);
  };
}

export function protocolOption(): Option {
  return new Option('--protocol <protocol>', 'TCP, UDP or SCTP (any case)')
    .argParser(parseProtocol)
    .default('TCP');
}

export function matchOption(): Option {
  return new Option(
    '--match <mode>',
    'for endpoints that stand for several pods or addresses: yes when all pairs are allowed, or any',
  )
    .choices(['all', 'any'])
    .default('all');
}

export function clusterCidrOption(): Option {
  return new Option(
    '--cluster-cidr <cidr>',
    'an address block of the cluster (pods, nodes, services), never external (repeatable)',
  ).argParser(parseCidr);
}

export function colorOption(): Option {
  return new Option(
    '--color <when>',
    'colour the table output: auto (a terminal, no NO_COLOR), always, never',
  )
    .choices(COLOR_MODES)
    .default('auto');
}

export function allNamespacesOption(
  description = 'accepted as in kubectl; every namespace of the manifests is always read',
): Option {
  return new Option('-A, --all-namespaces', description);
}

/** The flags of endpoint commands, checked. */
export function endpointOptions(flags: EndpointFlags): EndpointOptions {
  return { clusterCidrs: flags.clusterCidr ?? [], match: flags.match };
}

/** `--port 53/udp` carries its protocol; `--protocol` may repeat it but not contradict it. */
export function portAndProtocol(
  cmd: Program,
  flags: EndpointFlags,
): { port?: PortArg; protocol: Protocol } {
  const { port } = flags;
  if (port === undefined) return { protocol: flags.protocol };
  if (port.protocol === undefined) return { port, protocol: flags.protocol };
  if (cmd.getOptionValueSource('protocol') === 'cli' && flags.protocol !== port.protocol) {
    usageError(
      cmd,
      `--port says ${port.protocol} but --protocol says ${flags.protocol}; give the protocol once`,
      'protocolConflict',
    );
  }
  return { port, protocol: port.protocol };
}

/** Whether `-n` was given; exits through commander when `-A` was given too. */
export function namespaceConflict(
  cmd: Program,
  flags: { readonly allNamespaces?: boolean },
): boolean {
  const namespaceGiven = cmd.getOptionValueSource('namespace') === 'cli';
  if (namespaceGiven && flags.allNamespaces === true) {
    usageError(cmd, '-n and -A cannot be used together', 'namespaceConflict');
  }
  return namespaceGiven;
}

export function parseProtocol(value: string): Protocol {
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

/**
 * Ends parsing with a usage error (exit 2): `error: message` and the pointer to `--help`, as
 * commander prints its own. `code` names the error for commander (`reach.<code>`).
 */
export function usageError(cmd: Program, message: string, code: string): never {
  return cmd.error(errorLine(message), { code: `reach.${code}`, exitCode: ExitCode.invalid });
}

/** An `Examples:` block for help text. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
