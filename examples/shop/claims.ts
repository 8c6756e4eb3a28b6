import type { Claim } from '../support/claims.js';

/** Where the shop lives, as the README's commands spell it (paths relative to the repo root). */
export const SHOP_DIR = 'examples/shop';

const controller = 'ingress-nginx/deployment/ingress-nginx-controller';
const admissionJob = 'ingress-nginx/job/ingress-nginx-admission-create';
const web = 'shop/deployment/web';
const api = 'shop/deployment/api';
const db = 'shop/statefulset/db';
const coredns = 'kube-system/deployment/coredns';
const prometheus = 'monitoring/deployment/prometheus';
const internet = '198.51.100.7';
const payments = '203.0.113.10';
const paymentsSandbox = '203.0.113.200';

/** What the shop README says, section by section, in the order the README shows it. */
export const shopClaims: readonly Claim[] = [
  // 1. The front door: the internet reaches the controller, the controller reaches web.
  {
    from: internet,
    to: controller,
    port: 443,
    allowed: true,
    because: 'no policy selects the controller, so it is open',
  },
  {
    from: controller,
    to: web,
    port: 8080,
    allowed: true,
    because: 'web-allow-ingress-controller admits the controller pods on 8080',
  },
  {
    from: controller,
    to: web,
    port: 80,
    allowed: false,
    because: 'policies see the pod port (8080), not the Service port (80)',
  },
  {
    from: internet,
    to: web,
    port: 8080,
    allowed: false,
    because: 'web admits the controller only; the internet goes through it',
  },
  {
    from: admissionJob,
    to: web,
    port: 8080,
    allowed: false,
    because: 'right namespace, wrong pod: both selectors of the peer must match',
  },
  {
    from: controller,
    to: api,
    port: 8080,
    allowed: false,
    because: 'the controller may reach web only',
  },
  {
    from: controller,
    to: db,
    port: 5432,
    allowed: false,
    because: 'the controller may reach web only',
  },

  // 2. The tiers: web -> api -> db, one hop at a time, one way.
  {
    from: web,
    to: api,
    port: 8080,
    allowed: true,
    because: 'web-egress lets web out to api:8080 and api-ingress lets web in',
  },
  {
    from: web,
    to: api,
    port: 9090,
    allowed: false,
    because: 'the metrics port is for Prometheus only',
  },
  {
    from: web,
    to: db,
    port: 5432,
    allowed: false,
    because: 'the database is reachable from the API tier only',
  },
  {
    from: api,
    to: db,
    port: 5432,
    allowed: true,
    because: 'api-egress lets api out to 5432 and db-allow-api lets it in on pg (5432)',
  },
  {
    from: db,
    to: api,
    port: 8080,
    allowed: false,
    because: 'policies are per direction: db has no egress to api',
  },
  {
    from: api,
    to: web,
    port: 8080,
    allowed: false,
    because: 'api may not call back into web',
  },

  // 3. DNS: every shop pod reaches kube-dns on 53, UDP and TCP, and nothing else there.
  {
    from: web,
    to: coredns,
    port: 53,
    protocol: 'UDP',
    allowed: true,
    because: 'allow-dns selects every shop pod',
  },
  {
    from: db,
    to: coredns,
    port: 53,
    allowed: true,
    because: 'allow-dns opens TCP 53 too, for large answers',
  },
  {
    from: api,
    to: coredns,
    port: 9153,
    allowed: false,
    because: 'allow-dns opens port 53 only, not CoreDNS metrics',
  },
  {
    from: web,
    to: '8.8.8.8',
    port: 53,
    protocol: 'UDP',
    allowed: false,
    because: 'DNS goes to the cluster resolver only',
  },

  // 4. Monitoring: Prometheus scrapes the API's named metrics port, and nothing else.
  {
    from: prometheus,
    to: api,
    port: 9090,
    allowed: true,
    because: 'the named port metrics is 9090 on the api pods, on both sides',
  },
  {
    from: prometheus,
    to: api,
    port: 8080,
    allowed: false,
    because: 'Prometheus gets the metrics port only',
  },
  {
    from: prometheus,
    to: web,
    port: 8080,
    allowed: false,
    because: 'Prometheus scrapes the API only',
  },
  {
    from: prometheus,
    to: coredns,
    port: 53,
    protocol: 'UDP',
    allowed: true,
    because: 'monitoring has its own allow-dns',
  },
  {
    from: controller,
    to: prometheus,
    port: 9090,
    allowed: false,
    because: 'monitoring denies all ingress',
  },

  // 5. Payments: api reaches the provider's production range on 443, nothing else leaves.
  {
    from: api,
    to: payments,
    port: 443,
    allowed: true,
    because: '203.0.113.10 is in 203.0.113.0/24 and outside the except',
  },
  {
    from: api,
    to: payments,
    port: 80,
    allowed: false,
    because: 'the ipBlock rule opens TCP 443 only',
  },
  {
    from: api,
    to: paymentsSandbox,
    port: 443,
    allowed: false,
    because: '203.0.113.200 is in the except 203.0.113.128/25',
  },
  {
    from: api,
    to: internet,
    port: 443,
    allowed: false,
    because: 'no rule opens the rest of the internet',
  },
  {
    from: web,
    to: payments,
    port: 443,
    allowed: false,
    because: 'only api may call the payment provider',
  },
];
