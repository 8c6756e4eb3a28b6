import { main } from '../../src/main.js';
import type { MemoryIoOptions } from './memory-io.js';
import { memoryIo } from './memory-io.js';

/**
 * The seed scenario: `production` app=web only reachable from namespaces labelled
 * team=devops on TCP 80; `dev` denies everything both ways.
 */
export const NAMESPACES_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: production, labels: {environment: production}}
---
apiVersion: v1
kind: Namespace
metadata: {name: dev, labels: {environment: dev}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops, labels: {team: devops}}
---
apiVersion: v1
kind: Namespace
metadata: {name: staging, labels: {environment: staging}}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
`;

export const POLICIES_YAML = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: restrict-access, namespace: production}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: devops}}
      ports:
        - {protocol: TCP, port: 80}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: dev}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

function deployment(namespace: string, name: string, labels: string, ports: string): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers:
        - name: main
          image: example/${name}
          ports: ${ports}
`;
}

export const WORKLOADS_YAML = [
  deployment(
    'production',
    'web',
    '{app: web}',
    '[{name: http, containerPort: 80}, {name: https, containerPort: 443}]',
  ),
  deployment('production', 'api', '{app: api}', '[{name: http, containerPort: 8080}]'),
  deployment('dev', 'web', '{app: web}', '[{name: http, containerPort: 80}]'),
  deployment('ops', 'monitoring', '{app: monitoring}', '[{name: http, containerPort: 9115}]'),
  deployment('staging', 'web', '{app: web}', '[{name: http, containerPort: 80}]'),
  deployment(
    'kube-system',
    'coredns',
    '{k8s-app: kube-dns}',
    '[{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]',
  ),
  `
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: dev, labels: {run: debug}}
spec:
  containers: [{name: shell, image: busybox}]
`,
  `
apiVersion: v1
kind: Pod
metadata: {name: ci-runner, namespace: ops, labels: {app: ci-runner}}
spec:
  containers: [{name: runner, image: gitlab/gitlab-runner}]
`,
]
  .map((doc) => doc.trim())
  .join('\n---\n');

/** The seed as three files in directory `seed/`. */
export const SEED_FILES: Record<string, string> = {
  'seed/namespaces.yaml': NAMESPACES_YAML,
  'seed/policies.yaml': POLICIES_YAML,
  'seed/workloads.yaml': WORKLOADS_YAML,
};

/** The seed as one multi-document stream. */
export const SEED_YAML: string = [NAMESPACES_YAML, POLICIES_YAML, WORKLOADS_YAML]
  .map((doc) => doc.trim())
  .join('\n---\n');

/**
 * Namespace `shop`: Deployment `cart` -> ReplicaSet `cart-7d9` -> two live Pods with IPs, one
 * of them (the canary) locked down; a bare Pod and a Deployment both named `web`; an IPv6 pod.
 */
export const SHOP_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: example/cart, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cart-7d9
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: cart, uid: u1, controller: true}]
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: example/cart, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9-a
  namespace: shop
  labels: {app: cart}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: cart-7d9, uid: u2, controller: true}]
spec:
  containers: [{name: cart, image: example/cart, ports: [{name: http, containerPort: 8080}]}]
status: {phase: Running, podIP: 10.0.0.11}
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9-b
  namespace: shop
  labels: {app: cart, tier: canary}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: cart-7d9, uid: u2, controller: true}]
spec:
  containers: [{name: cart, image: example/cart, ports: [{name: http, containerPort: 8080}]}]
status: {phase: Running, podIP: 10.0.0.12}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-lockdown, namespace: shop}
spec:
  podSelector: {matchLabels: {tier: canary}}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  containers: [{name: web, image: example/web}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web}]
---
apiVersion: v1
kind: Pod
metadata: {name: v6, namespace: shop, labels: {app: v6}}
spec:
  containers: [{name: v6, image: example/v6}]
status: {phase: Running, podIP: "fd00::10", podIPs: [{ip: "fd00::10"}]}
`;

/** What one in-process run of the CLI did. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `reach ARGV` in process against an in-memory file system (the seed by default). */
export async function reach(
  argv: readonly string[],
  files: Record<string, string> = SEED_FILES,
  options: MemoryIoOptions & { programName?: string } = {},
): Promise<RunResult> {
  const io = memoryIo(files, options);
  const code = await main(
    argv,
    io,
    options.programName === undefined ? {} : { programName: options.programName },
  );
  return { code, stdout: io.out, stderr: io.err };
}
