import type { Cluster } from '../model/index.js';
import { compile } from '../query/index.js';
import { checkAdmin } from './check-admin.js';
import { checkDns } from './check-dns.js';
import { checkIpBlocks } from './check-ipblocks.js';
import { checkIsolation } from './check-isolation.js';
import { checkPluginFeatures, checkPorts } from './check-ports.js';
import { checkProfile } from './check-profile.js';
import { checkRedundancy } from './check-redundancy.js';
import { checkAndOr, checkSelectors } from './check-selectors.js';
import type { LintContext } from './context.js';
import { createContext } from './context.js';
import type { Finding, LintCode, LintOptions } from './types.js';
import { LINT_SEVERITIES } from './types.js';

/** Each check, and the codes it can report (so disabled checks are not run at all). */
const CHECKS: readonly {
  readonly codes: readonly LintCode[];
  readonly run: (ctx: LintContext) => Finding[];
}[] = [
  { codes: ['namespace-without-default-deny', 'pod-not-isolated'], run: checkIsolation },
  { codes: ['dns-egress-blocked'], run: checkDns },
  { codes: ['selector-matches-nothing'], run: checkSelectors },
  { codes: ['peer-and-or-suspect'], run: checkAndOr },
  {
    codes: ['named-port-unresolved', 'service-port-not-container-port', 'policy-empty-effect'],
    run: checkPorts,
  },
  { codes: ['ipblock-covers-pods'], run: checkIpBlocks },
  { codes: ['rule-redundant', 'policy-empty-effect'], run: checkRedundancy },
  { codes: ['plugin-feature'], run: checkPluginFeatures },
  { codes: ['plugin-unsupported-feature'], run: checkProfile },
  {
    codes: ['admin-rule-shadowed', 'admin-priority-tie', 'admin-pass-to-nothing', 'baseline-name'],
    run: checkAdmin,
  },
];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Checks a cluster for the NetworkPolicy mistakes that are not syntax: namespaces without a
 * default-deny, egress that cuts off DNS, selectors that match nothing, peers written as OR
 * where AND was meant, Service ports where pod ports belong, redundant rules, and fields that
 * some network plugins do not enforce. Every finding is a statement about the input under
 * Kubernetes semantics; reachability facts come from the compiled engine.
 *
 * @param cluster - a cluster from `parseCluster` / `loadCluster`
 * @param options - codes to disable, plugin assumptions, or an engine to reuse
 * @returns the findings, most severe first, then by object and path
 * @example
 * ```ts
 * const findings = lint(loadCluster(yamlText), { disable: ['plugin-feature'] });
 * for (const f of findings) console.log(formatFinding(f));
 * ```
 */
export function lint(cluster: Cluster, options: LintOptions = {}): Finding[] {
  const disabled = new Set(options.disable ?? []);
  const engine = options.engine ?? compile(cluster, options.semantics);
  const ctx = createContext(cluster, engine);
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    if (check.codes.every((code) => disabled.has(code))) continue;
    for (const finding of check.run(ctx)) {
      if (!disabled.has(finding.code)) findings.push(finding);
    }
  }
  const rank = (f: Finding): number => LINT_SEVERITIES.indexOf(f.severity);
  return findings.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareText(a.object.namespace ?? a.object.name, b.object.namespace ?? b.object.name) ||
      compareText(a.object.kind, b.object.kind) ||
      compareText(a.object.name, b.object.name) ||
      compareText(a.path, b.path) ||
      compareText(a.code, b.code),
  );
}
