import type { Bitset } from '../bitset/index.js';
import type { Pod, PortSpec, Service } from '../model/index.js';
import { matchesLabels } from '../select/index.js';
import type { LintContext, RuleSite } from './context.js';
import { listNames, peerPath, podName, policyFinding, rulePath } from './context.js';
import type { Finding } from './types.js';

/** Links cited by `plugin-feature` hints; each backs the sentence that cites it. */
export const SOURCES = {
  endPort:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports',
  endPortGa: 'https://github.com/kubernetes/kubernetes/pull/110868',
  ciliumEndPort: 'https://github.com/cilium/cilium/issues/28684',
  ciliumMissing: 'https://docs.cilium.io/en/stable/network/kubernetes/policy/',
  ciliumSctp: 'https://docs.cilium.io/en/stable/configuration/sctp/',
  kubeRouterSctp: 'https://github.com/cloudnativelabs/kube-router/issues/1019',
  ciliumNamedPorts: 'https://github.com/cilium/cilium/issues/24779',
  nsxNamedPorts: 'https://github.com/vmware-tanzu/nsx-operator/pull/1491',
  openshiftSdnExcept:
    'https://docs.redhat.com/en/documentation/openshift_container_platform/4.8/html/networking/network-policy',
} as const;

/** The pods a rule's ports are looked up on: the selected pods (ingress), or the peers' pods. */
interface Targets {
  readonly pods: readonly Pod[];
  /** The rule names no peer: every pod, and every address. */
  readonly everything: boolean;
  /** Some peer is an ipBlock. */
  readonly addresses: boolean;
}

/**
 * The pods a rule's port entries are looked up on, one per distinct namespace, labels and
 * ports (what the checks below read), cached per policy for ingress rules.
 */
function targetFinder(ctx: LintContext): (site: RuleSite) => Targets {
  const keys = ctx.pods.map((pod) =>
    JSON.stringify([
      pod.namespace,
      [...pod.labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      pod.ports.map((p) => [p.name ?? '', p.protocol, p.containerPort]),
    ]),
  );
  const distinct = (set: Bitset | undefined): Pod[] => {
    const seen = new Map<string, Pod>();
    set?.forEach((i) => {
      const key = keys[i] as string;
      if (!seen.has(key)) seen.set(key, ctx.pods[i] as Pod);
    });
    return [...seen.values()];
  };
  const selectedPods = new Map<number, Pod[]>();
  return (site) => {
    const policy = ctx.policies[site.policy];
    if (!policy) return { pods: [], everything: false, addresses: false };
    if (site.direction === 'ingress') {
      let pods = selectedPods.get(site.policy);
      if (pods === undefined) {
        pods = distinct(ctx.selected[site.policy]);
        selectedPods.set(site.policy, pods);
      }
      return { pods, everything: false, addresses: false };
    }
    const peers = site.rule.peers ?? [];
    if (peers.length === 0) return { pods: ctx.pods, everything: true, addresses: true };
    let union: Bitset | undefined;
    for (const peer of peers) {
      const pods = ctx.peerPods(policy, peer);
      union = union ? union.or(pods) : pods.clone();
    }
    return {
      pods: distinct(union),
      everything: false,
      addresses: peers.some((peer) => peer.kind === 'ipBlock'),
    };
  };
}

function declaresName(pod: Pod, entry: PortSpec): boolean {
  return pod.ports.some((p) => p.name === entry.port && p.protocol === entry.protocol);
}

function declaresNumber(pod: Pod, entry: PortSpec): boolean {
  if (typeof entry.port === 'string') return declaresName(pod, entry);
  const first = entry.port;
  const last = entry.endPort ?? entry.port;
  return pod.ports.some(
    (p) =>
      p.protocol === entry.protocol &&
      (first === undefined ||
        (last !== undefined && first <= p.containerPort && p.containerPort <= last)),
  );
}

function portPath(site: RuleSite, k: number): string {
  return `${rulePath(site.direction, site.index)}.ports[${k}]`;
}

/** A Service port that maps `port` to another container port on one of the pods. */
interface ServiceHit {
  readonly service: Service;
  readonly targetPort: number | string;
  readonly podPort: number;
}

/**
 * `named-port-unresolved`, `service-port-not-container-port`, the "ports nobody listens on"
 * case of `policy-empty-effect`, and `plugin-feature`.
 *
 * Port entries are checked against the pods the rule's ports resolve on: for an ingress rule
 * the pods the policy selects, for an egress rule the pods its peers match. Declared container
 * ports are what the manifests tell; a process may listen on a port it does not declare, so
 * those findings say "declares".
 */
export function checkPorts(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  const targetsOf = targetFinder(ctx);
  const servicePods = new Map<Service, Set<Pod>>();
  const podsOf = (service: Service): Set<Pod> => {
    let pods = servicePods.get(service);
    if (pods === undefined) {
      const selector = service.selector;
      pods = new Set(
        selector === undefined || selector.size === 0
          ? []
          : ctx.pods.filter(
              (pod) =>
                pod.namespace === service.namespace &&
                matchesLabels(pod.labels, { matchLabels: selector, matchExpressions: [] }),
            ),
      );
      servicePods.set(service, pods);
    }
    return pods;
  };

  const serviceHit = (pods: readonly Pod[], entry: PortSpec): ServiceHit | undefined => {
    for (const service of ctx.cluster.services) {
      for (const port of service.ports) {
        if (port.port !== entry.port || port.protocol !== entry.protocol) continue;
        const selected = podsOf(service);
        for (const pod of pods) {
          if (!selected.has(pod)) continue;
          const podPort =
            typeof port.targetPort === 'number'
              ? port.targetPort
              : pod.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol)
                  ?.containerPort;
          if (podPort !== undefined && podPort !== port.port) {
            return { service, targetPort: port.targetPort, podPort };
          }
        }
      }
    }
    return undefined;
  };

  for (const site of ctx.rules) {
    const policy = ctx.policies[site.policy];
    const entries = site.rule.ports ?? [];
    if (!policy || entries.length === 0) continue;
    const targets = targetsOf(site);
    const whose =
      site.direction === 'ingress'
        ? 'no pod this policy selects'
        : 'no pod matched by this rule’s `to` peers';
    let serviceFlagged = false;

    entries.forEach((entry, k) => {
      const path = portPath(site, k);
      if (typeof entry.port === 'string') {
        const name = entry.port;
        if (targets.pods.length === 0) {
          if (site.direction === 'egress' && targets.addresses && !targets.everything) {
            findings.push(
              policyFinding(
                'named-port-unresolved',
                'warning',
                policy,
                `${path}.port`,
                `named port "${name}" with only ipBlock peers: a name resolves on destination ` +
                  'pods, never on an address outside the cluster, so this entry matches nothing',
                'use the port number for addresses outside the cluster',
              ),
            );
          }
          return;
        }
        if (targets.pods.some((pod) => declaresName(pod, entry))) return;
        const otherProtocol = targets.pods.filter((pod) => pod.ports.some((p) => p.name === name));
        const also =
          otherProtocol.length > 0
            ? `; ${listNames(otherProtocol.map(podName), 2)} declare it with another protocol`
            : '';
        findings.push(
          policyFinding(
            'named-port-unresolved',
            site.direction === 'ingress' ? 'error' : 'warning',
            policy,
            `${path}.port`,
            `${whose} declares a container port named "${name}" (${entry.protocol})${also}`,
            'a named port is looked up in the destination pod’s `ports[].name`, with the ' +
              'entry’s protocol: fix the name or the protocol, or use the number',
          ),
        );
        return;
      }
      if (
        entry.port === undefined ||
        entry.endPort !== undefined ||
        targets.pods.length === 0 ||
        targets.everything
      ) {
        return;
      }
      if (targets.pods.some((pod) => declaresNumber(pod, entry))) return;
      const hit = serviceHit(targets.pods, entry);
      if (!hit) return;
      serviceFlagged = true;
      const via = typeof hit.targetPort === 'string' ? ` (targetPort "${hit.targetPort}")` : '';
      findings.push(
        policyFinding(
          'service-port-not-container-port',
          'warning',
          policy,
          `${path}.port`,
          `${entry.protocol} ${entry.port} is a port of Service ` +
            `${hit.service.namespace}/${hit.service.name}, which sends it to the pods’ port ` +
            `${hit.podPort}${via}, and no pod declares ${entry.port}; NetworkPolicies see the ` +
            'pod’s port, after the Service has translated it',
          `use port ${hit.podPort}` +
            (typeof hit.targetPort === 'string' ? ` or the name "${hit.targetPort}"` : ''),
        ),
      );
    });

    // Ports that none of the pods the rule applies to declares: the rule opens no declared
    // port. Only when every such pod declares some ports (a pod may listen on ports it does
    // not declare), and not for rules that also reach addresses (which declare nothing).
    const numeric = entries.filter((e) => typeof e.port !== 'string');
    if (
      !serviceFlagged &&
      numeric.length > 0 &&
      targets.pods.length > 0 &&
      !targets.everything &&
      !targets.addresses &&
      targets.pods.every((pod) => pod.ports.length > 0) &&
      !entries.some((entry) => targets.pods.some((pod) => declaresNumber(pod, entry)))
    ) {
      findings.push(
        policyFinding(
          'policy-empty-effect',
          'warning',
          policy,
          `${rulePath(site.direction, site.index)}.ports`,
          `${site.direction === 'ingress' ? 'none of the pods this policy selects' : 'none of the pods this rule’s peers match'} ` +
            `declares a port this rule allows (${listNames(numeric.map(describePort), 3)}), so ` +
            'it opens no port they declare',
          'check the port numbers against the containers’ `ports` (a Service’s `port` is not ' +
            'what a policy sees: use its `targetPort`)',
        ),
      );
    }
  }
  return findings;
}

function describePort(entry: PortSpec): string {
  if (entry.port === undefined) return `${entry.protocol} any`;
  return entry.endPort === undefined
    ? `${entry.protocol} ${entry.port}`
    : `${entry.protocol} ${entry.port}-${entry.endPort}`;
}

/**
 * `plugin-feature` (info): fields that some network plugins enforce differently or not at
 * all. Each hint names the plugin and links the source that says so.
 */
export function checkPluginFeatures(ctx: LintContext): Finding[] {
  // One finding per policy and feature, at its first use; the message counts the others.
  const uses = new Map<string, { policy: number; feature: Feature; paths: string[] }>();
  const use = (policy: number, feature: Feature, path: string): void => {
    const key = `${policy}/${feature.name}`;
    const entry = uses.get(key) ?? { policy, feature, paths: [] };
    entry.paths.push(path);
    uses.set(key, entry);
  };
  for (const site of ctx.rules) {
    (site.rule.ports ?? []).forEach((entry, k) => {
      const path = portPath(site, k);
      if (entry.endPort !== undefined && typeof entry.port === 'number') {
        use(site.policy, FEATURES.endPort, `${path}.endPort`);
      }
      if (entry.protocol === 'SCTP') use(site.policy, FEATURES.sctp, `${path}.protocol`);
      if (site.direction === 'egress' && typeof entry.port === 'string') {
        use(site.policy, FEATURES.namedEgress, `${path}.port`);
      }
    });
    (site.rule.peers ?? []).forEach((peer, j) => {
      if (peer.kind !== 'ipBlock' || peer.except.length === 0) return;
      use(
        site.policy,
        FEATURES.except,
        `${peerPath(site.direction, site.index, j)}.ipBlock.except`,
      );
    });
  }
  const findings: Finding[] = [];
  for (const { policy, feature, paths } of uses.values()) {
    const p = ctx.policies[policy];
    if (!p) continue;
    const more = paths.length > 1 ? ` (and ${paths.length - 1} more in this policy)` : '';
    findings.push(
      policyFinding(
        'plugin-feature',
        'info',
        p,
        paths[0] ?? '',
        `${feature.message}${more}`,
        feature.hint,
      ),
    );
  }
  return findings;
}

/** A field some network plugins enforce differently or not at all, with the sources. */
interface Feature {
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

const FEATURES = {
  endPort: {
    name: 'endPort',
    message: 'endPort: a plugin without endPort support applies the rule to `port` alone',
    hint:
      `endPort is GA since Kubernetes 1.25 but must be implemented by the plugin ` +
      `(${SOURCES.endPort}, ${SOURCES.endPortGa}); Cilium releases without port-range support ` +
      `accept endPort and ignore it (${SOURCES.ciliumEndPort}, known missing features: ` +
      `${SOURCES.ciliumMissing})`,
  },
  sctp: {
    name: 'sctp',
    message: 'SCTP is enforced only by plugins that support it',
    hint:
      `Cilium supports SCTP policies only with SCTP enabled (\`sctp.enabled=true\`, beta: ` +
      `${SOURCES.ciliumSctp}); kube-router has no SCTP support in network policies ` +
      `(${SOURCES.kubeRouterSctp})`,
  },
  namedEgress: {
    name: 'namedEgress',
    message:
      'a named port in an egress rule resolves on each destination pod, which some plugins ' +
      'get wrong',
    hint:
      `Cilium has been reported to drop traffic when destination pods use the same name for ` +
      `different numbers (${SOURCES.ciliumNamedPorts}); NSX rejects egress rules with a named ` +
      `port and no \`to\` (${SOURCES.nsxNamedPorts}); a number avoids both`,
  },
  except: {
    name: 'except',
    message: 'ipBlock with except: OpenShift SDN ignores such an ipBlock entirely',
    hint:
      `OpenShift SDN logs a warning and ignores the whole ipBlock when it has an except clause ` +
      `(${SOURCES.openshiftSdnExcept})`,
  },
} as const satisfies Record<string, Feature>;
