import type { Peer } from '../model/index.js';
import type { LintContext } from './context.js';
import { peerPath, peersKey, plural, policyFinding } from './context.js';
import type { Finding } from './types.js';

/**
 * `selector-matches-nothing`: a policy's `podSelector`, or a peer's selectors, that match no
 * pod or namespace of the input. Judged only where the input could have matched: a policy's
 * `podSelector` when its namespace has pods in the input, a peer's `namespaceSelector` when
 * some Namespace object was given (otherwise namespace labels are unknown), and a peer's
 * `podSelector` when the namespaces it looks in have pods.
 */
export function checkSelectors(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  ctx.policies.forEach((policy, p) => {
    const n = ctx.namespaceIndex.get(policy.namespace);
    const podCount = n === undefined ? 0 : (ctx.podsIn[n]?.count() ?? 0);
    if (podCount > 0 && ctx.selected[p]?.isEmpty()) {
      findings.push(
        policyFinding(
          'selector-matches-nothing',
          'warning',
          policy,
          'spec.podSelector',
          `matches none of the ${plural(podCount, 'pod')} of namespace ${policy.namespace} in ` +
            'the input, so the policy has no effect',
          'check the labels against the pod template (`kubectl get pods --show-labels`); a ' +
            'podSelector only looks at pods in the policy’s own namespace',
        ),
      );
    }
  });

  for (const site of ctx.rules) {
    const policy = ctx.policies[site.policy];
    if (!policy) continue;
    (site.rule.peers ?? []).forEach((peer, j) => {
      if (peer.kind !== 'pods') return;
      const path = peerPath(site.direction, site.index, j);
      if (peer.namespaceSelector !== undefined) {
        const namespaces = ctx.selectNamespaces(peer.namespaceSelector);
        if (namespaces.isEmpty()) {
          if (ctx.namespaceObjects) {
            findings.push(
              policyFinding(
                'selector-matches-nothing',
                'warning',
                policy,
                `${path}.namespaceSelector`,
                'matches no namespace in the input',
                'namespaces are selected by their labels: `kubernetes.io/metadata.name: NAME` ' +
                  'names one; check the labels with `kubectl get ns --show-labels`',
              ),
            );
          }
          return;
        }
        let podsThere = 0;
        namespaces.forEach((k) => {
          podsThere += ctx.podsIn[k]?.count() ?? 0;
        });
        if (
          peer.podSelector !== undefined &&
          podsThere > 0 &&
          peerMatchesNothing(ctx, site.policy, peer)
        ) {
          findings.push(
            policyFinding(
              'selector-matches-nothing',
              'warning',
              policy,
              `${path}.podSelector`,
              `matches none of the ${plural(podsThere, 'pod')} in the namespaces its ` +
                'namespaceSelector selects',
              'check the labels against the pods of those namespaces',
            ),
          );
        }
        return;
      }
      if (peer.podSelector !== undefined && podsHere(ctx, policy.namespace) > 0) {
        if (peerMatchesNothing(ctx, site.policy, peer)) {
          findings.push(
            policyFinding(
              'selector-matches-nothing',
              'warning',
              policy,
              `${path}.podSelector`,
              `matches no pod of namespace ${policy.namespace} in the input (without a ` +
                'namespaceSelector, a peer’s podSelector looks only in the policy’s namespace)',
              `to match pods of other namespaces, add a namespaceSelector to the same ` +
                `${peersKey(site.direction)} entry`,
            ),
          );
        }
      }
    });
  }
  return findings;
}

function podsHere(ctx: LintContext, namespace: string): number {
  const n = ctx.namespaceIndex.get(namespace);
  return n === undefined ? 0 : (ctx.podsIn[n]?.count() ?? 0);
}

function peerMatchesNothing(ctx: LintContext, policy: number, peer: Peer): boolean {
  const p = ctx.policies[policy];
  return p !== undefined && ctx.peerPods(p, peer).isEmpty();
}

/**
 * `peer-and-or-suspect`: two adjacent peers, one with only a `namespaceSelector` and the next
 * with only a `podSelector` (either order). Peers of one rule are ORed, so this admits every
 * pod of the selected namespaces plus the matching pods of the policy's own namespace; the
 * common intent is one peer with both selectors (ANDed): the matching pods in those namespaces.
 */
export function checkAndOr(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const site of ctx.rules) {
    const policy = ctx.policies[site.policy];
    const peers = site.rule.peers ?? [];
    if (!policy) continue;
    for (let j = 0; j + 1 < peers.length; j++) {
      const a = peers[j];
      const b = peers[j + 1];
      if (a?.kind !== 'pods' || b?.kind !== 'pods') continue;
      const onlyNs = (x: typeof a) => x.namespaceSelector !== undefined && !x.podSelector;
      const onlyPods = (x: typeof a) => x.podSelector !== undefined && !x.namespaceSelector;
      if (!((onlyNs(a) && onlyPods(b)) || (onlyPods(a) && onlyNs(b)))) continue;
      const key = peersKey(site.direction);
      const [nsAt, podAt] = onlyNs(a) ? [j, j + 1] : [j + 1, j];
      findings.push(
        policyFinding(
          'peer-and-or-suspect',
          'warning',
          policy,
          peerPath(site.direction, site.index, j),
          `${key}[${nsAt}] has only a namespaceSelector and ${key}[${podAt}] only a podSelector: ` +
            'they are ORed, admitting every pod of the selected namespaces ' +
            `and the matching pods of namespace ${policy.namespace}`,
          'for the matching pods in the selected namespaces, write one peer with both ' +
            'selectors (drop the `-` before the second one); if the OR is intended, put each ' +
            'peer in a rule of its own to say so',
        ),
      );
      j++;
    }
  }
  return findings;
}
