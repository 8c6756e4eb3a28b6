import type { Pod, QueryOutcome, ResolvedEndpoint } from '@kube-reach/core';
import { formatConnectionSet, matchesLabelSelector, query } from '@kube-reach/core';
import { streamed, writeNdjson, writeTable } from '@kube-reach/core/format';
import type { PeersCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { printEndpointError, printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { writeDocument } from '../render.js';
import { openSession } from '../session.js';

/** One pod or address range in the answer. */
interface Peer {
  /** Canonical endpoint text: `ns/name`, or an address range `first-last`. */
  readonly endpoint: string;
  /** `null` for an address range. */
  readonly namespace: string | null;
  readonly name: string;
  readonly kind: 'pod' | 'template' | 'addresses';
  readonly labels: string;
  readonly outcome: QueryOutcome;
}

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

  const request = {
    ...(cmd.port === undefined ? {} : { port: cmd.port }),
    protocol: cmd.protocol,
    match: cmd.match,
    explain: false,
  };
  const peers: Peer[] = [];
  let notes: readonly string[] = [];
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
    if (evaluation.outcome.allowed) peers.push(peerOf(other, evaluation.outcome));
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
  await write(cmd, subject, peers, io);
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

function peerOf(other: ResolvedEndpoint, outcome: QueryOutcome): Peer {
  const target = other.targets[0];
  const pod = target?.pod;
  if (pod === undefined) {
    return {
      endpoint: other.name,
      namespace: null,
      name: other.name,
      kind: 'addresses',
      labels: '',
      outcome,
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
    outcome,
  };
}

/** `TCP/80`, `TCP/15432` (after translation), or the connection set. */
function portsText(peer: Peer): string {
  const { outcome } = peer;
  if (outcome.asked === 'none') return formatConnectionSet(outcome.connections ?? {});
  if (outcome.asked === 'range') return outcome.trafficText;
  const ports = [...new Set(outcome.pairs.flatMap((p) => (p.port === undefined ? [] : [p.port])))];
  return `${outcome.protocol}/${ports.join(',')}`;
}

/** `{ports: [8080]}` for one port (after translation), else the connections allowed. */
function peerTraffic(outcome: QueryOutcome): object {
  if (outcome.asked === 'none') return { connections: outcome.connections ?? {} };
  if (outcome.asked === 'range') {
    return { connections: outcome.pairs[0]?.connections ?? {} };
  }
  const ports = [...new Set(outcome.pairs.flatMap((p) => (p.port === undefined ? [] : [p.port])))];
  return { ports: ports.sort((a, b) => a - b) };
}

/** One peer as the documents list it. */
function peerDocument(p: Peer): object {
  return {
    endpoint: p.endpoint,
    namespace: p.namespace,
    name: p.name,
    kind: p.kind,
    ...peerTraffic(p.outcome),
  };
}

function write(
  cmd: PeersCommand,
  subject: ResolvedEndpoint,
  peers: readonly Peer[],
  io: Io,
): Promise<void> {
  const portHeader = cmd.port === undefined ? 'CONNECTIONS' : 'PORT';
  const out = stdoutSink(io);
  switch (cmd.output) {
    case 'name':
      return writeTable({ rows: peers.map((p) => [p.endpoint]) }, out);
    case 'table':
      return writeTable(
        {
          headers: cmd.noHeaders ? undefined : ['NAMESPACE', 'NAME', portHeader],
          rows: peers.map((p) => [p.namespace ?? '<none>', p.name, portsText(p)]),
        },
        out,
      );
    case 'wide':
      return writeTable(
        {
          headers: cmd.noHeaders ? undefined : ['NAMESPACE', 'NAME', portHeader, 'KIND', 'LABELS'],
          rows: peers.map((p) => [
            p.namespace ?? '<none>',
            p.name,
            portsText(p),
            p.kind,
            p.labels === '' ? '<none>' : p.labels,
          ]),
        },
        out,
      );
    case 'ndjson':
      return writeNdjson(peers.map(peerDocument), out);
    case 'json':
    case 'yaml': {
      const port = cmd.port;
      return writeDocument(io, cmd.output, {
        apiVersion: API_VERSION,
        kind: cmd.direction === 'to' ? 'WhoCanReach' : 'ReachableFrom',
        [cmd.direction === 'to' ? 'to' : 'from']: subject.name,
        traffic:
          port === undefined
            ? null
            : port.kind === 'range'
              ? { port: port.first, endPort: port.last, protocol: cmd.protocol }
              : { port: port.kind === 'number' ? port.port : port.name, protocol: cmd.protocol },
        match: cmd.match,
        peers: streamed(peers.map(peerDocument)),
      });
    }
  }
}
