import type { Pod, PodRef, Service } from '../model/index.js';
import { formatPodRef } from '../model/index.js';
import type { EndpointResource } from './parse-endpoint.js';
import type {
  EndpointIssue,
  EndpointIssueCode,
  EndpointTarget,
  ResolvedEndpoint,
} from './resolved-endpoint.js';

/** A resolution before the engine is attached (the resolvers' own answer). */
export type Resolved =
  | { readonly ok: true; readonly endpoint: ResolvedEndpoint }
  | { readonly ok: false; readonly issue: EndpointIssue };

/** A pod as a target: asked about by `namespace/name`. */
export function podTarget(pod: Pod): EndpointTarget {
  const ref: PodRef = { namespace: pod.namespace, name: pod.name };
  return { endpoint: ref, name: formatPodRef(ref), pod };
}

/** `shop/deployment/web`. */
export function workloadName(workload: {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}): string {
  return `${workload.namespace}/${workload.kind.toLowerCase()}/${workload.name}`;
}

/** `shop/service/db`. */
export function serviceName(service: Service): string {
  return `${service.namespace}/service/${service.name}`;
}

/** `deployment`, as messages name a kind. */
export function kindWord(kind: EndpointResource): string {
  return kind.toLowerCase();
}

export function success(endpoint: ResolvedEndpoint): Resolved {
  return { ok: true, endpoint };
}

export function failure(
  code: EndpointIssueCode,
  message: string,
  candidatesTitle?: string,
  candidates: readonly string[] = [],
): Resolved {
  return {
    ok: false,
    issue: {
      code,
      message,
      candidates,
      ...(candidatesTitle !== undefined && candidates.length > 0 ? { candidatesTitle } : {}),
    },
  };
}
