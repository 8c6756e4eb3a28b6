import { isEmptySelector } from '../select/index.js';
import type { LintContext } from './context.js';
import {
  affects,
  DIRECTIONS,
  listNames,
  namespaceFinding,
  podName,
  policyType,
} from './context.js';
import type { Finding } from './types.js';

/**
 * `namespace-without-default-deny` and `pod-not-isolated`, per namespace with pods and per
 * direction.
 *
 * A pod is isolated in a direction when some policy of its namespace selects it with that
 * direction in `policyTypes`; a pod that is not isolated accepts (or sends) anything. A
 * default-deny is a policy with an empty `podSelector`, which also covers pods added later.
 *
 * To keep the report short, the counts go where they say something new: in a namespace with
 * no policy of a direction, the `namespace-without-default-deny` finding (info) says that all
 * its pods are open; in a namespace where some policy of the direction exists but none selects
 * every pod, the missing default-deny is a warning and `pod-not-isolated` (info) names the
 * pods that narrower policies leave open.
 */
export function checkIsolation(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  // With admin policies, the Admin tier decides before NetworkPolicy and the Baseline tier
  // decides for pods no NetworkPolicy isolates: "any" is what they leave undecided.
  const admin = (ctx.cluster.adminPolicies?.length ?? 0) > 0;
  const any = (direction: string): string =>
    admin ? `any ${direction} no admin policy decides` : `any ${direction}`;
  ctx.namespaces.forEach((namespace, n) => {
    // Pods that policies cannot select (hostNetwork pods, as the node) are left out.
    const pods = ctx.podsIn[n]?.clone().and(ctx.selectable);
    if (pods === undefined || pods.isEmpty()) return;
    const total = pods.count();
    for (const direction of DIRECTIONS) {
      const type = policyType(direction);
      const policies = ctx.policies
        .map((policy, p) => ({ policy, p }))
        .filter(({ policy }) => policy.namespace === namespace.name && affects(policy, direction));
      if (policies.some(({ policy }) => isEmptySelector(policy.podSelector))) continue;

      const isolated = pods.clone().clear();
      for (const { p } of policies) isolated.or(ctx.selected[p] ?? isolated);
      const open = pods.clone().andNot(isolated);
      const openCount = open.count();
      const denyHint =
        `add a default-deny: a NetworkPolicy with \`podSelector: {}\`, \`policyTypes: [${type}]\` ` +
        `and no ${direction} rules, then allow what the pods need` +
        (direction === 'egress' ? ' (DNS first: UDP and TCP 53 to kube-dns)' : '');

      if (policies.length === 0) {
        findings.push(
          namespaceFinding(
            'namespace-without-default-deny',
            'info',
            namespace,
            `no NetworkPolicy in the namespace has ${type} in policyTypes: ${total}/${total} ` +
              `pods accept ${any(direction)}`,
            `${denyHint}, if the namespace should be locked down`,
          ),
        );
        continue;
      }
      findings.push(
        namespaceFinding(
          'namespace-without-default-deny',
          'warning',
          namespace,
          `no policy selects every pod (podSelector: {}) for ${direction}: pods that no ` +
            `narrower policy selects, and pods added later, accept ${any(direction)}`,
          denyHint,
        ),
      );
      if (openCount > 0) {
        const names = open.toArray().flatMap((i) => {
          const pod = ctx.pods[i];
          return pod ? [podName(pod)] : [];
        });
        findings.push(
          namespaceFinding(
            'pod-not-isolated',
            'info',
            namespace,
            `${openCount}/${total} pods accept ${any(direction)}: ${listNames(names)}`,
            `select them with a policy that lists ${type} in policyTypes, or add a default-deny`,
          ),
        );
      }
    }
  });
  return findings;
}
