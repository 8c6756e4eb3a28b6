import type { ResolvedEndpoint, ResolveOptions } from '../endpoint/index.js';
import { resolveEndpoint } from '../endpoint/index.js';
import { ReachError } from '../errors.js';
import type { ConnectionSet, Endpoint, PodRef, Protocol } from '../model/index.js';
import { formatPodRef, PROTOCOLS } from '../model/index.js';
import type { ReachGraph } from './reach-graph.js';
import { cellOfAddress } from './reach-graph.js';
import type { EndpointSet, QueryGraph } from './search.js';
import type { PathHop, PathStep, WitnessPath } from './types.js';

/** An endpoint as the analyses take it: text in `reach query`'s grammar, or resolved. */
export type PathEndpoint = string | ResolvedEndpoint;

/**
 * The pods and address cells an endpoint stands for.
 * @throws {@link ReachError} `invalid-endpoint` for text that does not resolve, or an endpoint
 *   that stands for nothing in the graph
 */
export function endpointSet(
  g: ReachGraph,
  endpoint: PathEndpoint,
  options: ResolveOptions = {},
): { readonly name: string; readonly set: EndpointSet } {
  let resolved: ResolvedEndpoint;
  if (typeof endpoint === 'string') {
    const r = resolveEndpoint(g.engine, endpoint, options);
    if (!r.ok) throw new ReachError('invalid-endpoint', r.issue.message);
    if (r.engine !== g.engine) {
      throw new ReachError(
        'invalid-endpoint',
        `${endpoint} is a hypothetical pod: add it with engine.with first`,
      );
    }
    resolved = r.endpoint;
  } else {
    resolved = endpoint;
  }
  const pods = new Set<number>();
  const addressCells = new Set<number>();
  // An address range as the endpoint named it (`external` leaves private blocks out).
  const addressNames = new Map<number, string>();
  for (const target of resolved.targets) {
    const e = target.endpoint;
    if ('address' in e) {
      const cell = cellOfAddress(g, e.address);
      if (cell >= 0) {
        addressCells.add(cell);
        addressNames.set(cell, target.name);
      }
    } else {
      const index = g.podIndex.get(formatPodRef(e));
      if (index !== undefined) pods.add(index);
    }
  }
  if (pods.size === 0 && addressCells.size === 0) {
    throw new ReachError('invalid-endpoint', `${resolved.name} stands for no pod or address`);
  }
  return {
    name: resolved.name,
    set: {
      pods: [...pods].sort((a, b) => a - b),
      addressCells: [...addressCells].sort((a, b) => a - b),
      addressNames,
    },
  };
}

/** Turns node paths into witness paths, explaining each hop once. */
export class Witnesses {
  private readonly hops = new Map<string, PathHop>();
  private readonly steps = new Map<number, PathStep>();
  constructor(
    private readonly g: ReachGraph,
    private readonly q: QueryGraph,
    private readonly explain = true,
  ) {}

  /** The names of a node's endpoints, sorted. */
  names(node: number): string[] {
    const members = this.q.members.get(node) ?? [];
    if (this.g.cells[node >>> 2]?.kind === 'address') {
      const c = node >>> 2;
      return [this.q.addressNames.get(c) ?? this.g.cells[c]?.range?.text ?? ''];
    }
    return members.map((p) => formatPodRef(this.g.engine.pods[p] as PodRef));
  }

  private endpointOf(node: number): Endpoint {
    const cell = this.g.cells[node >>> 2];
    if (cell?.kind === 'address') return { address: cell.range?.first ?? '' };
    return this.g.engine.pods[this.q.members.get(node)?.[0] ?? 0] as Endpoint;
  }

  step(node: number): PathStep {
    let step = this.steps.get(node);
    if (step === undefined) {
      step = this.makeStep(node);
      this.steps.set(node, step);
    }
    return step;
  }

  private makeStep(node: number): PathStep {
    const names = this.names(node);
    const address = this.g.cells[node >>> 2]?.kind === 'address';
    return {
      kind: address ? 'address' : 'pod',
      name: names[0] ?? '',
      alike: names.length,
      examples: names.slice(0, 3),
    };
  }

  hop(u: number, v: number): PathHop {
    const key = `${u}>${v}`;
    let hop = this.hops.get(key);
    if (hop !== undefined) return hop;
    const ports = this.g.graph.getDirectedEdgeAttribute(`${u >>> 2}`, `${v >>> 2}`, 'ports');
    const { protocol, port } = lowestPort(ports);
    hop = { from: this.step(u).name, to: this.step(v).name, protocol, port, ports };
    if (this.explain) {
      const why = this.g.engine.explain(this.endpointOf(u), this.endpointOf(v), { port, protocol });
      hop = { ...hop, egress: why.egress, ingress: why.ingress };
    }
    this.hops.set(key, hop);
    return hop;
  }

  path(nodes: readonly number[]): WitnessPath {
    const hops: PathHop[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) {
      hops.push(this.hop(nodes[i] as number, nodes[i + 1] as number));
    }
    return { steps: nodes.map((n) => this.step(n)), hops };
  }
}

/** The lowest port of a non-empty set, TCP first. */
function lowestPort(set: ConnectionSet): { protocol: Protocol; port: number } {
  if (set === 'all') return { protocol: 'TCP', port: 1 };
  for (const protocol of PROTOCOLS) {
    const first = set[protocol]?.[0];
    if (first !== undefined) return { protocol, port: first[0] };
  }
  return { protocol: 'TCP', port: 1 };
}
