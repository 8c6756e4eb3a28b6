import type {
  EndpointTarget,
  LabelSelector,
  Pod,
  Protocol,
  ResolvedEndpoint,
} from '@kube-reach/core';
import { isEmptySet, matchesLabelSelector, query } from '@kube-reach/core';
import { Option } from 'commander';
import type { EndpointOptions, ManifestOptions, PortArg } from '../command.js';
import { ExitCode } from '../command.js';
import type { EndpointFlags, ManifestFlags } from '../flags.js';
import {
  addManifestOptions,
  allNamespacesOption,
  clusterCidrOption,
  endpointOptions,
  examples,
  formatOption,
  manifestOptions,
  matchOption,
  namespaceConflict,
  parseSelector,
  portAndProtocol,
  portOption,
  protocolOption,
} from '../flags.js';
import type { Io } from '../io.js';
import { printEndpointError, printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { openSession } from '../session.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import type { Peer, PeersFormat, PeerTraffic } from './peers-output.js';
import { PEERS_FORMATS, peerTrafficOf, writePeers } from './peers-output.js';

/** `reach who-can-reach TO` (`direction: 'to'`) and `reach reachable-from FROM` (`'from'`). */
export interface PeersCommand extends ManifestOptions, EndpointOptions {
  readonly kind: 'peers';
  /** `to`: list who can reach `endpoint`; `from`: list what `endpoint` can reach. */
  readonly direction: 'to' | 'from';
  readonly endpoint: string;
  readonly port?: PortArg;
  readonly protocol: Protocol;
  /** `-l`: list only pods whose labels match. */
  readonly selector?: LabelSelector;
  /** `-n` given explicitly: list only this namespace's pods; otherwise (or with `-A`) all. */
  readonly onlyNamespace?: string;
  readonly output: PeersFormat;
  readonly noHeaders: boolean;
  readonly quiet: boolean;
}

interface PeersFlags extends ManifestFlags, EndpointFlags {
  readonly allNamespaces?: boolean;
  readonly selector?: LabelSelector;
  readonly output: PeersFormat;
  readonly headers: boolean;
  readonly quiet?: boolean;
}

/** `reach who-can-reach` (`to`) or `reach reachable-from` (`from`): one definition each. */
function peersCommand(direction: 'to' | 'from'): CommandDefinition<PeersCommand> {
  const commandName = direction === 'to' ? 'who-can-reach' : 'reachable-from';
  const argument = direction === 'to' ? 'TO' : 'FROM';
  return defineCommand<PeersCommand>({
    name: commandName,
    kind: 'peers',
    define(cmd, program) {
      cmd
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
      addManifestOptions(cmd)
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
        .addOption(formatOption(PEERS_FORMATS))
        .option('--no-headers', "don't print the column headers")
        .option('-q, --quiet', 'no notes, warnings or progress; just the list')
        .addHelpText('after', () => peersHelp(program, commandName, direction));
    },
    parse(cmd) {
      const [endpoint] = cmd.processedArgs as [string];
      const opts = cmd.opts<PeersFlags>();
      const manifests = manifestOptions(cmd, opts);
      const namespaceGiven = namespaceConflict(cmd, opts);
      return {
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
      };
    },
    run: runPeers,
  });
}

/** `reach who-can-reach TO`. */
export const whoCanReachCommand: CommandDefinition<PeersCommand> = peersCommand('to');

/** `reach reachable-from FROM`. */
export const reachableFromCommand: CommandDefinition<PeersCommand> = peersCommand('from');

/**
 * `reach who-can-reach TO` and `reach reachable-from FROM`: every pod (and external address
 * range) that can reach the endpoint, or that it can reach. Exit 0 (a listing, like `kubectl
 * get`), 2 for invalid input.
 */
export async function runPeers(cmd: PeersCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const session = await openSession(io, cmd, [cmd.endpoint], progress);
  if (typeof session === 'number') return session;
  const resolved = session.resolve(cmd.endpoint);
  if (!resolved.ok) {
    printEndpointError(io, resolved.issue);
    return ExitCode.invalid;
  }
  const subject = resolved.endpoint;
  const { engine, cluster } = session;
  const own = new Set(
    subject.targets.flatMap((t) => (t.pod !== undefined && !t.pod.fromTemplate ? [t.name] : [])),
  );
  const candidates = cluster.pods.filter(
    (pod) =>
      !pod.name.startsWith('[') &&
      !own.has(`${pod.namespace}/${pod.name}`) &&
      (cmd.onlyNamespace === undefined || pod.namespace === cmd.onlyNamespace) &&
      (cmd.selector === undefined || matchesLabelSelector(pod.labels, cmd.selector)),
  );
  const others: ResolvedEndpoint[] = candidates.map(podEndpoint);
  // Address ranges have no namespace and no labels: listed only when neither filter is given,
  // and never for an address subject (address to address is not a question about policies).
  const subjectIsAddress = subject.targets.every((t) => t.pod === undefined);
  if (cmd.onlyNamespace === undefined && cmd.selector === undefined && !subjectIsAddress) {
    for (const range of engine.addressRanges()) {
      others.push({
        name: range.text,
        kind: 'address',
        targets: [{ endpoint: { address: range.first }, name: range.text }],
        notes: [],
      });
    }
  }

  const peers: Peer[] = [];
  let notes: readonly string[] = [];
  if (cmd.port === undefined && subject.service === undefined) {
    // "Which ports?" for every peer at once: the engine answers per pod class and address
    // range, combining the subject's targets as --match says (pair by pair, `reach who-can-reach
    // external` asked pods x address ranges questions).
    progress.update(`checking ${others.length} peers`);
    const sets = engine.peerConnections(
      subject.targets.map((t) => t.endpoint),
      others.map((o) => (o.targets[0] as EndpointTarget).endpoint),
      cmd.direction,
      cmd.match,
    );
    for (const [index, other] of others.entries()) {
      const connections = sets[index] ?? {};
      if (!isEmptySet(connections)) {
        peers.push(peerOf(other, { asked: 'none', connections }));
      }
    }
  } else {
    const request = {
      ...(cmd.port === undefined ? {} : { port: cmd.port }),
      protocol: cmd.protocol,
      match: cmd.match,
      explain: false,
    };
    for (const [index, other] of others.entries()) {
      if (index % 200 === 0) progress.update(`checking ${index} of ${others.length} peers`);
      const [from, to] = cmd.direction === 'to' ? [other, subject] : [subject, other];
      const evaluation = query(engine, from, to, request);
      if (!evaluation.ok) {
        // A destination without the named port cannot be reached on it; for who-can-reach the
        // destination is the subject, so the error is the user's.
        if (cmd.direction === 'from') continue;
        progress.done();
        return printErrors(
          io,
          evaluation.issues.map((i) => i.message),
        );
      }
      if (index === 0) notes = evaluation.outcome.notes;
      if (evaluation.outcome.allowed) {
        peers.push(peerOf(other, peerTrafficOf(evaluation.outcome)));
      }
    }
  }
  progress.done();

  if (!cmd.quiet) {
    for (const note of [...subject.notes, ...notes]) io.stderr(`note: ${note}\n`);
  }
  const verb = cmd.direction === 'to' ? 'can reach' : 'are reachable from';
  if (
    peers.length === 0 &&
    (cmd.output === 'table' || cmd.output === 'wide' || cmd.output === 'name')
  ) {
    io.stderr(`No pods or address ranges ${verb} ${subject.name}${trafficWords(cmd)}.\n`);
    return ExitCode.ok;
  }
  await writePeers(cmd, subject, peers, session.unevaluated, io);
  return ExitCode.ok;
}

function trafficWords(cmd: PeersCommand): string {
  if (cmd.port === undefined) return '';
  const port = cmd.port;
  const text =
    port.kind === 'number'
      ? `${port.port}`
      : port.kind === 'name'
        ? port.name
        : `${port.first}-${port.last}`;
  return ` on ${cmd.protocol}/${text}`;
}

function podEndpoint(pod: Pod): ResolvedEndpoint {
  const name = `${pod.namespace}/${pod.name}`;
  return {
    name,
    kind: pod.fromTemplate ? 'workload' : 'pod',
    targets: [{ endpoint: { namespace: pod.namespace, name: pod.name }, name, pod }],
    notes: [],
  };
}

function peerOf(other: ResolvedEndpoint, traffic: PeerTraffic): Peer {
  const target = other.targets[0];
  const pod = target?.pod;
  if (pod === undefined) {
    return {
      endpoint: other.name,
      namespace: null,
      name: other.name,
      kind: 'addresses',
      labels: '',
      traffic,
    };
  }
  return {
    endpoint: other.name,
    namespace: pod.namespace,
    name: pod.name,
    kind: pod.fromTemplate ? 'template' : 'pod',
    labels: [...pod.labels]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(','),
    traffic,
  };
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
