import { Bitset } from '../bitset/index.js';
import type {
  AdminPeer,
  AdminPolicy,
  AdminPort,
  AdminRule,
  AdminSubject,
  Pod,
} from '../model/index.js';
import { adminPolicyKind } from '../model/index.js';
import { IpSet } from '../net/index.js';
import { matchesLabels } from '../select/index.js';
import type { Direction, LintContext } from './context.js';
import { DIRECTIONS, listNames, plural, podName } from './context.js';
import type { Finding, FindingObject, LintCode, LintSeverity } from './types.js';

/** What one admin rule matches among the input's pods and addresses. */
interface RuleMatch {
  readonly policy: number;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: AdminRule;
  /** Pods of the input its pod and namespace peers match. */
  readonly pods: Bitset;
  /** Addresses its networks and nodes peers match. */
  readonly addresses: IpSet;
}

/** The admin policies in evaluation order: Admin tier then Baseline, priority, then name. */
function ordered(policies: readonly AdminPolicy[]): AdminPolicy[] {
  return [...policies].sort(
    (a, b) =>
      (a.tier === 'Admin' ? 0 : 1) - (b.tier === 'Admin' ? 0 : 1) ||
      a.priority - b.priority ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function adminObject(policy: AdminPolicy): FindingObject {
  return { kind: adminPolicyKind(policy) as FindingObject['kind'], name: policy.name };
}

function adminFinding(
  code: LintCode,
  severity: LintSeverity,
  policy: AdminPolicy,
  path: string,
  message: string,
  hint: string,
): Finding {
  return {
    code,
    severity,
    object: adminObject(policy),
    path,
    message,
    hint,
    ...(policy.source ? { source: policy.source } : {}),
  };
}

/**
 * Checks of the admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy), judged on the pods of the input:
 * - `admin-rule-shadowed`: a rule that an earlier rule of its tier (earlier in the policy, or in
 *   a policy evaluated before it) always decides first: for every subject pod of the rule, the
 *   earlier rule applies too and matches at least its peers and ports;
 * - `admin-priority-tie`: two policies of one tier at one priority that both match some flow
 *   (a shared subject pod, overlapping peers and ports): which one decides is left to the
 *   implementation (kube-reach takes the name that sorts first);
 * - `admin-pass-to-nothing`: a Pass rule whose subject pods no NetworkPolicy isolates and no
 *   Baseline rule selects in that direction: what it passes is allowed by default;
 * - `baseline-name`: a BaselineAdminNetworkPolicy not named `default` (the parser refuses one;
 *   a cluster assembled in code may still hold it).
 */
export function checkAdmin(ctx: LintContext): Finding[] {
  const policies = ordered(ctx.cluster.adminPolicies ?? []);
  if (policies.length === 0) return [];
  const findings: Finding[] = [];
  const pods = ctx.pods;
  const subjectOf = (subject: AdminSubject): Bitset => {
    const set = new Bitset(pods.length);
    pods.forEach((pod, i) => {
      if (subjectPicks(ctx, subject, pod)) set.add(i);
    });
    return set;
  };
  const subjects = policies.map((p) => subjectOf(p.subject));
  const matches: RuleMatch[] = [];
  policies.forEach((policy, p) => {
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, index) => {
        const matched = new Bitset(pods.length);
        let addresses = IpSet.EMPTY;
        for (const peer of rule.peers) {
          if (peer.kind === 'namespaces' || peer.kind === 'pods') matched.or(subjectOf(peer));
          else addresses = addresses.union(peerAddresses(ctx, peer));
        }
        matches.push({ policy: p, direction, index, rule, pods: matched, addresses });
      });
    }
  });

  for (const [i, later] of matches.entries()) {
    const policy = policies[later.policy] as AdminPolicy;
    const subject = subjects[later.policy] as Bitset;
    if (subject.isEmpty() || (later.pods.isEmpty() && later.addresses.isEmpty())) continue;
    const earlier = matches.slice(0, i).find((first) => {
      const firstPolicy = policies[first.policy] as AdminPolicy;
      return (
        first.direction === later.direction &&
        firstPolicy.tier === policy.tier &&
        subject.isSubsetOf(subjects[first.policy] as Bitset) &&
        later.pods.isSubsetOf(first.pods) &&
        later.addresses.difference(first.addresses).isEmpty() &&
        portsCover(first.rule.ports, later.rule.ports)
      );
    });
    if (earlier !== undefined) {
      const by = policies[earlier.policy] as AdminPolicy;
      const where =
        earlier.policy === later.policy ? 'this policy' : `${adminPolicyKind(by)} ${by.name}`;
      findings.push(
        adminFinding(
          'admin-rule-shadowed',
          'warning',
          policy,
          `spec.${later.direction}[${later.index}]`,
          `never decides: ${where}'s ${later.direction} rule ${earlier.index} (${earlier.rule.action}) ` +
            'matches every flow it matches first, for every pod it applies to',
          'rules are evaluated in written order and policies by ascending priority; move this ' +
            'rule before the other one, or remove it',
        ),
      );
    }
  }

  findings.push(...priorityTies(policies, subjects, matches));
  findings.push(...passToNothing(ctx, policies, subjects));
  for (const policy of policies) {
    if (policy.origin === 'BaselineAdminNetworkPolicy/v1alpha1' && policy.name !== 'default') {
      findings.push(
        adminFinding(
          'baseline-name',
          'error',
          policy,
          'metadata.name',
          `a BaselineAdminNetworkPolicy must be named default, not ${policy.name}`,
          'the API server accepts one BaselineAdminNetworkPolicy per cluster, named default ' +
            '(CEL rule of the v1alpha1 CRD); rename it',
        ),
      );
    }
  }
  return findings;
}

function priorityTies(
  policies: readonly AdminPolicy[],
  subjects: readonly Bitset[],
  matches: readonly RuleMatch[],
): Finding[] {
  const findings: Finding[] = [];
  policies.forEach((a, p) => {
    policies.forEach((b, q) => {
      if (q <= p || a.tier !== b.tier || a.priority !== b.priority) return;
      if (!(subjects[p] as Bitset).intersects(subjects[q] as Bitset)) return;
      const overlap = matches.some(
        (x) =>
          x.policy === p &&
          matches.some(
            (y) =>
              y.policy === q &&
              y.direction === x.direction &&
              (x.pods.intersects(y.pods) || !x.addresses.intersect(y.addresses).isEmpty()) &&
              portsOverlap(x.rule.ports, y.rule.ports),
          ),
      );
      if (!overlap) return;
      findings.push(
        adminFinding(
          'admin-priority-tie',
          'warning',
          b,
          'spec.priority',
          `has the priority of ${adminPolicyKind(a)} ${a.name} (${a.tier} tier, ${a.priority}) ` +
            `and both match some flow: which decides is up to the network plugin ` +
            `(kube-reach lets ${a.name} decide: names are compared)`,
          'give each policy of a tier its own priority, so the order does not depend on the plugin',
        ),
      );
    });
  });
  return findings;
}

function passToNothing(
  ctx: LintContext,
  policies: readonly AdminPolicy[],
  subjects: readonly Bitset[],
): Finding[] {
  const findings: Finding[] = [];
  policies.forEach((policy, p) => {
    if (policy.tier !== 'Admin') return;
    const subject = subjects[p] as Bitset;
    if (subject.isEmpty()) return;
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, index) => {
        if (rule.action !== 'Pass') return;
        // Some subject pod where NetworkPolicy or a Baseline rule would decide what is passed.
        let decided = false;
        subject.forEach((i) => {
          if (decided) return;
          const pod = ctx.pods[i] as Pod;
          if (ctx.engine.isolation(pod, direction).length > 0) decided = true;
          else {
            decided = policies.some(
              (b, q) =>
                b.tier === 'Baseline' && b[direction].length > 0 && (subjects[q] as Bitset).has(i),
            );
          }
        });
        if (decided) return;
        const names = subject.toArray().map((i) => podName(ctx.pods[i] as Pod));
        findings.push(
          adminFinding(
            'admin-pass-to-nothing',
            'info',
            policy,
            `spec.${direction}[${index}]`,
            `passes to no one: no NetworkPolicy isolates its ${plural(names.length, 'subject pod')} ` +
              `(${listNames(names)}) for ${direction} and no Baseline rule selects them, so what ` +
              'it passes is allowed by default',
            'if allowing is meant, Accept says so; otherwise add the NetworkPolicy or Baseline ' +
              'rule that should decide',
          ),
        );
      });
    }
  });
  return findings;
}

/** Whether a subject (or a namespaces / pods peer) picks a pod; host-network pods never. */
function subjectPicks(ctx: LintContext, subject: AdminSubject, pod: Pod): boolean {
  if (pod.hostNetwork) return false;
  const namespace = ctx.namespaces[ctx.namespaceIndex.get(pod.namespace) ?? -1];
  if (namespace === undefined || !matchesLabels(namespace.labels, subject.namespaceSelector)) {
    return false;
  }
  return subject.kind === 'namespaces' || matchesLabels(pod.labels, subject.podSelector);
}

function peerAddresses(ctx: LintContext, peer: AdminPeer): IpSet {
  if (peer.kind === 'networks') {
    return peer.cidrs.reduce((set, cidr) => set.union(IpSet.fromCidr(cidr)), IpSet.EMPTY);
  }
  if (peer.kind !== 'nodes') return IpSet.EMPTY;
  let set = IpSet.EMPTY;
  for (const node of ctx.cluster.nodes ?? []) {
    if (!matchesLabels(node.labels, peer.nodeSelector)) continue;
    for (const a of node.addresses) {
      set = set.union(IpSet.fromCidr(`${a}/${a.includes(':') ? 128 : 32}`));
    }
  }
  return set;
}

/** Whether `first`'s ports include every port `later` names (absent: every port). */
function portsCover(
  first: readonly AdminPort[] | undefined,
  later: readonly AdminPort[] | undefined,
): boolean {
  if (first === undefined) return true;
  if (later === undefined) return false;
  return later.every((port) =>
    first.some((f) =>
      port.kind === 'named'
        ? f.kind === 'named' && f.name === port.name
        : f.kind === 'range' &&
          f.protocol === port.protocol &&
          f.first <= port.first &&
          port.last <= f.last,
    ),
  );
}

/** Whether two rules' ports can both match one port (named ports: by name, conservatively). */
function portsOverlap(
  a: readonly AdminPort[] | undefined,
  b: readonly AdminPort[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some((x) =>
    b.some((y) => {
      if (x.kind === 'named' || y.kind === 'named') return true;
      return x.protocol === y.protocol && x.first <= y.last && y.first <= x.last;
    }),
  );
}
