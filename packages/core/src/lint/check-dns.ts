import { Bitset } from '../bitset/index.js';
import type { Pod, PolicyRule, Protocol } from '../model/index.js';
import type { LintContext } from './context.js';
import { affects, listNames, namespaceFinding, plural, podName } from './context.js';
import type { Finding } from './types.js';

const DNS_PORT = 53;
const DNS_NAMESPACE = 'kube-system';

/** CoreDNS keeps kube-dns's `k8s-app: kube-dns`; some installs label it `coredns`. */
function isDnsPod(pod: Pod): boolean {
  if (pod.namespace !== DNS_NAMESPACE) return false;
  const app = pod.labels.get('k8s-app') ?? pod.labels.get('app.kubernetes.io/name');
  return app === 'kube-dns' || app === 'coredns';
}

/** Whether a rule's ports let `protocol`/53 through (a named port might resolve to 53). */
function rulePassesDns(rule: PolicyRule, protocol: Protocol): boolean {
  if (rule.ports === undefined || rule.ports.length === 0) return true;
  return rule.ports.some((entry) => {
    if (entry.protocol !== protocol) return false;
    if (entry.port === undefined || typeof entry.port === 'string') return true;
    return entry.port <= DNS_PORT && DNS_PORT <= (entry.endPort ?? entry.port);
  });
}

/**
 * `dns-egress-blocked`: pods isolated for egress that cannot resolve names. When the input
 * holds the kube-dns / CoreDNS pods of `kube-system`, the engine answers whether the pod
 * reaches any of them on UDP 53 and on TCP 53 (both sides of the connection count). Without
 * them, a pod is reported only when no egress rule of the policies selecting it lets UDP (or
 * TCP) port 53 through to any destination, which holds wherever DNS runs. Pods of a namespace
 * with the same labels, held by the same ipBlocks, get the same answer and are asked once.
 *
 * One finding per namespace and blocked protocol set; UDP blocked is a warning (no name
 * resolves), TCP alone is info (large answers and retries over TCP fail).
 */
export function checkDns(ctx: LintContext): Finding[] {
  const dnsPods = ctx.pods.filter(isDnsPod);
  const dnsRefs = dnsPods.map((pod) => ({ namespace: pod.namespace, name: pod.name }));

  // Egress-isolated pods, and per protocol the pods some egress rule lets port 53 out of.
  const isolated = new Bitset(ctx.pods.length);
  const passes: Record<'UDP' | 'TCP', Bitset> = {
    UDP: new Bitset(ctx.pods.length),
    TCP: new Bitset(ctx.pods.length),
  };
  ctx.policies.forEach((policy, p) => {
    if (!affects(policy, 'egress')) return;
    const selected = ctx.selected[p];
    if (!selected) return;
    isolated.or(selected);
    for (const protocol of ['UDP', 'TCP'] as const) {
      if (policy.egress.some((rule) => rulePassesDns(rule, protocol)))
        passes[protocol].or(selected);
    }
  });

  // The engine answers alike for pods of one namespace with the same labels and the same
  // ipBlocks holding their IPs: ask once per such key.
  const blocksOf = ctx.pods.map(() => [] as number[]);
  const blockIds = new Map<string, number>();
  for (const site of ctx.rules) {
    for (const peer of site.rule.peers ?? []) {
      if (peer.kind !== 'ipBlock') continue;
      const key = `${peer.cidr}|${peer.except.join(',')}`;
      if (blockIds.has(key)) continue;
      const id = blockIds.size;
      blockIds.set(key, id);
      for (const i of ctx.podsWithAddressIn(ctx.blockSet(peer))) blocksOf[i]?.push(id);
    }
  }
  const answers = new Map<string, boolean>();
  const reaches = (pod: Pod, i: number, protocol: 'UDP' | 'TCP'): boolean => {
    if (dnsRefs.length === 0) return passes[protocol].has(i);
    const labels = [...pod.labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const key = JSON.stringify([protocol, pod.namespace, labels, blocksOf[i], pod.hostNetwork]);
    let answer = answers.get(key);
    if (answer === undefined) {
      const from = { namespace: pod.namespace, name: pod.name };
      answer = dnsRefs.some((to) => ctx.engine.canReach(from, to, { port: DNS_PORT, protocol }));
      answers.set(key, answer);
    }
    return answer;
  };

  // namespace -> blocked protocols ('UDP', 'TCP' or 'UDP+TCP') -> pod names
  const groups = new Map<string, Map<string, string[]>>();
  const isolatedIn = new Map<string, number>();
  isolated.forEach((i) => {
    const pod = ctx.pods[i];
    if (pod === undefined || isDnsPod(pod)) return;
    isolatedIn.set(pod.namespace, (isolatedIn.get(pod.namespace) ?? 0) + 1);
    const blocked = (['UDP', 'TCP'] as const).filter((p) => !reaches(pod, i, p));
    if (blocked.length === 0) return;
    const byBlocked = groups.get(pod.namespace) ?? new Map<string, string[]>();
    groups.set(pod.namespace, byBlocked);
    const key = blocked.join('+');
    byBlocked.set(key, [...(byBlocked.get(key) ?? []), podName(pod)]);
  });

  const target =
    dnsPods.length > 0
      ? `to ${listNames(dnsPods.map(podName), 2)}`
      : 'to any destination (no kube-dns pods in kube-system in the input)';
  const findings: Finding[] = [];
  for (const [namespaceName, byBlocked] of groups) {
    const namespace = ctx.namespaces[ctx.namespaceIndex.get(namespaceName) ?? -1];
    if (!namespace) continue;
    for (const [key, names] of byBlocked) {
      const udp = key.includes('UDP');
      const ports = udp && key.includes('TCP') ? 'UDP or TCP 53' : udp ? 'UDP 53' : 'TCP 53';
      const isolated = isolatedIn.get(namespaceName) ?? names.length;
      findings.push(
        namespaceFinding(
          'dns-egress-blocked',
          udp ? 'warning' : 'info',
          namespace,
          `${names.length}/${plural(isolated, 'egress-isolated pod')} cannot reach DNS on ` +
            `${ports} ${target}: ${listNames(names)}`,
          'allow egress to the DNS pods on UDP 53 and TCP 53: one `to` peer with both ' +
            '`namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}` and ' +
            '`podSelector: {matchLabels: {k8s-app: kube-dns}}`; `reach query --explain` shows ' +
            'which side denies',
        ),
      );
    }
  }
  return findings;
}
