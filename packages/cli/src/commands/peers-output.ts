import type {
  ConnectionSet,
  Protocol,
  QueryOutcome,
  ResolvedEndpoint,
  UnevaluatedObject,
} from '@kube-reach/core';
import { formatConnectionSet } from '@kube-reach/core';
import { streamed, writeNdjson, writeTable } from '@kube-reach/core/format';
import type { MatchMode, PortArg } from '../command.js';
import { API_VERSION } from '../command.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { unevaluatedField } from '../load-cluster.js';
import { writeDocument } from '../render.js';

// How `reach who-can-reach` and `reach reachable-from` print their listing: table, wide, name,
// NDJSON, and the WhoCanReach / ReachableFrom documents. Finding the peers is in `peers.ts`.

/** The `-o` formats of `reach who-can-reach` and `reach reachable-from`. */
export type PeersFormat = 'table' | 'wide' | 'json' | 'yaml' | 'ndjson' | 'name';

export const PEERS_FORMATS: readonly PeersFormat[] = [
  'table',
  'wide',
  'json',
  'yaml',
  'ndjson',
  'name',
];

/** One pod or address range in the answer. */
export interface Peer {
  /** Canonical endpoint text: `ns/name`, or an address range `first-last`. */
  readonly endpoint: string;
  /** `null` for an address range. */
  readonly namespace: string | null;
  readonly name: string;
  readonly kind: 'pod' | 'template' | 'addresses';
  readonly labels: string;
  readonly traffic: PeerTraffic;
}

/**
 * What a peer may use: without a port, its connections; with a range, `trafficText` and the
 * connections of the range; with one port (or name), the pod ports asked about, as found.
 */
export type PeerTraffic =
  | { readonly asked: 'none'; readonly connections: ConnectionSet }
  | { readonly asked: 'range'; readonly trafficText: string; readonly connections: ConnectionSet }
  | { readonly asked: 'port'; readonly protocol: Protocol; readonly ports: readonly number[] };

/** A peer's traffic as a query outcome gives it. */
export function peerTrafficOf(outcome: QueryOutcome): PeerTraffic {
  if (outcome.asked === 'none') return { asked: 'none', connections: outcome.connections ?? {} };
  if (outcome.asked === 'range') {
    return {
      asked: 'range',
      trafficText: outcome.trafficText,
      connections: outcome.pairs[0]?.connections ?? {},
    };
  }
  const ports = [...new Set(outcome.pairs.flatMap((p) => (p.port === undefined ? [] : [p.port])))];
  return { asked: 'port', protocol: outcome.protocol, ports };
}

/** What the writers need of the command. */
export interface PeersListing {
  readonly direction: 'to' | 'from';
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly match: MatchMode;
  readonly output: PeersFormat;
  readonly noHeaders: boolean;
}

/** `TCP/80`, `TCP/15432` (after translation), or the connection set. */
function portsText(peer: Peer): string {
  const { traffic } = peer;
  if (traffic.asked === 'none') return formatConnectionSet(traffic.connections);
  if (traffic.asked === 'range') return traffic.trafficText;
  return `${traffic.protocol}/${traffic.ports.join(',')}`;
}

/** `{ports: [8080]}` for one port (after translation), else the connections allowed. */
function peerTraffic(traffic: PeerTraffic): object {
  if (traffic.asked !== 'port') return { connections: traffic.connections };
  return { ports: [...traffic.ports].sort((a, b) => a - b) };
}

/** One peer as the documents list it. */
function peerDocument(p: Peer): object {
  return {
    endpoint: p.endpoint,
    namespace: p.namespace,
    name: p.name,
    kind: p.kind,
    ...peerTraffic(p.traffic),
  };
}

/** Writes the listing to standard output in the `-o` format. */
export function writePeers(
  cmd: PeersListing,
  subject: ResolvedEndpoint,
  peers: readonly Peer[],
  unevaluated: readonly UnevaluatedObject[],
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
        ...unevaluatedField(unevaluated),
      });
    }
  }
}
