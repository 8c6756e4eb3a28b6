import { describe, expect, it } from 'vitest';
import type { Cluster } from '../model/index.js';
import { parseCluster } from '../parse/index.js';
import type { Finding, LintCode } from './index.js';
import { formatFinding, lint } from './index.js';

function load(yaml: string): Cluster {
  const result = parseCluster(yaml);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.cluster;
}

function findings(yaml: string, code: LintCode): Finding[] {
  return lint(load(yaml)).filter((f) => f.code === code);
}

/** `code severity object path` of each finding with the code. */
function summary(yaml: string, code: LintCode): string[] {
  return findings(yaml, code).map((f) => {
    const o = f.object;
    const name = o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
    return `${f.severity} ${o.kind} ${name} ${f.path}`.trimEnd();
  });
}

function ns(name: string, labels = ''): string {
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${labels}}}
---
`;
}

function pod(namespace: string, name: string, labels: string, ports = '[]', ip = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}
spec:
  containers: [{name: c, image: x, ports: ${ports}}]
${ip === '' ? '' : `status: {phase: Running, podIP: "${ip}"}\n`}---
`;
}

function policy(namespace: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
---
`;
}

const DENY_ALL = `podSelector: {}
policyTypes: [Ingress, Egress]`;

const DNS = `${ns('kube-system')}${pod('kube-system', 'coredns', 'k8s-app: kube-dns', '[{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]')}`;

const ALLOW_DNS = `podSelector: {}
policyTypes: [Egress]
egress:
  - to:
      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
        podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]`;

/** A namespace `app` with two pods, locked down both ways with DNS allowed: lint-clean. */
const CLEAN = `${DNS}${ns('app')}${pod('app', 'web', 'app: web', '[{name: http, containerPort: 8080}]')}${pod('app', 'db', 'app: db', '[{name: pg, containerPort: 5432}]')}${policy('app', 'deny', DENY_ALL)}${policy('app', 'dns', ALLOW_DNS)}${policy(
  'app',
  'db-from-web',
  `podSelector: {matchLabels: {app: db}}
ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: pg}]`,
)}${policy(
  'app',
  'web-to-db',
  `podSelector: {matchLabels: {app: web}}
policyTypes: [Egress]
egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}]`,
)}`;

describe('lint', () => {
  it('finds nothing but the open kube-system in a locked-down namespace', () => {
    const all = lint(load(CLEAN));
    expect(all.filter((f) => f.object.name !== 'kube-system').map(formatFinding)).toEqual([]);
  });

  it('sorts findings most severe first and can disable codes', () => {
    const yaml = `${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'x', 'podSelector: {matchLabels: {app: ghost}}')}`;
    const all = lint(load(yaml));
    expect(all[0]?.severity).toBe('warning');
    expect(all.map((f) => f.severity)).toEqual([...all.map((f) => f.severity)].sort().reverse());
    const some = lint(load(yaml), { disable: ['namespace-without-default-deny'] });
    expect(some.some((f) => f.code === 'namespace-without-default-deny')).toBe(false);
    expect(some.some((f) => f.code === 'selector-matches-nothing')).toBe(true);
  });

  describe('namespace-without-default-deny', () => {
    it('warns where narrower policies exist, informs where none do, per direction', () => {
      const yaml = `${ns('a')}${pod('a', 'web', 'app: web')}${pod('a', 'api', 'app: api')}${policy('a', 'web-in', 'podSelector: {matchLabels: {app: web}}')}`;
      expect(summary(yaml, 'namespace-without-default-deny')).toEqual([
        'warning Namespace a',
        'info Namespace a',
      ]);
      const [warning, info] = findings(yaml, 'namespace-without-default-deny');
      expect(warning?.message).toContain('for ingress');
      expect(info?.message).toContain('2/2 pods accept any egress');
    });

    it('is quiet with an empty-podSelector policy for both directions', () => {
      expect(summary(CLEAN, 'namespace-without-default-deny')).toEqual([
        'info Namespace kube-system',
        'info Namespace kube-system',
      ]);
    });
  });

  describe('pod-not-isolated', () => {
    it('counts the pods a narrower policy leaves open', () => {
      const yaml = `${ns('a')}${pod('a', 'web', 'app: web')}${pod('a', 'api', 'app: api')}${policy('a', 'web-in', 'podSelector: {matchLabels: {app: web}}')}`;
      const [finding, ...rest] = findings(yaml, 'pod-not-isolated');
      expect(rest).toEqual([]);
      expect(finding?.severity).toBe('info');
      expect(finding?.message).toBe('1/2 pods accept any ingress: a/api');
    });

    it('is quiet when every pod is isolated', () => {
      expect(findings(CLEAN, 'pod-not-isolated')).toEqual([]);
    });
  });

  describe('dns-egress-blocked', () => {
    it('warns when egress-isolated pods cannot reach the kube-dns pods', () => {
      const yaml = `${DNS}${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'deny', DENY_ALL)}`;
      expect(summary(yaml, 'dns-egress-blocked')).toEqual(['warning Namespace a']);
      expect(findings(yaml, 'dns-egress-blocked')[0]?.message).toContain(
        '1/1 egress-isolated pod cannot reach DNS on UDP or TCP 53 to kube-system/coredns',
      );
    });

    it('tells TCP-only blocking apart, as info', () => {
      const udpOnly = ALLOW_DNS.replace(', {protocol: TCP, port: 53}', '');
      const yaml = `${DNS}${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'deny', DENY_ALL)}${policy('a', 'dns', udpOnly)}`;
      expect(summary(yaml, 'dns-egress-blocked')).toEqual(['info Namespace a']);
    });

    it('without DNS pods in the input, flags only egress that lets port 53 go nowhere', () => {
      const blocked = `${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'deny', DENY_ALL)}`;
      expect(summary(blocked, 'dns-egress-blocked')).toEqual(['warning Namespace a']);
      const anywhere = `${blocked}${policy('a', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]}]')}`;
      expect(summary(anywhere, 'dns-egress-blocked')).toEqual([]);
    });

    it('is quiet when DNS is allowed', () => {
      expect(findings(CLEAN, 'dns-egress-blocked')).toEqual([]);
    });
  });

  describe('selector-matches-nothing', () => {
    it('flags a podSelector, a peer namespaceSelector and a peer podSelector', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'ghost', 'podSelector: {matchLabels: {app: ghost}}')}${policy(
        'a',
        'peers',
        `podSelector: {}
ingress:
  - from:
      - namespaceSelector: {matchLabels: {team: nobody}}
      - podSelector: {matchLabels: {app: nobody}}`,
      )}`;
      expect(summary(yaml, 'selector-matches-nothing')).toEqual([
        'warning NetworkPolicy a/ghost spec.podSelector',
        'warning NetworkPolicy a/peers spec.ingress[0].from[0].namespaceSelector',
        'warning NetworkPolicy a/peers spec.ingress[0].from[1].podSelector',
      ]);
    });

    it('says nothing about namespaces the input has no pods for', () => {
      const yaml = `${ns('a')}${policy('a', 'x', 'podSelector: {matchLabels: {app: ghost}}')}`;
      expect(findings(yaml, 'selector-matches-nothing')).toEqual([]);
      expect(findings(CLEAN, 'selector-matches-nothing')).toEqual([]);
    });
  });

  describe('named-port-unresolved', () => {
    it('is an error in an ingress rule when no selected pod declares the name', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p', '[{name: http, containerPort: 80}, {name: dns, containerPort: 53, protocol: UDP}]')}${policy(
        'a',
        'x',
        `podSelector: {}
ingress: [{ports: [{port: metrics}, {port: dns}]}]`,
      )}`;
      expect(summary(yaml, 'named-port-unresolved')).toEqual([
        'error NetworkPolicy a/x spec.ingress[0].ports[0].port',
        'error NetworkPolicy a/x spec.ingress[0].ports[1].port',
      ]);
      expect(findings(yaml, 'named-port-unresolved')[1]?.message).toContain(
        'declare it with another protocol',
      );
    });

    it('warns about a named egress port to ipBlocks only', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p')}${policy(
        'a',
        'x',
        `podSelector: {}
policyTypes: [Egress]
egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24}}], ports: [{port: https}]}]`,
      )}`;
      expect(summary(yaml, 'named-port-unresolved')).toEqual([
        'warning NetworkPolicy a/x spec.egress[0].ports[0].port',
      ]);
    });

    it('is quiet when the name resolves', () => {
      expect(findings(CLEAN, 'named-port-unresolved')).toEqual([]);
    });
  });

  describe('peer-and-or-suspect', () => {
    const rule = (peers: string) =>
      `${ns('a')}${ns('mon', 'team: mon')}${pod('a', 'p', 'app: p')}${pod('mon', 'prom', 'app: prom')}${policy('a', 'x', `podSelector: {}\ningress:\n  - from:\n${peers}`)}`;

    it('flags a namespaceSelector-only peer next to a podSelector-only peer', () => {
      const yaml = rule(
        '      - namespaceSelector: {matchLabels: {team: mon}}\n      - podSelector: {matchLabels: {app: prom}}',
      );
      expect(summary(yaml, 'peer-and-or-suspect')).toEqual([
        'warning NetworkPolicy a/x spec.ingress[0].from[0]',
      ]);
      const reversed = rule(
        '      - podSelector: {matchLabels: {app: prom}}\n      - namespaceSelector: {matchLabels: {team: mon}}',
      );
      expect(findings(reversed, 'peer-and-or-suspect')[0]?.message).toMatch(
        /^from\[1\] has only a namespaceSelector and from\[0\] only a podSelector/,
      );
    });

    it('is quiet for one peer with both selectors', () => {
      const yaml = rule(
        '      - namespaceSelector: {matchLabels: {team: mon}}\n        podSelector: {matchLabels: {app: prom}}',
      );
      expect(findings(yaml, 'peer-and-or-suspect')).toEqual([]);
    });
  });

  describe('service-port-not-container-port', () => {
    const withPort = (port: string) =>
      `${ns('a')}${pod('a', 'web', 'app: web', '[{name: http, containerPort: 8080}]')}apiVersion: v1
kind: Service
metadata: {name: web, namespace: a}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
---
${policy('a', 'x', `podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: ${port}}]}]`)}`;

    it('flags a Service port used where the pod port belongs', () => {
      expect(summary(withPort('80'), 'service-port-not-container-port')).toEqual([
        'warning NetworkPolicy a/x spec.ingress[0].ports[0].port',
      ]);
      const [finding] = findings(withPort('80'), 'service-port-not-container-port');
      expect(finding?.message).toContain('Service a/web, which sends it to the pods’ port 8080');
      expect(finding?.hint).toBe('use port 8080 or the name "http"');
      // Reported once: not also as a rule that opens nothing the pods listen on.
      expect(findings(withPort('80'), 'policy-empty-effect')).toEqual([]);
    });

    it('is quiet for the container port', () => {
      expect(findings(withPort('8080'), 'service-port-not-container-port')).toEqual([]);
    });
  });

  describe('ipblock-covers-pods', () => {
    const block = (cidr: string) =>
      `${ns('a')}${pod('a', 'p', 'app: p', '[]', '10.0.0.5')}${policy('a', 'x', `podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: ${cidr}}}]}]`)}`;

    it('warns about a block holding pod IPs, and only informs about a /0', () => {
      expect(summary(block('10.0.0.0/24'), 'ipblock-covers-pods')).toEqual([
        'warning NetworkPolicy a/x spec.egress[0].to[0].ipBlock',
      ]);
      expect(findings(block('10.0.0.0/24'), 'ipblock-covers-pods')[0]?.message).toContain(
        'a/p 10.0.0.5',
      );
      expect(summary(block('0.0.0.0/0'), 'ipblock-covers-pods')).toEqual([
        'info NetworkPolicy a/x spec.egress[0].to[0].ipBlock',
      ]);
    });

    it('is quiet for addresses outside the cluster', () => {
      expect(findings(block('203.0.113.0/24'), 'ipblock-covers-pods')).toEqual([]);
    });
  });

  describe('rule-redundant', () => {
    const base = `${ns('a')}${pod('a', 'web', 'app: web')}${pod('a', 'api', 'app: api', '[{name: http, containerPort: 8080}]')}`;

    it('reports the later of two identical rules, in different policies', () => {
      const rule = `podSelector: {matchLabels: {app: api}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]`;
      const yaml = `${base}${policy('a', 'one', rule)}${policy('a', 'two', rule)}`;
      expect(summary(yaml, 'rule-redundant')).toEqual(['info NetworkPolicy a/two spec.ingress[0]']);
      expect(findings(yaml, 'rule-redundant')[0]?.message).toContain('a/one spec.ingress[0]');
    });

    it('reports a rule that a broader rule covers, also through a named port', () => {
      const yaml = `${base}${policy(
        'a',
        'api',
        `podSelector: {matchLabels: {app: api}}
ingress:
  - from: [{podSelector: {}}]
    ports: [{port: 8000, endPort: 9000}]
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]`,
      )}`;
      expect(summary(yaml, 'rule-redundant')).toEqual(['info NetworkPolicy a/api spec.ingress[1]']);
    });

    it('is quiet for rules that each add something', () => {
      const yaml = `${base}${policy(
        'a',
        'api',
        `podSelector: {matchLabels: {app: api}}
ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 8080}]
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 9090}]`,
      )}`;
      expect(findings(yaml, 'rule-redundant')).toEqual([]);
      expect(findings(CLEAN, 'rule-redundant')).toEqual([]);
    });
  });

  describe('policy-empty-effect', () => {
    it('flags ports that no selected pod declares', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p', '[{containerPort: 80}]')}${policy('a', 'x', 'podSelector: {}\ningress: [{ports: [{port: 9999}]}]')}`;
      expect(summary(yaml, 'policy-empty-effect')).toEqual([
        'warning NetworkPolicy a/x spec.ingress[0].ports',
      ]);
    });

    it('flags rules whose peers match nothing: the policy only isolates', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p')}${policy('a', 'x', 'podSelector: {}\ningress: [{from: [{podSelector: {matchLabels: {app: ghost}}}]}]')}`;
      expect(summary(yaml, 'policy-empty-effect')).toEqual([
        'warning NetworkPolicy a/x spec.ingress',
      ]);
    });

    it('is quiet for allow-all, deny-all and ports the pods declare', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p', '[{containerPort: 80}]')}${policy('a', 'all', 'podSelector: {}\ningress: [{from: []}]')}${policy('a', 'none', DENY_ALL)}${policy('a', 'port', 'podSelector: {}\ningress: [{ports: [{port: 80}]}]')}`;
      expect(findings(yaml, 'policy-empty-effect')).toEqual([]);
    });
  });

  describe('plugin-feature', () => {
    it('notes endPort, SCTP, named egress ports and ipBlock except, with sources', () => {
      const yaml = `${ns('a')}${pod('a', 'p', 'app: p', '[{name: http, containerPort: 80}]')}${policy(
        'a',
        'x',
        `podSelector: {}
policyTypes: [Ingress, Egress]
ingress: [{ports: [{port: 32000, endPort: 32768}, {protocol: SCTP, port: 3868}]}]
egress:
  - to: [{podSelector: {}}]
    ports: [{port: http}]
  - to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]`,
      )}`;
      expect(summary(yaml, 'plugin-feature')).toEqual([
        'info NetworkPolicy a/x spec.egress[0].ports[0].port',
        'info NetworkPolicy a/x spec.egress[1].to[0].ipBlock.except',
        'info NetworkPolicy a/x spec.ingress[0].ports[0].endPort',
        'info NetworkPolicy a/x spec.ingress[0].ports[1].protocol',
      ]);
      for (const f of findings(yaml, 'plugin-feature')) expect(f.hint).toMatch(/https:\/\//);
    });

    it('is quiet for numeric TCP ports and plain ipBlocks', () => {
      expect(findings(CLEAN, 'plugin-feature')).toEqual([]);
    });
  });
});
