// The named cluster shapes. Each profile fills a builder with exactly `pods` pods and about
// `policies` policies, drawing every choice from the seeded generator.

import { adminProfile } from './admin-profile.js';
import { kanoPaper } from './kano-paper.js';
import type {
  ClusterBuilder,
  ContainerPortEntry,
  EgressRule,
  PeerEntry,
  PortEntry,
  Protocol,
  Selector,
} from './manifests.js';
import type { Rng } from './rng.js';

export interface ProfileInput {
  readonly b: ClusterBuilder;
  readonly rng: Rng;
  readonly pods: number;
  readonly policies: number;
}

export interface Profile {
  readonly name: string;
  readonly description: string;
  /** Policies for a cluster of `pods` pods when no count or ratio is given. */
  defaultPolicies(pods: number): number;
  /** Ports worth sampling: the ones the policies and pods of this profile use. */
  readonly traffic: readonly { readonly port: number; readonly protocol: Protocol }[];
  build(input: ProfileInput): void;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';
const tcp = (port: number) => ({ port, protocol: 'TCP' as const });
const udp = (port: number) => ({ port, protocol: 'UDP' as const });
const sctp = (port: number) => ({ port, protocol: 'SCTP' as const });

function pad(i: number): string {
  return i.toString().padStart(4, '0');
}

/** Splits `total` into `parts` near-equal shares. */
function shares(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/** Workloads of random size (avg ~`mean`) until `quota` pods are used; returns their names. */
function fillWorkloads(
  quota: number,
  mean: number,
  rng: Rng,
  add: (index: number, replicas: number) => void,
): number {
  let used = 0;
  let index = 0;
  while (used < quota) {
    const replicas = Math.min(
      quota - used,
      rng.between(Math.max(1, mean >> 1), mean + (mean >> 1)),
    );
    add(index++, replicas);
    used += replicas;
  }
  return index;
}

/** kube-system (DNS), ingress-nginx and monitoring: 5 pods that real clusters always have. */
function systemNamespaces(b: ClusterBuilder): void {
  b.namespace('kube-system');
  b.workload('kube-system', 'coredns', 2, { 'k8s-app': 'kube-dns' }, [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53 },
  ]);
  b.namespace('ingress-nginx', { purpose: 'ingress' });
  b.workload('ingress-nginx', 'controller', 2, { 'app.kubernetes.io/name': 'ingress-nginx' }, [
    { name: 'http', containerPort: 80 },
    { name: 'https', containerPort: 443 },
  ]);
  b.namespace('monitoring', { purpose: 'monitoring' });
  b.workload('monitoring', 'prometheus', 1, { app: 'prometheus' }, [
    { name: 'web', containerPort: 9090 },
  ]);
}

const TIERS = ['web', 'api', 'worker', 'db', 'cache'] as const;
type Tier = (typeof TIERS)[number];

const TIER_PORTS: Record<Tier, readonly ContainerPortEntry[]> = {
  web: [
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090 },
  ],
  api: [
    { name: 'http', containerPort: 8000 },
    { name: 'grpc', containerPort: 9000 },
    { name: 'metrics', containerPort: 9090 },
    { name: 'stats', containerPort: 8125, protocol: 'UDP' },
  ],
  worker: [{ name: 'metrics', containerPort: 9091 }],
  db: [
    { name: 'db', containerPort: 5432 },
    { name: 'metrics', containerPort: 9187 },
  ],
  cache: [
    { name: 'cache', containerPort: 6379 },
    { name: 'sig', containerPort: 3868, protocol: 'SCTP' },
  ],
};

const TIER_INGRESS_PORTS: Record<Tier, readonly PortEntry[]> = {
  web: [{ port: 'http' }],
  api: [{ port: 8000, endPort: 8010 }, { port: 'grpc' }, { protocol: 'UDP', port: 'stats' }],
  worker: [{ port: 'metrics' }],
  db: [{ port: 5432 }],
  cache: [{ port: 'cache' }, { protocol: 'SCTP', port: 3868 }],
};

const DNS_EGRESS: EgressRule = {
  to: [
    {
      namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

const EXTERNAL_HTTPS: EgressRule = {
  to: [
    { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
  ],
  ports: [{ port: 443 }],
};

interface App {
  readonly namespace: string;
  readonly name: string;
  readonly tier: Tier;
}

/** A few policies per namespace, then app-to-app rules: what a well-kept cluster looks like. */
const typical: Profile = {
  name: 'typical',
  description:
    'namespaces of ~200 pods in workloads of ~10; default-deny, same-namespace, DNS, ingress-controller and monitoring policies per namespace, then app-to-app rules',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [
    tcp(8080),
    tcp(8000),
    tcp(8005),
    tcp(9000),
    tcp(9090),
    tcp(9091),
    tcp(5432),
    tcp(6379),
    tcp(443),
    tcp(53),
    udp(53),
    udp(8125),
    sctp(3868),
  ],
  build({ b, rng, pods, policies }) {
    systemNamespaces(b);
    const namespaceCount = Math.max(2, Math.round(pods / 200));
    const apps: App[][] = [];
    shares(pods - b.podCount, namespaceCount).forEach((quota, i) => {
      const ns = `team-${pad(i)}`;
      b.namespace(ns, {
        team: `t${i % 20}`,
        env: rng.pick(['prod', 'staging', 'dev']),
      });
      const mine: App[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        const tier = rng.pick(TIERS);
        const name = `${tier}-${j}`;
        const labels: Record<string, string> = {
          app: name,
          tier,
          version: rng.pick(['v1', 'v2']),
          'app.kubernetes.io/part-of': `sys-${j % 5}`,
        };
        if (rng.chance(0.1)) labels.canary = 'true';
        b.workload(ns, name, replicas, labels, TIER_PORTS[tier]);
        mine.push({ namespace: ns, name, tier });
      });
      apps.push(mine);
    });

    // Base policies, namespace by namespace, as long as the budget lasts.
    let left = policies;
    for (let i = 0; i < namespaceCount && left > 0; i++) {
      const ns = `team-${pad(i)}`;
      const base: [string, Parameters<ClusterBuilder['policy']>[2]][] = [
        ['default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
        [
          'allow-same-namespace',
          {
            podSelector: {},
            ingress: [{ from: [{ podSelector: {} }] }],
            egress: [{ to: [{ podSelector: {} }] }],
            policyTypes: ['Ingress', 'Egress'],
          },
        ],
        ['allow-dns', { podSelector: {}, egress: [DNS_EGRESS], policyTypes: ['Egress'] }],
        [
          'allow-ingress-controller',
          {
            podSelector: {
              matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }],
            },
            ingress: [
              {
                from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'ingress-nginx' } } }],
                ports: [{ port: 'http' }],
              },
            ],
          },
        ],
        [
          'allow-monitoring',
          {
            podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: {
                      matchExpressions: [
                        { key: 'purpose', operator: 'In', values: ['monitoring'] },
                      ],
                    },
                  },
                ],
                ports: [{ port: 'metrics' }],
              },
            ],
          },
        ],
      ];
      for (const [name, spec] of base) {
        if (left-- <= 0) break;
        b.policy(ns, name, spec);
      }
    }

    // App-to-app rules, round-robin over namespaces.
    const cursor = apps.map(() => 0);
    for (let round = 0; left > 0; round++) {
      const i = round % namespaceCount;
      const mine = apps[i] ?? [];
      const at = cursor[i] ?? 0;
      cursor[i] = at + 1;
      const app = mine[at % mine.length];
      if (!app) continue;
      const ns = app.namespace;
      const podSelector: Selector = rng.chance(0.3)
        ? {
            matchLabels: { app: app.name },
            matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }],
          }
        : { matchLabels: { app: app.name } };
      const from: PeerEntry[] = [
        {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: rng.sample(mine, 3).map((a) => a.name) },
            ],
          },
        },
        {
          namespaceSelector: {
            matchExpressions: [
              { key: 'team', operator: 'In', values: [`t${rng.int(20)}`, `t${rng.int(20)}`] },
              { key: 'env', operator: 'NotIn', values: ['dev'] },
            ],
          },
          podSelector: { matchLabels: { tier: 'api' } },
        },
      ];
      const egress: EgressRule[] = [];
      if (rng.chance(0.5)) {
        egress.push({
          to: [{ podSelector: { matchLabels: { tier: 'db' } } }],
          ports: [{ port: 5432 }],
        });
      }
      if (rng.chance(0.3)) egress.push(EXTERNAL_HTTPS);
      b.policy(ns, `allow-${app.name}-${round}`, {
        podSelector,
        ingress: [{ from, ports: TIER_INGRESS_PORTS[app.tier] }],
        ...(egress.length > 0 ? { egress } : {}),
        policyTypes: egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'],
      });
      left--;
    }
  },
};

/** Kano's synthetic shape: policies = pods/2, many label keys, three labels per selector. */
const kano: Profile = {
  name: 'kano',
  description:
    '10 namespaces, pods with 10 of 20 label keys (6 values each); policies = pods/2, every selector has 3 requirements',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 2)),
  traffic: [tcp(80), tcp(81), udp(80)],
  build({ b, rng, pods, policies }) {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const value = () => `v${rng.int(6)}`;
    const namespaces = Array.from({ length: 10 }, (_, i) => `kano-${i}`);
    namespaces.forEach((ns, i) => {
      b.namespace(ns, { group: `g${i % 3}` });
    });
    for (let p = 0; p < pods; p++) {
      const labels: Record<string, string> = {};
      for (const key of rng.sample(keys, 10)) labels[key] = value();
      b.pod(namespaces[p % 10] as string, `pod-${p}`, labels, [
        { name: 'http', containerPort: 80 },
      ]);
    }
    const selector3 = (): Selector => {
      const [a, c, d] = rng.sample(keys, 3) as [string, string, string];
      const third = rng.pick(['NotIn', 'Exists', 'DoesNotExist'] as const);
      return {
        matchLabels: { [a]: value() },
        matchExpressions: [
          { key: c, operator: 'In', values: [value(), value()] },
          third === 'NotIn'
            ? { key: d, operator: 'NotIn', values: [value()] }
            : { key: d, operator: third },
        ],
      };
    };
    for (let i = 0; i < policies; i++) {
      const withEgress = rng.chance(0.3);
      b.policy(rng.pick(namespaces), `kano-${i}`, {
        podSelector: selector3(),
        ingress: [
          {
            from: [{ podSelector: selector3() }],
            ports: [rng.chance(0.5) ? { port: 80 } : { port: 'http' }],
          },
        ],
        ...(withEgress
          ? {
              egress: [
                {
                  to: [{ namespaceSelector: {}, podSelector: selector3() }],
                  ports: [{ port: 80 }],
                },
              ],
            }
          : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** Antrea's scale test with many tiny namespaces: 10 pods (client, server) each. */
const antreaSmallNs: Profile = {
  name: 'antrea-small-ns',
  description: 'namespaces of 10 pods (5 clients, 5 servers), grouped in 20 namespace groups',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [tcp(80), tcp(8080), udp(53)],
  build({ b, rng, pods, policies }) {
    const count = Math.max(1, Math.ceil(pods / 10));
    const quotas = shares(pods, count);
    const names: string[] = [];
    quotas.forEach((quota, i) => {
      const ns = `small-${pad(i)}`;
      names.push(ns);
      b.namespace(ns, { group: `g${i % 20}` });
      const clients = quota >> 1;
      if (clients > 0) b.workload(ns, 'client', clients, { app: 'client' }, []);
      b.workload(ns, 'server', quota - clients, { app: 'server' }, [
        { name: 'http', containerPort: 80 },
      ]);
    });
    for (let i = 0; i < policies; i++) {
      const ns = names[i % count] as string;
      if (i % 2 === 0) {
        b.policy(ns, `allow-clients-${i}`, {
          podSelector: { matchLabels: { app: 'server' } },
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { app: 'client' } } },
                {
                  namespaceSelector: {
                    matchExpressions: [
                      { key: 'group', operator: 'In', values: [`g${rng.int(20)}`] },
                    ],
                  },
                  podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
                },
              ],
              ports: [{ port: 'http' }, { port: 8080 }],
            },
          ],
        });
      } else {
        b.policy(ns, `egress-${i}`, {
          podSelector: {
            matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['server'] }],
          },
          egress: [
            {
              to: [{ namespaceSelector: { matchLabels: { group: `g${rng.int(20)}` } } }],
              ports: [{ port: 80 }],
            },
            { ports: [{ protocol: 'UDP', port: 53 }] },
          ],
          policyTypes: ['Egress'],
        });
      }
    }
  },
};

/** Antrea's scale test with large namespaces: 100 namespaces, workloads of 20 pods. */
const antreaLargeNs: Profile = {
  name: 'antrea-large-ns',
  description: '100 namespaces (pods/100 pods each), workloads of ~20 pods, app-to-app rules',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [tcp(80), tcp(8080), tcp(8443), udp(53)],
  build({ b, rng, pods, policies }) {
    const count = Math.min(100, Math.max(1, Math.floor(pods / 20)));
    const apps: string[][] = [];
    shares(pods, count).forEach((quota, i) => {
      const ns = `large-${pad(i)}`;
      b.namespace(ns, { index: `${i}`, zone: `z${i % 4}` });
      const mine: string[] = [];
      fillWorkloads(quota, 20, rng, (j, replicas) => {
        const app = `app-${j}`;
        mine.push(app);
        b.workload(ns, app, replicas, { app, tier: rng.pick(['fe', 'be', 'data']) }, [
          { name: 'http', containerPort: 8080 },
        ]);
      });
      apps.push(mine);
    });
    for (let i = 0; i < policies; i++) {
      const n = i % count;
      const mine = apps[n] ?? [];
      const ns = `large-${pad(n)}`;
      const withEgress = rng.chance(0.3);
      b.policy(ns, `np-${i}`, {
        podSelector: { matchLabels: { app: rng.pick(mine) } },
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [{ key: 'app', operator: 'In', values: rng.sample(mine, 2) }],
                },
              },
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'zone', operator: 'NotIn', values: [`z${rng.int(4)}`] },
                  ],
                },
                podSelector: { matchLabels: { tier: 'fe' } },
              },
            ],
            ports: [{ port: rng.pick([80, 8080, 8443]) }, { port: 'http' }],
          },
        ],
        ...(withEgress
          ? {
              egress: [
                {
                  to: [
                    {
                      podSelector: {
                        matchExpressions: [{ key: 'tier', operator: 'In', values: ['be', 'data'] }],
                      },
                    },
                  ],
                },
              ],
            }
          : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** Antrea's worst case: 10,000 policies that all select every pod. */
const antreaAllSelect: Profile = {
  name: 'antrea-all-select',
  description:
    '10 namespaces, workloads of 10; 10,000 policies (by default), each selecting every pod of its namespace',
  defaultPolicies: () => 10_000,
  traffic: [tcp(1000), tcp(1050), tcp(1199), udp(2000), udp(2049)],
  build({ b, rng, pods, policies }) {
    const namespaces = Array.from({ length: 10 }, (_, i) => `all-${i}`);
    const apps: string[][] = [];
    shares(pods, 10).forEach((quota, i) => {
      const ns = namespaces[i] as string;
      b.namespace(ns, { index: `${i}` });
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        mine.push(`app-${j}`);
        b.workload(ns, `app-${j}`, replicas, { app: `app-${j}` }, [
          { name: 'api', containerPort: 1000 + (j % 200) },
        ]);
      });
      apps.push(mine);
    });
    for (let i = 0; i < policies; i++) {
      const n = i % 10;
      const mine = apps[n] ?? ['app-0'];
      b.policy(namespaces[n] as string, `all-${i}`, {
        podSelector: i % 2 === 0 ? {} : { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: rng.pick(mine) } } }],
            ports: [{ port: 1000 + rng.int(200) }],
          },
        ],
        ...(i % 3 === 0
          ? {
              egress: [
                {
                  to: [
                    {
                      namespaceSelector: {},
                      podSelector: {
                        matchExpressions: [
                          { key: 'app', operator: 'In', values: [rng.pick(mine)] },
                        ],
                      },
                    },
                  ],
                  ports: [{ protocol: 'UDP', port: 2000 + rng.int(50) }],
                },
              ],
            }
          : {}),
        policyTypes: i % 3 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** One policy per pod, selecting it by its StatefulSet pod-name label. */
const npPerPod: Profile = {
  name: 'np-per-pod',
  description:
    'StatefulSets of 10 with a per-pod label; one policy per pod selecting just that pod',
  defaultPolicies: (pods) => pods,
  traffic: [tcp(80), tcp(8080), udp(80)],
  build({ b, rng, pods, policies }) {
    const count = Math.max(2, Math.round(pods / 1000));
    const podNames: [string, string][] = [];
    const apps: string[][] = [];
    shares(pods, count).forEach((quota, i) => {
      const ns = `sts-${pad(i)}`;
      b.namespace(ns);
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        const app = `db-${j}`;
        mine.push(app);
        b.workload(
          ns,
          app,
          replicas,
          { app },
          [{ name: 'http', containerPort: 8080 }],
          'StatefulSet',
          (_, podName) => {
            podNames.push([ns, podName]);
            return { 'statefulset.kubernetes.io/pod-name': podName };
          },
        );
      });
      apps.push(mine);
    });
    const appsByNs = new Map(apps.map((list, i) => [`sts-${pad(i)}`, list]));
    for (let i = 0; i < policies; i++) {
      const [ns, podName] = podNames[i % podNames.length] as [string, string];
      const mine = appsByNs.get(ns) ?? [];
      b.policy(ns, `pod-${i}`, {
        podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': podName } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: rng.pick(mine) } } }],
            ports: [{ port: 'http' }],
          },
        ],
      });
    }
  },
};

/** Cilium's published scale report: 5 namespaces x 50 deployments x 200 replicas at 50k pods. */
const ciliumReport: Profile = {
  name: 'cilium-report',
  description: '5 namespaces x 50 deployments, replicas = pods/250 (200 at 50k pods)',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [tcp(8000), tcp(8025), tcp(8080), udp(8000)],
  build({ b, rng, pods, policies }) {
    const namespaces = Array.from({ length: 5 }, (_, i) => `cilium-${i}`);
    const perDeployment = shares(pods, 250);
    namespaces.forEach((ns, i) => {
      b.namespace(ns, { stage: i < 3 ? 'prod' : 'test' });
      for (let j = 0; j < 50; j++) {
        const replicas = perDeployment[i * 50 + j] ?? 0;
        if (replicas === 0) continue;
        b.workload(ns, `deploy-${j}`, replicas, { app: `deploy-${j}`, tier: `tier-${j % 5}` }, [
          { name: 'http', containerPort: 8080 },
        ]);
      }
    });
    for (let i = 0; i < policies; i++) {
      const ns = namespaces[i % 5] as string;
      const first = 8000 + rng.int(50);
      b.policy(ns, `np-${i}`, {
        podSelector: { matchLabels: { app: `deploy-${rng.int(50)}` } },
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [
                    {
                      key: 'app',
                      operator: 'In',
                      values: [`deploy-${rng.int(50)}`, `deploy-${rng.int(50)}`],
                    },
                  ],
                },
              },
              {
                namespaceSelector: { matchLabels: { stage: 'prod' } },
                podSelector: {
                  matchExpressions: [
                    { key: 'tier', operator: 'NotIn', values: [`tier-${rng.int(5)}`] },
                  ],
                },
              },
            ],
            ports: [{ port: first, endPort: first + 10 }, { port: 'http' }],
          },
        ],
      });
    }
  },
};

/** Every pod carries a unique label that policies also use, so classes = pods. */
const labelExplosion: Profile = {
  name: 'label-explosion',
  description:
    'workloads of 10 whose pods each carry a unique pod-name label and a random shard; classes = pods',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [tcp(80), tcp(443), tcp(8080), udp(53)],
  build({ b, rng, pods, policies }) {
    const count = Math.max(2, Math.round(pods / 500));
    const apps: string[][] = [];
    shares(pods, count).forEach((quota, i) => {
      const ns = `ex-${pad(i)}`;
      b.namespace(ns, { region: `r${i % 5}` });
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        const app = `svc-${j}`;
        mine.push(app);
        b.workload(
          ns,
          app,
          replicas,
          { app, tier: rng.pick(['a', 'b', 'c']) },
          [{ name: 'http', containerPort: 8080 }],
          'ReplicaSet',
          (k, podName) => ({
            'pod-name': podName,
            shard: `s${rng.int(100)}`,
            zone: `z${k % 3}`,
          }),
        );
      });
      apps.push(mine);
    });
    for (let i = 0; i < policies; i++) {
      const n = i % count;
      const mine = apps[n] ?? [];
      const ns = `ex-${pad(n)}`;
      const withEgress = rng.chance(0.3);
      b.policy(ns, `np-${i}`, {
        podSelector:
          i % 3 === 0
            ? { matchLabels: { app: rng.pick(mine) } }
            : {
                matchExpressions: [
                  { key: 'tier', operator: 'In', values: [rng.pick(['a', 'b', 'c'])] },
                  { key: 'shard', operator: 'NotIn', values: [`s${rng.int(100)}`] },
                ],
              },
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { zone: `z${rng.int(3)}` } } },
              {
                podSelector: {
                  matchExpressions: [
                    {
                      key: 'shard',
                      operator: 'In',
                      values: [`s${rng.int(100)}`, `s${rng.int(100)}`],
                    },
                  ],
                },
              },
              {
                namespaceSelector: { matchLabels: { region: `r${rng.int(5)}` } },
                podSelector: { matchExpressions: [{ key: 'pod-name', operator: 'Exists' }] },
              },
            ],
            ports: [{ port: rng.pick([80, 443]) }, { port: 'http' }],
          },
        ],
        ...(withEgress
          ? {
              egress: [
                {
                  to: [
                    {
                      podSelector: {
                        matchExpressions: [
                          { key: 'canary', operator: 'DoesNotExist' },
                          { key: 'app', operator: 'In', values: rng.sample(mine, 2) },
                        ],
                      },
                    },
                  ],
                  ports: [{ port: 'http' }, { protocol: 'UDP', port: 53 }],
                },
              ],
            }
          : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

const PORT_NAMES = Array.from({ length: 60 }, (_, i) => `p${i}`);
const PROTOCOL_MIX: readonly Protocol[] = ['TCP', 'TCP', 'TCP', 'TCP', 'UDP', 'UDP', 'SCTP'];

/** Hundreds of overlapping port ranges and named ports resolving to different numbers. */
const portFragmentation: Profile = {
  name: 'port-fragmentation',
  description:
    '20 namespaces, workloads of 10 with 3 of 60 port names at random numbers; rules mix overlapping ranges, single ports, names and protocol-only entries',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [
    tcp(1024),
    tcp(5000),
    tcp(20000),
    tcp(39999),
    udp(5000),
    udp(30000),
    sctp(5000),
    tcp(60000),
  ],
  build({ b, rng, pods, policies }) {
    const namespaces = Array.from({ length: 20 }, (_, i) => `ports-${i}`);
    const apps: string[][] = [];
    shares(pods, 20).forEach((quota, i) => {
      const ns = namespaces[i] as string;
      b.namespace(ns);
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        const app = `app-${j}`;
        mine.push(app);
        const ports = rng.sample(PORT_NAMES, 3).map((name) => ({
          name,
          containerPort: rng.between(1024, 40000),
          protocol: rng.pick(PROTOCOL_MIX),
        }));
        b.workload(ns, app, replicas, { app }, ports);
      });
      apps.push(mine);
    });
    const portEntry = (): PortEntry => {
      const protocol = rng.pick(PROTOCOL_MIX);
      const kind = rng.int(10);
      if (kind < 4) {
        const first = rng.between(1024, 40000);
        return { protocol, port: first, endPort: Math.min(65535, first + rng.between(1, 3000)) };
      }
      if (kind < 7) return { protocol, port: rng.between(1024, 40000) };
      if (kind < 9) return { protocol, port: rng.pick(PORT_NAMES) };
      return { protocol };
    };
    const ports = () => Array.from({ length: rng.between(3, 6) }, portEntry);
    for (let i = 0; i < policies; i++) {
      const n = i % 20;
      const mine = apps[n] ?? [];
      const withEgress = rng.chance(0.4);
      b.policy(namespaces[n] as string, `np-${i}`, {
        podSelector: { matchLabels: { app: rng.pick(mine) } },
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [{ key: 'app', operator: 'In', values: rng.sample(mine, 3) }],
                },
              },
            ],
            ports: ports(),
          },
        ],
        ...(withEgress ? { egress: [{ to: [{ podSelector: {} }], ports: ports() }] } : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** Many ipBlocks with excepts, over the pod range (so they split pods) and outside it. */
const cidrHeavy: Profile = {
  name: 'cidr-heavy',
  description:
    '20 namespaces, workloads of 10; rules of 1-3 ipBlocks with excepts over the pod /24s, external ranges and 0.0.0.0/0, some IPv6',
  defaultPolicies: (pods) => Math.max(1, Math.round(pods / 10)),
  traffic: [tcp(80), tcp(443), tcp(5432), udp(53)],
  build({ b, rng, pods, policies }) {
    const namespaces = Array.from({ length: 20 }, (_, i) => `cidr-${i}`);
    const apps: string[][] = [];
    shares(pods, 20).forEach((quota, i) => {
      const ns = namespaces[i] as string;
      b.namespace(ns);
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        mine.push(`app-${j}`);
        b.workload(ns, `app-${j}`, replicas, { app: `app-${j}` }, [
          { name: 'http', containerPort: 80 },
        ]);
      });
      apps.push(mine);
    });
    const podBlocks = Math.max(1, Math.ceil(pods / 256));
    const block = (): PeerEntry => {
      const kind = rng.int(10);
      if (kind < 5) {
        // A /24 (or /22) of the pod range with a few /28 holes.
        const v = 64 * 256 + rng.int(podBlocks);
        const second = v >> 8;
        const third = v & 255;
        const wide = rng.chance(0.3);
        const base = wide ? third & ~3 : third;
        return {
          ipBlock: {
            cidr: `10.${second}.${base}.0/${wide ? 22 : 24}`,
            except: Array.from(
              { length: rng.between(0, 3) },
              () => `10.${second}.${third}.${16 * rng.int(16)}/28`,
            ),
          },
        };
      }
      if (kind < 8) {
        const a = rng.pick([100, 198, 203, 52]);
        const prefix = `${a}.${rng.int(256)}.${rng.int(256)}`;
        const except = rng.chance(0.5) ? [`${prefix}.${16 * rng.int(16)}/28`] : [];
        return { ipBlock: { cidr: `${prefix}.0/24`, except } };
      }
      if (kind < 9)
        return {
          ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', `192.168.${rng.int(256)}.0/24`] },
        };
      return {
        ipBlock: {
          cidr: '2001:db8::/32',
          except: [`2001:db8:${rng.int(65536).toString(16)}::/48`],
        },
      };
    };
    for (let i = 0; i < policies; i++) {
      const n = i % 20;
      const mine = apps[n] ?? [];
      const withEgress = rng.chance(0.5);
      b.policy(namespaces[n] as string, `np-${i}`, {
        podSelector: { matchLabels: { app: rng.pick(mine) } },
        ingress: [
          {
            from: Array.from({ length: rng.between(1, 3) }, block),
            ports: [{ port: rng.pick([80, 443, 5432]) }],
          },
        ],
        ...(withEgress
          ? { egress: [{ to: Array.from({ length: rng.between(1, 3) }, block) }] }
          : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** Few pods, many policies whose rules are random ipBlocks with excepts, inside and outside the pod range. */
const ipblockHeavy: Profile = {
  name: 'ipblock-heavy',
  description:
    '10 namespaces, workloads of 10; every rule has 1-3 random ipBlocks (/8 to /28, half inside the pod range 10.64.0.0/10) with 0-3 excepts; policies = pods x 10',
  defaultPolicies: (pods) => pods * 10,
  traffic: [tcp(80), tcp(443), udp(53)],
  build({ b, rng, pods, policies }) {
    const namespaces = Array.from({ length: 10 }, (_, i) => `ipb-${i}`);
    const apps: string[][] = [];
    shares(pods, 10).forEach((quota, i) => {
      const ns = namespaces[i] as string;
      b.namespace(ns);
      const mine: string[] = [];
      fillWorkloads(quota, 10, rng, (j, replicas) => {
        mine.push(`app-${j}`);
        b.workload(ns, `app-${j}`, replicas, { app: `app-${j}` }, [
          { name: 'http', containerPort: 80 },
        ]);
      });
      apps.push(mine);
    });
    // A random CIDR: half inside the pod range 10.64.0.0/10, half anywhere else.
    const cidr = (minPrefix: number): { text: string; base: number; prefix: number } => {
      const prefix = rng.between(minPrefix, 28);
      const address = rng.chance(0.5)
        ? (((10 << 24) | (64 << 16)) >>> 0) + rng.int(1 << 22)
        : rng.int(0x100000000);
      const base = prefix === 0 ? 0 : (address & (0xffffffff << (32 - prefix))) >>> 0;
      const text = `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`;
      return { text, base, prefix };
    };
    // An except is a longer prefix inside the block.
    const inside = (base: number, prefix: number): string => {
      const longer = rng.between(prefix + 1, Math.min(32, prefix + 12));
      const offset = rng.int(2 ** (longer - prefix)) * 2 ** (32 - longer);
      const at = base + offset;
      return `${at >>> 24}.${(at >>> 16) & 255}.${(at >>> 8) & 255}.${at & 255}/${longer}`;
    };
    const block = (): PeerEntry => {
      const { text, base, prefix } = cidr(8);
      return {
        ipBlock: {
          cidr: text,
          except: Array.from({ length: rng.between(0, 3) }, () => inside(base, prefix)),
        },
      };
    };
    const peers = (): PeerEntry[] => Array.from({ length: rng.between(1, 3) }, block);
    for (let i = 0; i < policies; i++) {
      const n = i % 10;
      const withEgress = rng.chance(0.5);
      b.policy(namespaces[n] as string, `np-${i}`, {
        podSelector: { matchLabels: { app: rng.pick(apps[n] ?? []) } },
        ingress: [{ from: peers(), ports: [{ port: rng.pick([80, 443]) }] }],
        ...(withEgress ? { egress: [{ to: peers() }] } : {}),
        policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      });
    }
  },
};

/** Every profile, by name. */
export const PROFILES: ReadonlyMap<string, Profile> = new Map(
  [
    typical,
    adminProfile(typical),
    kano,
    kanoPaper,
    antreaSmallNs,
    antreaLargeNs,
    antreaAllSelect,
    npPerPod,
    ciliumReport,
    labelExplosion,
    portFragmentation,
    cidrHeavy,
    ipblockHeavy,
  ].map((p) => [p.name, p]),
);
