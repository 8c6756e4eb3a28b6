import type { ConnectionSet, Protocol } from '../model/index.js';
import type { Explanation } from '../query/index.js';
import type { PortQuery } from './parse-port.js';
import type {
  EndpointIssue,
  EndpointTarget,
  ResolvedEndpoint,
  ResolveOptions,
} from './resolved-endpoint.js';

/** How the answers of the pairs behind two endpoints combine: every pair, or some pair. */
export type MatchMode = 'any' | 'all';

/** What one pair of pods (or address ranges) behind the two endpoints gets. */
export type PairState = 'allowed' | 'denied' | 'partial';

/** The answer for one pair of targets. */
export interface PairResult {
  readonly from: EndpointTarget;
  readonly to: EndpointTarget;
  /** The pod port asked about (after named-port and Service translation), for one port. */
  readonly port?: number;
  /** `allowed`, `denied`, or `partial` (some ports of a range). */
  readonly state: PairState;
  /** For a range or no port: what this pair may use. */
  readonly connections?: ConnectionSet;
  /** With `explain`, for one port. */
  readonly explanation?: Explanation;
}

/** A Service port a query went through, and where it goes on the pods. */
export interface ServiceHop {
  /** The Service, `namespace/service/name`. */
  readonly service: string;
  readonly port: number;
  readonly name?: string;
  readonly protocol: Protocol;
  readonly targetPort: number | string;
  /** The pod ports it reaches, ascending. */
  readonly podPorts: readonly number[];
}

/** Everything a {@link query} found, as plain data to render. */
export interface QueryOutcome {
  readonly from: ResolvedEndpoint;
  readonly to: ResolvedEndpoint;
  readonly protocol: Protocol;
  /** What was asked: `number`, `name`, `range`, or `none` ("which ports?"). */
  readonly asked: PortQuery['kind'] | 'none';
  /** `TCP/80`, `TCP/80 (http)`, `TCP/5432 (pod port 15432)`, `TCP/8000-8080`; `''` for none. */
  readonly trafficText: string;
  /** The one pod port every pair was asked about, when there is one. */
  readonly port?: number;
  readonly pairs: readonly PairResult[];
  /** The answer under the `match` mode asked for. */
  readonly allowed: boolean;
  /** No port: the connections every pair (`all`) or some pair (`any`) may use. */
  readonly connections?: ConnectionSet;
  readonly service?: ServiceHop;
  /** How the question was read (Service translation, skipped backends). */
  readonly notes: readonly string[];
}

/** What {@link query} asks, beyond the two endpoints. */
export interface QueryOptions extends ResolveOptions {
  /**
   * The port: a number, a container or Service port name, a range, or text as
   * `parsePortQuery` reads it (`8080`, `http`, `53/udp`, `8000-8080`). Absent: "which ports?".
   */
  readonly port?: PortQuery | number | string;
  /** Default TCP (or the protocol of a port text such as `53/udp`). */
  readonly protocol?: Protocol;
  /** Default `all`: every pair behind the endpoints must be allowed. */
  readonly match?: MatchMode;
  /** Explain each pair (one port only). Default false. */
  readonly explain?: boolean;
}

/** {@link query}'s answer: the outcome, or the issues that kept it from answering. */
export type QueryResult =
  | { readonly ok: true; readonly outcome: QueryOutcome }
  | { readonly ok: false; readonly issues: readonly EndpointIssue[] };
