import type { NetworkPolicy } from '../model/index.js';
import { knobsOf, resolveProfile, unsupportedFeatures } from '../profiles/index.js';
import type { LintContext } from './context.js';
import { policyFinding } from './context.js';
import type { Finding } from './types.js';

/**
 * `plugin-unsupported-feature`: for the chosen CNI profile (and knobs given explicitly), every
 * policy field the plugin ignores or treats differently from the API reference, with the source
 * that says so. Under the `spec` profile there is none.
 */
export function checkProfile(ctx: LintContext): Finding[] {
  const { semantics, cluster } = ctx;
  const knobs = knobsOf(semantics);
  const profile = resolveProfile(semantics.cni ?? 'spec');
  const hostPod = (hostNetwork: boolean): boolean =>
    hostNetwork && semantics.hostNetworkPods === 'node';
  const podIps = cluster.pods.filter((p) => !hostPod(p.hostNetwork)).flatMap((p) => p.ips);
  const nodeIps = [
    ...(cluster.nodes ?? []).flatMap((n) => n.addresses),
    ...cluster.pods.filter((p) => hostPod(p.hostNetwork)).flatMap((p) => p.ips),
  ];
  const findings: Finding[] = [];
  for (const policy of ctx.policies as readonly NetworkPolicy[]) {
    for (const use of unsupportedFeatures(policy, knobs, podIps, nodeIps)) {
      const value = (semantics as unknown as Record<string, unknown>)[use.knob];
      const given = value !== undefined && value !== profile.knobs[use.knob];
      const source = profile.sources[use.knob];
      const why = given
        ? `${use.knob} was set explicitly`
        : source === undefined
          ? `${profile.name} takes ${use.knob} from the spec profile`
          : `source: ${source.text}`;
      findings.push(
        policyFinding(
          'plugin-unsupported-feature',
          'warning',
          policy,
          formatPath(use.path),
          `under ${profile.name}: ${use.effect}`,
          `${why}. Compare profiles with reach matrix --cni spec,${profile.name}.`,
        ),
      );
    }
  }
  return findings;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
