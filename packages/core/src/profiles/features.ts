import type { NetworkPolicy, Peer, PolicyRule } from '../model/index.js';
import { IpSet, parseIp } from '../net/index.js';
import type { KnobName, Knobs } from './knobs.js';

/** A policy field a plugin ignores or treats differently from the `spec` profile. */
export interface FeatureUse {
  /** The knob whose value makes the difference. */
  readonly knob: KnobName;
  /** Where the field is, in the policy's own terms: `spec.ingress[0].ports[1].endPort`. */
  readonly path: readonly (string | number)[];
  /** What the plugin does with it, in a few words. */
  readonly effect: string;
}

/**
 * The fields of a policy that the plugin with these knobs ignores or treats differently, each
 * with the knob that decides it. Empty under the `spec` profile.
 *
 * @param podIps - the pods' IPs, to tell an ipBlock that covers pods (Cilium ignores it there)
 * @param nodeIps - the nodes' IPs, likewise for ipBlocks over node addresses
 */
export function unsupportedFeatures(
  policy: NetworkPolicy,
  knobs: Knobs,
  podIps: readonly string[] = [],
  nodeIps: readonly string[] = [],
): FeatureUse[] {
  const out: FeatureUse[] = [];
  if (!knobs.enforcesNetworkPolicy) {
    out.push({ knob: 'enforcesNetworkPolicy', path: [], effect: 'not enforced at all' });
    return out;
  }
  const directions = [
    ['ingress', 'from', policy.ingress],
    ['egress', 'to', policy.egress],
  ] as const;
  for (const [direction, peerField, rules] of directions) {
    rules.forEach((rule: PolicyRule, r) => {
      const at = ['spec', direction, r];
      rule.ports?.forEach((spec, p) => {
        const here = [...at, 'ports', p];
        if (spec.endPort !== undefined && knobs.endPort === 'ignored') {
          out.push({
            knob: 'endPort',
            path: [...here, 'endPort'],
            effect: `ignored: only port ${String(spec.port)} is enforced`,
          });
        }
        if (spec.protocol === 'SCTP' && !knobs.sctp) {
          out.push({
            knob: 'sctp',
            path: [...here, 'protocol'],
            effect: 'SCTP is not enforced: the entry matches nothing',
          });
        }
        if (
          direction === 'egress' &&
          typeof spec.port === 'string' &&
          knobs.namedPortsInEgress !== 'supported'
        ) {
          out.push({
            knob: 'namedPortsInEgress',
            path: [...here, 'port'],
            effect:
              knobs.namedPortsInEgress === 'unsupported'
                ? 'named ports in egress rules are not supported: the entry matches nothing'
                : 'named ports in egress rules resolve for selector peers only, not ipBlocks',
          });
        }
      });
      rule.peers?.forEach((peer: Peer, q) => {
        if (peer.kind !== 'ipBlock') return;
        const here = [...at, peerField, q, 'ipBlock', 'cidr'];
        if (knobs.ipFamilies === 'ipv4' && peer.cidr.includes(':')) {
          out.push({
            knob: 'ipFamilies',
            path: here,
            effect: 'IPv6 is not enforced: the block matches nothing',
          });
          return;
        }
        const pods = covered(peer, podIps);
        const podsIgnored =
          knobs.ipBlockMatchesPods === false ||
          (knobs.ipBlockMatchesPods === 'egress-only' && direction === 'ingress');
        if (pods > 0 && podsIgnored) {
          out.push({
            knob: 'ipBlockMatchesPods',
            path: here,
            effect: `covers ${pods} pod IP${pods === 1 ? '' : 's'}, which the plugin never matches by ipBlock`,
          });
        }
        const nodes = covered(peer, nodeIps);
        if (nodes > 0 && !knobs.ipBlockMatchesNodes) {
          out.push({
            knob: 'ipBlockMatchesNodes',
            path: here,
            effect: `covers ${nodes} node IP${nodes === 1 ? '' : 's'}, which the plugin never matches by ipBlock`,
          });
        }
      });
    });
  }
  return out;
}

/** How many of the addresses the ipBlock matches (its CIDR without its exceptions). */
function covered(peer: Extract<Peer, { kind: 'ipBlock' }>, ips: readonly string[]): number {
  if (ips.length === 0) return 0;
  let set = IpSet.fromCidr(peer.cidr);
  for (const except of peer.except) set = set.difference(IpSet.fromCidr(except));
  let count = 0;
  for (const text of new Set(ips)) {
    const ip = parseIp(text);
    if (ip !== undefined && set.has(ip)) count++;
  }
  return count;
}
