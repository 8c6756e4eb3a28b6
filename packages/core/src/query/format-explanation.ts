import type { Endpoint } from '../model/index.js';
import { formatEndpoint } from '../model/index.js';
import type {
  AdminRuleRef,
  DirectionVerdict,
  Explanation,
  PolicyRef,
  RuleRef,
  TierVerdict,
} from './types.js';

function policyName(ref: PolicyRef): string {
  return `${ref.namespace}/${ref.name}`;
}

function ruleText(rule: RuleRef, port: string): string {
  const parts: string[] = [];
  const peerWord = rule.direction === 'ingress' ? 'from' : 'to';
  parts.push(
    rule.peerIndex === undefined ? `${peerWord} any peer` : `${peerWord} peer ${rule.peerIndex}`,
  );
  parts.push(rule.portIndex === undefined ? 'any port' : `port ${port}`);
  return `${policyName(rule.policy)} rule ${rule.ruleIndex} (${parts.join(', ')})`;
}

function sideText(
  side: 'egress' | 'ingress',
  verdict: DirectionVerdict,
  subject: Endpoint,
  other: Endpoint,
  port: string,
): string {
  const where =
    side === 'egress'
      ? `egress from ${formatEndpoint(subject)}`
      : `ingress to ${formatEndpoint(subject)}`;
  if ('address' in subject) return `${where} is not filtered (an address has no policies)`;
  if (verdict.tiers !== undefined) {
    return `${where}: ${verdict.tiers.map((t) => tierText(t, verdict, other, port)).join(', then ')}`;
  }
  if (!verdict.isolated) return `${where} is not isolated`;
  const by = verdict.isolatedBy.map(policyName).join(', ');
  if (verdict.exemptBy !== undefined) {
    const why =
      verdict.exemptBy === 'hostNetworkPeers'
        ? `${formatEndpoint(other)} is a host-network peer the plugin never polices`
        : side === 'ingress'
          ? `${formatEndpoint(other)} is the pod's own node`
          : `${formatEndpoint(other)} is the pod's own node`;
    return `${where} is isolated by ${by}, but always allowed: ${why} (${verdict.exemptBy})`;
  }
  if (!verdict.allowed) {
    return `${where} is isolated by ${by}; no rule allows ${formatEndpoint(other)} on ${port}`;
  }
  return `${where} allowed by ${verdict.allowedBy.map((r) => ruleText(r, port)).join('; ')}`;
}

function adminRuleText(rule: AdminRuleRef): string {
  const name = rule.ruleName === undefined ? '' : ` "${rule.ruleName}"`;
  return `${rule.policy.kind} ${rule.policy.name} (priority ${rule.priority}) rule ${rule.ruleIndex}${name}, ${rule.action}`;
}

/** One tier's decision, e.g. `Admin tier passes: AdminNetworkPolicy x (priority 5) rule 0, Pass`. */
function tierText(
  tier: TierVerdict,
  verdict: DirectionVerdict,
  other: Endpoint,
  port: string,
): string {
  if (tier.tier === 'Default') return 'default allows';
  if (tier.tier === 'NetworkPolicy') {
    if (tier.decision === 'no-match') return 'no NetworkPolicy isolates it';
    const by = verdict.isolatedBy.map(policyName).join(', ');
    if (tier.decision === 'deny') {
      return `NetworkPolicy denies (isolated by ${by}; no rule allows ${formatEndpoint(other)} on ${port})`;
    }
    return `NetworkPolicy allows (${verdict.allowedBy.map((r) => ruleText(r, port)).join('; ')})`;
  }
  if (tier.rule === undefined) return `${tier.tier} tier: no rule matches`;
  const verb =
    tier.decision === 'allow' ? 'accepts' : tier.decision === 'deny' ? 'denies' : 'passes';
  return `${tier.tier} tier ${verb} (${adminRuleText(tier.rule)})`;
}

/**
 * Renders an explanation as one line of plain English, e.g.
 * `denied: ingress to shop/statefulset/db is isolated by shop/default-deny; no rule allows
 * shop/deployment/web on 5432/TCP`.
 */
export function formatExplanation(explanation: Explanation): string {
  const { from, to, traffic } = explanation;
  const port = `${traffic.port}/${traffic.protocol}`;
  if (explanation.self)
    return `allowed: ${formatEndpoint(from)} talking to itself is always allowed`;
  const egress = sideText('egress', explanation.egress, from, to, port);
  const ingress = sideText('ingress', explanation.ingress, to, from, port);
  if (explanation.allowed) return `allowed: ${egress}; ${ingress}`;
  // Name only the side(s) that denied, so the reader sees the cause first.
  const causes: string[] = [];
  if (!explanation.egress.allowed) causes.push(egress);
  if (!explanation.ingress.allowed) causes.push(ingress);
  return `denied: ${causes.join('; and ')}`;
}

/** The assumptions line printed under every explanation. */
export function formatAssumptions(explanation: Explanation): string {
  const parts = Object.entries(explanation.assumptions).map(([key, value]) => `${key}=${value}`);
  return `assuming: ${parts.join(', ')}`;
}
