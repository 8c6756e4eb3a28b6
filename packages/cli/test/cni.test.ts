// --cni, --knob and reach profiles: the CLI side of the CNI profiles (core decides; these check
// the flags, the listing and the messages).
import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES } from './support/fixtures.js';

const RANGE_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-range, namespace: production}
spec:
  podSelector: {}
  ingress:
    - ports: [{port: 80, endPort: 90}]
`;

describe('reach profiles', () => {
  it('lists every profile with what it changes from spec', async () => {
    const result = await reach(['profiles']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^spec {2,}The NetworkPolicy API reference/m);
    expect(result.stdout).toMatch(/^cilium@1\.15 .*\n +differs from spec: .*endPort=ignored/m);
    expect(result.stdout).toMatch(/^flannel .*\n +differs from spec: enforcesNetworkPolicy=false/m);
  });

  it('--explain gives every knob with its source', async () => {
    const result = await reach(['profiles', '--explain', 'azure-npm']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}endPort=ignored\n.*\n {6}source: learn\.microsoft\.com/m);
    const json = await reach(['profiles', '--explain', 'openshift', '-o', 'json']);
    const doc = JSON.parse(json.stdout) as {
      kind: string;
      name: string;
      knobs: { knob: string }[];
    };
    expect(doc.kind).toBe('Profile');
    expect(doc.name).toBe('ovn-kubernetes');
    expect(doc.knobs.map((k) => k.knob)).toContain('nodeIngress');
  });

  it('rejects an unknown profile, listing the known ones (exit 2)', async () => {
    const result = await reach(['profiles', '--explain', 'canal']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown profile "canal"; known: spec, /);
  });
});

describe('--cni and --knob', () => {
  const files = { ...SEED_FILES, 'range.yaml': RANGE_POLICY };
  const query = [
    'query',
    '-f',
    'seed',
    '-f',
    'range.yaml',
    'ops/ci-runner',
    'production/deployment/web',
    '--explain',
  ];

  it('answers under the profile and names it in the assuming line', async () => {
    const spec = await reach([...query, '--port', '85'], files);
    expect(spec.code).toBe(0);
    const azure = await reach([...query, '--port', '85', '--cni', 'azure-npm'], files);
    expect(azure.code).toBe(1);
    expect(azure.stdout).toMatch(/^assuming: cni=azure-npm, .*endPort=ignored/m);
  });

  it('--knob overrides the profile', async () => {
    const result = await reach(
      [...query, '--port', '85', '--cni', 'azure-npm', '--knob', 'endPort=supported'],
      files,
    );
    expect(result.code).toBe(0);
  });

  it('says that flannel does not enforce NetworkPolicy', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'ops/ci-runner',
      'production/deployment/web',
      '--port',
      '9999',
      '--cni',
      'flannel',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^note: flannel does not enforce NetworkPolicy: every connection is allowed/m,
    );
  });

  it.each([
    [['--cni', 'canal'], /Unknown profile "canal"/],
    [['--cni', 'spec,cilium'], /--cni takes one profile here/],
    [['--knob', 'nodeIngress=sometimes'], /nodeIngress takes always, gateway, policed/],
    [['--knob', 'colour=blue'], /Expected KEY=VALUE with KEY one of/],
  ])('rejects %j (exit 2)', async (flags, message) => {
    const result = await reach([...query, '--port', '80', ...flags], files);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('reach matrix --cni a,b prints only the disagreements, with the knob', async () => {
    const result = await reach(
      ['matrix', '-f', 'seed', '-f', 'range.yaml', '--cni', 'spec,azure-npm'],
      files,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/disagree \(connections; baseline spec\)/);
    expect(result.stdout).toMatch(/azure-npm +TCP 80 .*<- endPort=ignored/);
    const json = await reach(
      ['matrix', '-f', 'seed', '-f', 'range.yaml', '--cni', 'spec,azure-npm', '-o', 'json'],
      files,
    );
    expect((JSON.parse(json.stdout) as { kind: string }).kind).toBe('ProfileComparison');
  });

  it('reach lint --cni names what the plugin ignores, with the source', async () => {
    const result = await reach(
      ['lint', '-f', 'seed', '-f', 'range.yaml', '--cni', 'azure-npm'],
      files,
    );
    expect(result.stdout).toMatch(
      /plugin-unsupported-feature .*production\/web-range .*spec\.ingress\[0\]\.ports\[0\]\.endPort/,
    );
  });
});
