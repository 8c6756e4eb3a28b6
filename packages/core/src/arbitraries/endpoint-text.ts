import fc from 'fast-check';
import type { Cluster } from '../model/index.js';
import { controllerOf } from '../model/index.js';
import { trafficPort } from './flow.js';
import { protocolArbitrary } from './pod.js';
import { poolsOf } from './pools-of.js';

/** kubectl's spellings of each kind an endpoint may name (as `reach query` reads them). */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['pod', 'po', 'pods'],
  Deployment: ['deployment', 'deploy', 'deployments'],
  StatefulSet: ['statefulset', 'sts'],
  DaemonSet: ['daemonset', 'ds'],
  ReplicaSet: ['replicaset', 'rs'],
  ReplicationController: ['replicationcontroller', 'rc'],
  Job: ['job', 'jobs'],
  CronJob: ['cronjob', 'cj'],
  Service: ['service', 'svc'],
};

function spelled(kind: string): fc.Arbitrary<string> {
  return fc.constantFrom(...(SPELLINGS[kind] ?? [kind.toLowerCase()]));
}

/**
 * Endpoint texts in the grammar of `reach query`, `resolveEndpoint` and the vitest matchers,
 * each naming something the cluster has: its pods (`ns/name`, `ns/po/name`), its workloads and
 * the controllers its pods name without the input holding them (`ns/deploy/web`, a Deployment
 * found by `pod-template-hash`), its Services with backends (`ns/svc/db`), its nodes with
 * addresses (`node/worker-1`, `no/worker-1`), hypothetical pods (`ns/[app=web]`) and addresses
 * around its ipBlocks.
 *
 * @param source - a parsed cluster
 * @returns an arbitrary of endpoint texts that all resolve
 * @example
 * ```ts
 * fc.assert(fc.property(endpointText(cluster), (text) => resolveEndpoint(engine, text).ok));
 * ```
 */
export function endpointText(source: Cluster): fc.Arbitrary<string> {
  const pools = poolsOf(source);
  const options: fc.Arbitrary<string>[] = [];
  const live = source.pods.filter((p) => !p.fromTemplate);
  if (live.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...live), fc.option(spelled('Pod'), { nil: undefined }))
        .map(([p, kind]) =>
          kind === undefined ? `${p.namespace}/${p.name}` : `${p.namespace}/${kind}/${p.name}`,
        ),
    );
  }
  const controllers = new Map<string, { namespace: string; kind: string; name: string }>();
  for (const w of source.workloads) controllers.set(`${w.namespace}/${w.kind}/${w.name}`, w);
  for (const p of source.pods) {
    const c = controllerOf(source, p);
    if (c === undefined || SPELLINGS[c.kind] === undefined) continue;
    controllers.set(`${p.namespace}/${c.kind}/${c.name}`, { namespace: p.namespace, ...c });
  }
  if (controllers.size > 0) {
    options.push(
      fc
        .constantFrom(...controllers.values())
        .chain((c) => spelled(c.kind).map((kind) => `${c.namespace}/${kind}/${c.name}`)),
    );
  }
  const services = source.services.filter((s) => (s.selector?.size ?? 0) > 0);
  const backed = services.filter((s) =>
    source.pods.some(
      (p) =>
        p.namespace === s.namespace &&
        [...(s.selector ?? [])].every(([k, v]) => p.labels.get(k) === v),
    ),
  );
  if (backed.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...backed), spelled('Service'))
        .map(([s, kind]) => `${s.namespace}/${kind}/${s.name}`),
    );
  }
  const nodes = (source.nodes ?? []).filter((n) => n.addresses.length > 0);
  if (nodes.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...nodes), fc.constantFrom('node', 'nodes', 'no'))
        .map(([n, kind]) => `${kind}/${n.name}`),
    );
  }
  options.push(
    fc
      .tuple(
        fc.constantFrom(...pools.namespaces),
        fc.constantFrom(...pools.labelKeys),
        fc.constantFrom(...pools.labelValues),
      )
      .map(([ns, k, v]) => `${ns}/[${k}=${v}]`),
    fc.constantFrom(...pools.addresses),
  );
  return fc.oneof(...options);
}

/** A flow between endpoint texts, for `expect(engine).toAllow(f)`. */
export interface TextFlow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/**
 * A flow whose ends are endpoint texts ({@link endpointText}), with a port from the cluster's
 * rules and containers: the matchers' `toAllow` takes it as it is.
 *
 * @param source - a parsed cluster
 * @returns an arbitrary of flows
 */
export function textFlow(source: Cluster): fc.Arbitrary<TextFlow> {
  const end = endpointText(source);
  return fc.record({
    from: end,
    to: end,
    port: trafficPort({ pools: poolsOf(source) }),
    protocol: protocolArbitrary,
  });
}
