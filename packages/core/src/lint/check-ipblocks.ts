import type { LintContext } from './context.js';
import { listNames, peerPath, plural, podName, policyFinding } from './context.js';
import type { Finding } from './types.js';

const CILIUM_CIDR = 'https://docs.cilium.io/en/stable/security/policy/language/';

/**
 * `ipblock-covers-pods`: an ipBlock (its CIDR minus `except`) holding IPs of pods in the
 * input. Whether such a block matches traffic from or to those pods is left to the network
 * plugin: Cilium, for one, does not apply CIDR rules between endpoints it manages. A block
 * that covers every address (a /0) is the usual "anywhere" rule, so it is only info.
 */
export function checkIpBlocks(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const site of ctx.rules) {
    const policy = ctx.policies[site.policy];
    if (!policy) continue;
    (site.rule.peers ?? []).forEach((peer, j) => {
      if (peer.kind !== 'ipBlock') return;
      const pods = ctx.podsWithAddressIn(ctx.blockSet(peer));
      if (pods.length === 0) return;
      const everywhere = peer.cidr.endsWith('/0');
      const names = pods.flatMap((i) => {
        const pod = ctx.pods[i];
        return pod ? [`${podName(pod)} ${pod.ips.join(',')}`] : [];
      });
      findings.push(
        policyFinding(
          'ipblock-covers-pods',
          everywhere ? 'info' : 'warning',
          policy,
          `${peerPath(site.direction, site.index, j)}.ipBlock`,
          `${peer.cidr} holds the IPs of ${plural(pods.length, 'pod')} in the input ` +
            `(${listNames(names, 3)}); whether it matches their traffic depends on the network ` +
            'plugin',
          `pod IPs change on every restart: select pods with podSelector/namespaceSelector and ` +
            `keep ipBlock for addresses outside the cluster (or list the pod CIDR in except); ` +
            `Cilium does not apply CIDR rules to traffic between pods it manages (${CILIUM_CIDR})`,
        ),
      );
    });
  }
  return findings;
}
