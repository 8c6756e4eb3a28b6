import fc from 'fast-check';
import { labelKey, labels, labelValue } from './labels.js';
import type { ContainerPortManifest, LabelMap, PodManifest } from './manifests.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';

/** The three protocols, TCP first (so that it is what shrinking goes to). */
export const protocolArbitrary: fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'> = fc.constantFrom(
  'TCP' as const,
  'UDP' as const,
  'SCTP' as const,
);

/** Container ports are mostly TCP, as in real clusters, so named ports resolve often. */
const containerProtocol = fc.oneof(
  { weight: 3, arbitrary: fc.constant('TCP' as const) },
  { weight: 1, arbitrary: protocolArbitrary },
);

/** Constraints of {@link pod}. */
export interface PodConstraints {
  /** Fixed namespace (default: drawn from `pools.namespaces`). */
  readonly namespace?: string;
  /** Fixed name (default `p0`; {@link cluster} names pods by position). */
  readonly name?: string;
  /** The pod's labels (default {@link labels} over the pools). */
  readonly labels?: fc.Arbitrary<LabelMap>;
  /** Whether the pod may get an IP from `pools.podIps` (default true). */
  readonly withIp?: boolean;
  /** Whether the pod may use the node's network, `hostNetwork: true` (default false). */
  readonly withHostNetwork?: boolean;
  /** Where names, ports and IPs come from (default {@link POOLS}). */
  readonly pools?: Pools;
}

/** One container's ports: numbers and protocols unique, names unique (API validation). */
function containerPorts(pools: Pools): fc.Arbitrary<ContainerPortManifest[]> {
  const port = fc.record({
    name: fc.option(fc.constantFrom(...pools.portNames), { nil: undefined }),
    containerPort: fc.constantFrom(...pools.portNumbers),
    protocol: containerProtocol,
  });
  return fc
    .uniqueArray(port, { maxLength: 3, selector: (p) => `${p.containerPort}/${p.protocol}` })
    .map((ports) => {
      const names = new Set<string>();
      return ports.map((p) => {
        const out: ContainerPortManifest = { containerPort: p.containerPort, protocol: p.protocol };
        // A second port with the same name keeps its number but loses the name.
        if (p.name !== undefined && !names.has(p.name)) {
          names.add(p.name);
          out.name = p.name;
        }
        return out;
      });
    });
}

/**
 * A Pod with labels, one or two containers whose ports carry names from the pool (the same
 * name may map to different numbers on different pods, or on two containers of one pod), and
 * an optional IP in `status`.
 *
 * @param constraints - see {@link PodConstraints}.
 * @returns an arbitrary of Pod manifests.
 */
export function pod(constraints: PodConstraints = {}): fc.Arbitrary<PodManifest> {
  const pools = constraints.pools ?? POOLS;
  const podLabels =
    constraints.labels ??
    labels({
      keys: labelKey({ pool: pools.labelKeys }),
      values: labelValue({ pool: pools.labelValues }),
    });
  return fc
    .record({
      namespace:
        constraints.namespace === undefined
          ? fc.constantFrom(...pools.namespaces)
          : fc.constant(constraints.namespace),
      labels: podLabels,
      containers: fc.array(containerPorts(pools), { minLength: 1, maxLength: 2 }),
      ip:
        constraints.withIp === false || pools.podIps.length === 0
          ? fc.constant(undefined)
          : fc.option(fc.constantFrom(...pools.podIps), { nil: undefined }),
      hostNetwork: constraints.withHostNetwork === true ? fc.boolean() : fc.constant(false),
    })
    .map((p): PodManifest => {
      const manifest: PodManifest = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: constraints.name ?? 'p0', namespace: p.namespace, labels: p.labels },
        spec: {
          containers: p.containers.map((ports, i) => ({
            name: `c${i}`,
            image: 'registry.example/app:1',
            ports,
          })),
        },
      };
      if (p.hostNetwork) manifest.spec.hostNetwork = true;
      if (p.ip !== undefined) manifest.status = { podIP: p.ip, podIPs: [{ ip: p.ip }] };
      return manifest;
    });
}
