import type { Claim } from '../support/claims.js';

/** Where the seed lives, as the README's commands spell it (paths relative to the repo root). */
export const SEED_DIR = 'examples/seed';

/** What the seed README says, section by section, in the order the README shows it. */
export const seedClaims: readonly Claim[] = [
  // 1. restrict-access: only namespaces labelled team=devops reach app=web, on TCP 80 only.
  {
    from: 'ops/ci-runner',
    to: 'production/deployment/web',
    port: 80,
    allowed: true,
    because: 'ops is labelled team=devops and the rule allows TCP 80',
  },
  {
    from: 'ops/deployment/monitoring',
    to: 'production/deployment/web',
    port: 80,
    allowed: true,
    because: 'every pod of a team=devops namespace is a peer, whatever its own labels',
  },
  {
    from: 'ops/deployment/monitoring',
    to: 'production/deployment/web',
    port: 443,
    allowed: false,
    because: 'the rule lists port 80 only, although web also listens on 443',
  },
  {
    from: 'ops/deployment/monitoring',
    to: 'production/deployment/web',
    port: 80,
    protocol: 'UDP',
    allowed: false,
    because: 'the rule lists TCP only',
  },
  {
    from: 'staging/deployment/web',
    to: 'production/deployment/web',
    port: 80,
    allowed: false,
    because: 'staging has no team=devops label',
  },
  {
    from: 'production/deployment/api',
    to: 'production/deployment/web',
    port: 80,
    allowed: false,
    because: 'being in the same namespace does not help: production is not team=devops',
  },
  {
    from: '198.51.100.7',
    to: 'production/deployment/web',
    port: 80,
    allowed: false,
    because: 'a namespaceSelector peer never matches traffic from outside the cluster',
  },

  // 2. deny-all: dev is cut off in both directions.
  {
    from: 'dev/debug',
    to: 'dev/deployment/web',
    port: 80,
    allowed: false,
    because: 'deny-all isolates both ends, even inside dev',
  },
  {
    from: 'dev/debug',
    to: 'kube-system/deployment/coredns',
    port: 53,
    protocol: 'UDP',
    allowed: false,
    because: 'deny-all has no egress rule, so not even DNS leaves dev',
  },
  {
    from: 'dev/deployment/web',
    to: 'staging/deployment/web',
    port: 80,
    allowed: false,
    because: 'staging would accept it, but dev egress is denied',
  },
  {
    from: 'dev/debug',
    to: '198.51.100.7',
    port: 443,
    allowed: false,
    because: 'dev egress is denied to the internet too',
  },
  {
    from: 'ops/ci-runner',
    to: 'dev/deployment/web',
    port: 80,
    allowed: false,
    because: 'dev ingress is denied, even from team=devops',
  },
  {
    from: '198.51.100.7',
    to: 'dev/deployment/web',
    port: 80,
    allowed: false,
    because: 'dev ingress is denied from outside the cluster too',
  },

  // 3. Pods that no policy selects stay open, including production's other pods.
  {
    from: 'staging/deployment/web',
    to: 'production/deployment/api',
    port: 8080,
    allowed: true,
    because: 'restrict-access selects app=web only; api is not isolated',
  },
  {
    from: '198.51.100.7',
    to: 'production/deployment/api',
    port: 8080,
    allowed: true,
    because: 'api is not isolated for ingress',
  },
  {
    from: 'production/deployment/web',
    to: 'production/deployment/api',
    port: 8080,
    allowed: true,
    because: 'restrict-access is Ingress only, so web egress stays open',
  },
  {
    from: 'production/deployment/web',
    to: '203.0.113.10',
    port: 443,
    allowed: true,
    because: 'web egress is not restricted by any policy',
  },
  {
    from: 'ops/ci-runner',
    to: 'staging/deployment/web',
    port: 80,
    allowed: true,
    because: 'a policy only selects pods in its own namespace; staging web is not isolated',
  },
  {
    from: '198.51.100.7',
    to: 'staging/deployment/web',
    port: 80,
    allowed: true,
    because: 'staging web is not isolated',
  },
  {
    from: 'staging/deployment/web',
    to: 'kube-system/deployment/coredns',
    port: 53,
    protocol: 'UDP',
    allowed: true,
    because: 'neither end is isolated',
  },
];
