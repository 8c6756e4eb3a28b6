// Own-node and host-network exemptions for one pair, as the explainer and the what-if overlay
// walk the policies (the compiled path reads compile/node-split.ts's per-class tables). The
// API reference: "traffic to and from the node where a Pod is running is always allowed".

import type { CompiledCluster } from '../compile/index.js';
import type { NetworkPolicy, Pod } from '../model/index.js';
import { parseIp } from '../net/index.js';
import type { KnobName, Knobs } from '../profiles/index.js';
import { SPEC_KNOBS, unsupportedFeatures } from '../profiles/index.js';
import type { ResolvedEndpoint } from './explain.js';

/** What decides own-node traffic for one pair. */
export class OwnNode {
  readonly knobs: Knobs;
  private readonly addresses = new Map<string, Set<string>>();
  private readonly touched = new Map<string, readonly KnobName[]>();

  /**
   * @param knobs - every knob's value
   * @param nodeAddresses - each node's own addresses (Node addresses, host-network pods' IPs)
   * @param policies - the policies as written, to tell which knobs touch each
   */
  constructor(
    knobs: Knobs,
    nodeAddresses: ReadonlyMap<string, readonly string[]>,
    policies: readonly NetworkPolicy[] = [],
  ) {
    this.knobs = knobs;
    for (const [node, list] of nodeAddresses) {
      const set = new Set<string>();
      for (const text of list) {
        const ip = parseIp(text);
        if (ip !== undefined) set.add(`${ip.family}:${ip.value}`);
      }
      this.addresses.set(node, set);
    }
    for (const policy of policies) {
      const knobsOfPolicy = [...new Set(unsupportedFeatures(policy, knobs).map((f) => f.knob))];
      if (knobsOfPolicy.length > 0)
        this.touched.set(`${policy.namespace}/${policy.name}`, knobsOfPolicy);
    }
  }

  /**
   * The knob that lets `other` through `subject`'s side whatever its policies say, if any:
   * its own node (`nodeIngress`, `egressToOwnNode`) or a host-network peer (`hostNetworkPeers`).
   *
   * @param subject - a pod policies can select (not node traffic)
   * @param otherIsNode - whether `other` is node traffic (a host-network pod the plugin sees as
   *   its node)
   */
  exempt(
    direction: 'ingress' | 'egress',
    subject: Pod,
    other: ResolvedEndpoint,
    otherIsNode: boolean,
  ): KnobName | undefined {
    const { knobs } = this;
    if (otherIsNode && knobs.hostNetworkPeers === 'allowed') return 'hostNetworkPeers';
    const knob: KnobName = direction === 'ingress' ? 'nodeIngress' : 'egressToOwnNode';
    const applies =
      direction === 'ingress'
        ? knobs.nodeIngress !== 'policed'
        : knobs.egressToOwnNode === 'always';
    if (!applies || subject.nodeName === undefined) return undefined;
    if (other.kind === 'pod') {
      return otherIsNode && other.pod.nodeName === subject.nodeName ? knob : undefined;
    }
    const own = this.addresses.get(subject.nodeName);
    return own?.has(`${other.address.family}:${other.address.value}`) === true ? knob : undefined;
  }

  /** The knobs whose values change what a policy (by namespace/name) does. */
  knobsOfPolicy(namespace: string, name: string): readonly KnobName[] {
    return this.touched.get(`${namespace}/${name}`) ?? [];
  }
}

/** The `spec` profile with no nodes: what an explainer built without a compile assumes. */
export const NO_OWN_NODE: OwnNode = new OwnNode(SPEC_KNOBS, new Map());

/** The own-node view of a compiled cluster. */
export function ownNodeOf(c: CompiledCluster): OwnNode {
  return new OwnNode(c.knobs, c.nodeAddresses, c.cluster.policies);
}
