import type { Finding } from './types.js';

/** The object as people name it: `NetworkPolicy shop/api-egress`, `Namespace dev`. */
export function formatFindingObject(finding: Finding): string {
  const { kind, namespace, name } = finding.object;
  return `${kind} ${namespace === undefined ? name : `${namespace}/${name}`}`;
}

/**
 * A finding on one line, then its hint:
 * `warning dns-egress-blocked Namespace dev: 2/2 egress-isolated pods cannot reach DNS ...`.
 */
export function formatFinding(finding: Finding): string {
  const path = finding.path === '' ? '' : ` ${finding.path}`;
  return (
    `${finding.severity} ${finding.code} ${formatFindingObject(finding)}${path}: ` +
    `${finding.message}\n  hint: ${finding.hint}`
  );
}
