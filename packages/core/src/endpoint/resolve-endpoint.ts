import type { Cluster, Pod } from '../model/index.js';
import { DEFAULT_NAMESPACE } from '../model/index.js';
import type { Engine } from '../query/index.js';
import { isAddressIn, NON_PUBLIC_IPV4_CIDRS, sampleAddresses } from './address-samples.js';
import type { Resolved } from './endpoint-names.js';
import { failure, podTarget, success } from './endpoint-names.js';
import { hypotheticalPod, manifestsOf, podOf } from './hypothetical-pods.js';
import type { EndpointSpec, LabelsEndpointSpec } from './parse-endpoint.js';
import { formatEndpointSpec, formatLabelsText, parseEndpoint } from './parse-endpoint.js';
import { nodeName, nodeTarget, resolveNode } from './resolve-node.js';
import { resolveObject } from './resolve-object.js';
import { resolveService } from './resolve-service.js';
import type { EndpointResolution, ResolveOptions } from './resolved-endpoint.js';

/**
 * Reads an endpoint as typed (the grammar of {@link parseEndpoint}) and finds what it names in
 * the engine's cluster: a pod, a workload's pods (by kind and name, live pods or else its
 * template; a controller the input lacks, such as a ReplicaSet's Deployment, by the pods it
 * controls), a Service's backing pods, a hypothetical pod (`ns/[app=web]`), a node's addresses
 * (`node/worker-1`), an address (a pod's IP names the pod; a node's IP, unless exactly one pod
 * has it, names the node), a CIDR or `external` (split into the address ranges the policies tell
 * apart). Every name that `matrix`, `who-can-reach`, `lint` or `diff` prints resolves to the
 * pods it stands for. Never throws on bad input: problems are typed issues, with close matches.
 *
 * @param engine - an engine from `compile`
 * @param text - the endpoint as typed
 * @param options - the default namespace and the cluster CIDRs
 * @returns the resolved endpoint and the engine to ask about it, or an issue
 * @example
 * ```ts
 * const r = resolveEndpoint(engine, 'deploy/web', { defaultNamespace: 'shop' });
 * if (r.ok) r.endpoint.targets.map((t) => t.name); // ['shop/web-7d4b9-abcde', ...]
 * ```
 */
export function resolveEndpoint(
  engine: Engine,
  text: string,
  options: ResolveOptions = {},
): EndpointResolution {
  const parsed = parseEndpoint(text);
  if (!parsed.ok) return withEngine(failure('invalid-endpoint', parsed.message), engine);
  const spec = parsed.spec;
  if (spec.kind === 'labels') return resolveLabels(engine, spec, options);
  return withEngine(resolveSpec(engine, spec, text, options), engine);
}

function withEngine(resolved: Resolved, engine: Engine): EndpointResolution {
  return resolved.ok ? { ok: true, endpoint: resolved.endpoint, engine } : resolved;
}

function resolveSpec(
  engine: Engine,
  spec: Exclude<EndpointSpec, LabelsEndpointSpec>,
  text: string,
  options: ResolveOptions,
): Resolved {
  // Hypothetical pods never back a Service, own an IP or stand for a name.
  const cluster = manifestsOf(engine.cluster);
  switch (spec.kind) {
    case 'address':
      return resolveAddress(cluster, spec.address, text);
    case 'cidr':
      return resolveCidr(cluster, engine, spec.cidr);
    case 'external':
      return resolveExternal(cluster, engine, options.clusterCidrs ?? []);
    case 'object':
      return resolveObject(cluster, spec, options.defaultNamespace ?? DEFAULT_NAMESPACE);
    case 'node':
      return resolveNode(cluster, spec, options.defaultNamespace ?? DEFAULT_NAMESPACE);
  }
}

/** `ns/[app=web]`: the hypothetical pod, added to the engine when it lacks it. */
function resolveLabels(
  engine: Engine,
  spec: LabelsEndpointSpec,
  options: ResolveOptions,
): EndpointResolution {
  const defaultNamespace = options.defaultNamespace ?? DEFAULT_NAMESPACE;
  const namespace = spec.namespace ?? defaultNamespace;
  const name = formatLabelsText(spec);
  const manifests = manifestsOf(engine.cluster);
  let pod = engine.cluster.pods.find((p) => p.namespace === namespace && p.name === name);
  let asked = engine;
  if (pod === undefined) {
    pod = podOf(hypotheticalPod(spec, defaultNamespace));
    asked = engine.with({ add: { pods: [pod] } });
  }
  const notes = !manifests.namespaces.some((ns) => ns.name === namespace)
    ? [
        `namespace ${namespace} is not in the manifests; assuming it has only the label kubernetes.io/metadata.name=${namespace}`,
      ]
    : [];
  return {
    ok: true,
    endpoint: {
      name: formatEndpointSpec(spec, defaultNamespace),
      kind: 'hypothetical',
      targets: [podTarget(pod)],
      notes,
    },
    engine: asked,
  };
}

function resolveAddress(cluster: Cluster, address: string, typed: string): Resolved {
  const pods = cluster.pods.filter((pod) => pod.ips.some((ip) => canonicalIp(ip) === address));
  const [pod] = pods;
  const node = (cluster.nodes ?? []).find((n) =>
    n.addresses.some((ip) => canonicalIp(ip) === address),
  );
  if (node !== undefined && pods.length !== 1) {
    // Host-network pods share their node's IP: several of them, or none, name the node.
    const also =
      pods.length > 1 ? ` (and of host-network pods ${pods.map(podName).join(', ')})` : '';
    return success({
      name: nodeName(node),
      kind: 'node',
      targets: [nodeTarget(node, address)],
      notes: [`${typed} is an IP of ${nodeName(node)}${also}`],
    });
  }
  if (pods.length > 1) {
    return failure(
      'shared-address',
      `${address} is the IP of ${pods.length} pods (host network?); name the pod instead`,
      'pods with this IP:',
      pods.map(podName),
    );
  }
  const service = cluster.services.find((s) =>
    (s.clusterIPs ?? []).some((ip) => canonicalIp(ip) === address),
  );
  if (pod === undefined && service !== undefined) {
    // A ClusterIP is translated to a backing pod before any policy sees the packet.
    const resolved = resolveService(cluster, service.namespace, service.name);
    return resolved.ok
      ? success({
          ...resolved.endpoint,
          notes: [
            `${typed} is the ClusterIP of service ${resolved.endpoint.name}`,
            ...resolved.endpoint.notes,
          ],
        })
      : resolved;
  }
  if (pod === undefined) {
    return success({
      name: address,
      kind: 'address',
      targets: [{ endpoint: { address }, name: address }],
      notes: [],
    });
  }
  return success({
    name: podName(pod),
    kind: 'pod',
    targets: [podTarget(pod)],
    notes: [`${typed} is the IP of pod ${podName(pod)}`],
  });
}

function resolveCidr(cluster: Cluster, engine: Engine, cidr: string): Resolved {
  const samples = sampleAddresses(engine.addressRanges(), [cidr], []);
  const inside = cluster.pods.filter((pod) => pod.ips.some((ip) => isAddressIn(ip, [cidr])));
  const notes =
    inside.length > 0
      ? [
          `${cidr} holds the IPs of ${inside.length === 1 ? 'pod' : `${inside.length} pods`} ${inside
            .slice(0, 3)
            .map(podName)
            .join(
              ', ',
            )}${inside.length > 3 ? ', ...' : ''}; the CIDR is evaluated as addresses, name pods to ask about them`,
        ]
      : [];
  return success({
    name: cidr,
    kind: 'cidr',
    targets: samples.map((s) => ({ endpoint: { address: s.address }, name: s.span })),
    notes,
  });
}

/**
 * `external`: the public IPv4 internet, less the cluster CIDRs and every pod IP, split where
 * the policies tell addresses apart, so that every external address is covered.
 */
function resolveExternal(
  cluster: Cluster,
  engine: Engine,
  clusterCidrs: readonly string[],
): Resolved {
  const podIps = cluster.pods.flatMap((pod) => pod.ips);
  const samples = sampleAddresses(
    engine.addressRanges(),
    ['0.0.0.0/0'],
    [...NON_PUBLIC_IPV4_CIDRS, ...clusterCidrs, ...podIps],
  );
  const ranges = samples.length === 1 ? '1 address range' : `${samples.length} address ranges`;
  return success({
    name: 'external',
    kind: 'external',
    targets: samples.map((s) => ({ endpoint: { address: s.address }, name: s.span })),
    notes: [
      `external is every public IPv4 address (no private, loopback, link-local or multicast block) outside the pod IPs${
        clusterCidrs.length > 0 ? ` and ${clusterCidrs.join(', ')}` : ''
      }: ${ranges} the policies tell apart, each checked at its first address`,
    ],
  });
}

/** IPv6 in its canonical short form (so `fd00:0::1` finds a pod at `fd00::1`); IPv4 as is. */
function canonicalIp(text: string): string {
  const parsed = parseEndpoint(text);
  return parsed.ok && parsed.spec.kind === 'address' ? parsed.spec.address : text;
}

function podName(pod: Pod): string {
  return podTarget(pod).name;
}
