import type { EndpointIssue, ResolvedEndpoint } from '../endpoint/index.js';
import { resolveEndpoint } from '../endpoint/index.js';
import { ReachError } from '../errors.js';
import type { Endpoint, PodRef } from '../model/index.js';
import { formatEndpoint, formatPodRef, isAddress } from '../model/index.js';
import type { Engine } from '../query/index.js';

/**
 * One end of a connection, as the matchers take it: a pod (`{ namespace, name }`, extra fields
 * such as a manifest's `labels` are ignored), an address (`{ address }`), or text in the
 * endpoint grammar of `reach query` and `resolveEndpoint`: `shop/web-0` (a pod),
 * `shop/deployment/web` (a workload's pods), `shop/svc/db` (a Service's backends, its port
 * translated to the targetPort), `shop/[app=web]` (a hypothetical pod), an IP address, a CIDR,
 * `external`. Text without a namespace is in `default`.
 */
export type EndpointInput = Endpoint | string;

/** A pod, as the matchers take it: `{ namespace, name }`, or text naming pods (a workload). */
export type PodInput = PodRef | string;

/** An input resolved: what it stands for, and the engine to ask (with a hypothetical pod). */
export interface MatcherEnd {
  readonly resolved: ResolvedEndpoint;
  readonly engine: Engine;
}

/**
 * Resolves a matcher's endpoint. An object is taken as it is (a pod must be in the engine);
 * text goes through `resolveEndpoint`.
 *
 * @throws ReachError `unknown-pod` or `invalid-endpoint` for what does not resolve
 */
export function resolveInput(engine: Engine, input: EndpointInput, matcher: string): MatcherEnd {
  if (typeof input !== 'string') {
    const endpoint: Endpoint = isAddress(input)
      ? { address: input.address }
      : { namespace: input.namespace, name: input.name };
    const name = formatEndpoint(endpoint);
    if (!isAddress(endpoint) && !engine.pods.some((p) => formatPodRef(p) === name)) {
      throw new ReachError('unknown-pod', `${matcher}: no pod ${name} in the cluster`);
    }
    const kind = isAddress(endpoint) ? 'address' : 'pod';
    return { resolved: { name, kind, targets: [{ endpoint, name }], notes: [] }, engine };
  }
  const resolution = resolveEndpoint(engine, input);
  if (!resolution.ok) throw endpointError(resolution.issue, input, matcher);
  return { resolved: resolution.endpoint, engine: resolution.engine };
}

/** The pods an input stands for, or a `TypeError` for an address. */
export function podsOf(engine: Engine, input: PodInput, matcher: string): MatcherEnd {
  const end = resolveInput(engine, input, matcher);
  const address = end.resolved.targets.find((t) => isAddress(t.endpoint));
  if (address !== undefined || end.resolved.targets.length === 0) {
    throw new TypeError(`${matcher}: expected a pod (namespace/name), got ${end.resolved.name}`);
  }
  return end;
}

function endpointError(issue: EndpointIssue, input: string, matcher: string): ReachError {
  if (issue.code === 'invalid-endpoint') {
    return new ReachError('invalid-endpoint', `${matcher}: ${issue.message}`);
  }
  return new ReachError(
    'unknown-pod',
    `${matcher}: no pod ${input} in the cluster: ${issue.message}`,
  );
}
