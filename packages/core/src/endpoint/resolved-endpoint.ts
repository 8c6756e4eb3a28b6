import type { Endpoint, Pod, Service } from '../model/index.js';
import type { Engine } from '../query/index.js';

/** One pod or address an endpoint stands for. */
export interface EndpointTarget {
  /** What the engine is asked about. */
  readonly endpoint: Endpoint;
  /** How it is shown: `ns/name`, an address, or an address range `first-last`. */
  readonly name: string;
  /** The pod, for a pod target. */
  readonly pod?: Pod;
  /** The node whose address this is, for a node target (shown as `node/worker-1 (10.0.0.5)`). */
  readonly node?: string;
}

/** What kind of thing an endpoint named. */
export type EndpointKind =
  | 'pod'
  | 'workload'
  | 'service'
  | 'hypothetical'
  | 'address'
  | 'cidr'
  | 'node'
  | 'external';

/** An endpoint, resolved against an engine's cluster. */
export interface ResolvedEndpoint {
  /**
   * The canonical spelling: `namespace/name` for a pod, `namespace/<kind>/name` for a workload
   * (which is also its template pod's `namespace/name`) or a Service, `namespace/[labels]`,
   * `node/NAME`, an address, a CIDR, or `external`.
   */
  readonly name: string;
  readonly kind: EndpointKind;
  /** What the question is asked about: the pods (or address ranges) the endpoint stands for. */
  readonly targets: readonly EndpointTarget[];
  /** How the text was read, when that is not obvious (an IP that belongs to a pod). */
  readonly notes: readonly string[];
  /** The Service, for a Service endpoint: its ports translate a query's port. */
  readonly service?: Service;
}

/** Why an endpoint could not be resolved, or a query not answered. */
export type EndpointIssueCode =
  /** The text is not in the endpoint grammar. */
  | 'invalid-endpoint'
  /** No pod, workload or Service of that name (see the candidates). */
  | 'unknown-name'
  /** The name fits several objects (see the candidates). */
  | 'ambiguous-name'
  /** The address is the IP of several pods. */
  | 'shared-address'
  /** The Service has no selector, or selects no pod; the workload has no pod. */
  | 'no-pods'
  /** The node has no known address (no Node object with `status.addresses`, no pod host IP). */
  | 'no-addresses'
  /** The pod has stopped (phase Succeeded or Failed) and is left out of the analysis. */
  | 'terminated-pod'
  /** The port does not fit the destination (no such Service port or container port name). */
  | 'unknown-port'
  /** The question cannot be asked of this destination (a port range to a Service). */
  | 'unsupported-query'
  /** The engine refused the traffic (`ReachError` `invalid-traffic`). */
  | 'invalid-traffic';

/** A problem with an endpoint or a query, with the names the user may have meant. */
export interface EndpointIssue {
  readonly code: EndpointIssueCode;
  /** One line, no trailing period. */
  readonly message: string;
  /** Header of the candidate list (`did you mean one of these?`), when there are candidates. */
  readonly candidatesTitle?: string;
  readonly candidates: readonly string[];
}

/** {@link resolveEndpoint}'s answer. */
export type EndpointResolution =
  | {
      readonly ok: true;
      readonly endpoint: ResolvedEndpoint;
      /**
       * The engine to ask about the endpoint: the one given, or, for a hypothetical pod
       * (`ns/[app=web]`) it lacked, that engine with the pod added (`Engine.with`).
       */
      readonly engine: Engine;
    }
  | { readonly ok: false; readonly issue: EndpointIssue };

/** How endpoints are read. */
export interface ResolveOptions {
  /** The namespace of endpoints written without one (the CLI's `-n`; default `default`). */
  readonly defaultNamespace?: string;
  /** The pod network blocks (the CLI's `--cluster-cidr`), left out of `external`. */
  readonly clusterCidrs?: readonly string[];
}
