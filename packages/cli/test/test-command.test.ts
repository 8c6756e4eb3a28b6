import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { EXPECTATION_KEYS, REQUIRED_EXPECTATION_KEYS } from '../src/expectations.js';
import { reach, SEED_FILES, SHOP_YAML } from './support/fixtures.js';
import { checkXml } from './support/xml.js';

const repo = (path: string): string =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** An example directory's manifests and its expectations, as in-memory files. */
function exampleFiles(name: 'seed' | 'shop'): Record<string, string> {
  const manifests =
    name === 'seed'
      ? ['namespaces.yaml', 'policies.yaml', 'workloads.yaml']
      : ['namespaces.yaml', 'platform.yaml', 'policies.yaml', 'shop.yaml'];
  return {
    ...Object.fromEntries(
      manifests.map((file) => [`examples/${name}/${file}`, repo(`examples/${name}/${file}`)]),
    ),
    [`examples/${name}/tests/expectations.yaml`]: repo(`examples/${name}/tests/expectations.yaml`),
  };
}

const SPEC = `
- name: ci reaches web
  from: ops/ci-runner
  to: production/deploy/web
  port: 80
  expect: allow
- name: staging cannot reach web
  from: staging/deploy/web
  to: production/deploy/web
  port: http
  expect: deny
- name: "wrong on purpose: api <reaches> web & more"
  from: production/deployment/api
  to: production/deployment/web
  port: 80
  expect: allow
`;

describe('reach test: the examples hold', () => {
  it.each(['seed', 'shop'] as const)('examples/%s/tests/expectations.yaml passes', async (name) => {
    const files = exampleFiles(name);
    const result = await reach(
      ['test', `examples/${name}/tests/expectations.yaml`, '-f', `examples/${name}`],
      files,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RESULT +NAME +FROM +TO +PORT +EXPECT +ACTUAL$/);
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(lines.filter((l) => l.startsWith('PASS '))).toHaveLength(lines.length - 2);
  });

  it.each(['seed', 'shop'] as const)(
    'writes well-formed JUnit XML for examples/%s',
    async (name) => {
      const result = await reach(
        [
          'test',
          `examples/${name}/tests/expectations.yaml`,
          '-f',
          `examples/${name}`,
          '-o',
          'junit',
        ],
        exampleFiles(name),
      );
      expect(result.code).toBe(0);
      const { problems, root } = checkXml(result.stdout);
      expect(problems).toEqual([]);
      expect(root?.name).toBe('testsuites');
      const suite = root?.children[0];
      expect(suite?.attributes.name).toBe(`examples/${name}/tests/expectations.yaml`);
      expect(suite?.attributes.failures).toBe('0');
      expect(Number(suite?.attributes.tests)).toBe(suite?.children.length);
      expect(result.stderr).toMatch(/^\d+ passed, 0 failed\n$/);
    },
  );
});

describe('reach test: failures', () => {
  const files = { ...SEED_FILES, 'spec.yaml': SPEC };

  it('exits 1, explains the failing pair, and ends with the summary line', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed'], files);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'RESULT   NAME                                         FROM                        TO                          PORT            EXPECT   ACTUAL',
        'PASS     ci reaches web                               ops/ci-runner               production/deploy/web       TCP/80          allow    allow',
        'PASS     staging cannot reach web                     staging/deploy/web          production/deploy/web       TCP/80 (http)   deny     deny',
        'FAIL     wrong on purpose: api <reaches> web & more   production/deployment/api   production/deployment/web   TCP/80          allow    deny',
        '',
        'FAIL wrong on purpose: api <reaches> web & more (spec.yaml [2])',
        '  expected allow, got deny',
        '  production/deployment/api -> production/deployment/web TCP/80: denied',
        '    denied: ingress to production/deployment/web is isolated by production/restrict-access; no rule allows production/deployment/api on 80/TCP',
        '2 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('prints only failures and the summary with -q', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed', '-q'], files);
    expect(result.code).toBe(1);
    expect(result.stdout.startsWith('FAIL wrong on purpose')).toBe(true);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('reports failures in JUnit, escaped, and the summary on stderr', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed', '-o', 'junit'], files);
    expect(result.code).toBe(1);
    const { problems, root } = checkXml(result.stdout);
    expect(problems).toEqual([]);
    expect(root?.attributes).toMatchObject({ tests: '3', failures: '1', errors: '0' });
    const failed = root?.children[0]?.children[2];
    expect(failed?.attributes.name).toBe('wrong on purpose: api <reaches> web & more');
    expect(failed?.children[0]?.name).toBe('failure');
    expect(failed?.children[0]?.attributes.message).toBe('expected allow, got deny');
    expect(failed?.children[0]?.text).toContain('no rule allows production/deployment/api');
    expect(result.stderr).toBe('2 passed, 1 failed\n');
  });

  it('prints a TestReport with -o json and -o yaml', async () => {
    const json = JSON.parse(
      (await reach(['test', 'spec.yaml', '-f', 'seed', '-o', 'json'], files)).stdout,
    );
    expect(json).toMatchObject({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'TestReport',
      summary: { total: 3, passed: 2, failed: 1, invalid: 0 },
    });
    expect(json.results[0]).toEqual({
      name: 'ci reaches web',
      file: 'spec.yaml',
      where: '[0]',
      from: 'ops/ci-runner',
      to: 'production/deploy/web',
      traffic: 'TCP/80',
      expect: 'allow',
      actual: 'allow',
      result: 'pass',
    });
    expect(json.results[2]).toMatchObject({ result: 'fail', actual: 'deny' });
    const yaml = await reach(['test', 'spec.yaml', '-f', 'seed', '-o', 'yaml'], files);
    expect(load(yaml.stdout)).toEqual(json);
  });

  it('is strict about endpoints that stand for several pods: mixed fails allow and deny', async () => {
    const spec = `
- {from: ops/ci-runner, to: shop/deploy/cart, port: 8080, expect: allow}
- {from: ops/ci-runner, to: shop/deploy/cart, port: 8080, expect: deny}
- {from: ops/ci-runner, to: shop/deploy/cart, port: 8080, expect: allow, match: any}
- {from: ops/ci-runner, to: shop/deploy/cart, port: 8080, expect: deny, match: all}
`;
    const result = await reach(
      ['test', 'spec.yaml', '-f', 'seed', '-f', 'shop.yaml', '-o', 'json'],
      {
        ...SEED_FILES,
        'shop.yaml': SHOP_YAML,
        'spec.yaml': spec,
      },
    );
    const { results } = JSON.parse(result.stdout);
    expect(
      results.map((r: { result: string; actual: string }) => `${r.result} ${r.actual}`),
    ).toEqual(['fail mixed', 'fail mixed', 'pass allow', 'pass deny']);
  });

  it('reads a spec from stdin', async () => {
    const result = await reach(['test', '-', '-f', 'seed', '-q'], SEED_FILES, { stdin: SPEC });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'FAIL wrong on purpose: api <reaches> web & more (<stdin> [2])',
    );
  });
});

describe('reach test: invalid input exits 2', () => {
  it('lists every problem of a file, with its path', async () => {
    const spec = `
- from: a
  to: [x]
  port: true
  expect: maybe
  extra: 1
- 3
- {from: "ops/[app]", to: b, expect: allow, port: 53/udp, protocol: tcp}
- {to: b, expect: deny, match: some, name: ""}
`;
    const result = await reach(['test', 'spec.yaml', 'missing.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'spec.yaml': spec,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'error: spec.yaml: [0].extra: unknown field; expectations take name, from, to, port, protocol, expect, match, cni',
        'error: spec.yaml: [0].to: expected an endpoint such as shop/deploy/web, got a list',
        'error: spec.yaml: [0].port: expected a port number (1-65535), a port name, a range such as 8000-8080 or 53/udp, got true',
        'error: spec.yaml: [0].expect: expected allow or deny, got "maybe"',
        'error: spec.yaml: [1]: expected an object with from, to and expect, got 3',
        'error: spec.yaml: [2].from: invalid label "app" in endpoint "ops/[app]": a hypothetical pod takes key=value or key!=value',
        'error: spec.yaml: [2].protocol: TCP contradicts the port 53/udp',
        'error: spec.yaml: [3].from: required field is missing',
        'error: spec.yaml: [3].name: expected a non-empty string, got ""',
        'error: spec.yaml: [3].match: expected any or all, got "some"',
        'error: missing.yaml: cannot read: no such file or directory',
        '',
      ].join('\n'),
    );
  });

  it('reports what only the schema says (port bounds), with the document and path', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'spec.yaml':
        '- {from: a, to: b, expect: allow}\n---\n- {from: a, to: b, expect: allow, port: 0}\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: spec.yaml: document 2 [0].port: expected a port number (1-65535), a port name, a range such as 8000-8080 or 53/udp, got 0\n',
    );
  });

  it('points at YAML syntax errors by line and column', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'spec.yaml': '- from: a\n  to: [b\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: spec\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('rejects a file that is not a list', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'spec.yaml': 'from: a\nto: b\n',
    });
    expect(result.stderr).toBe(
      'error: spec.yaml: expected a list of expectations, got an object\n',
    );
  });

  it('reports an unknown endpoint as an error case, and exits 2', async () => {
    const spec =
      '- {name: typo, from: ops/ci-runer, to: production/deploy/web, port: 80, expect: allow}\n';
    const table = await reach(['test', 'spec.yaml', '-f', 'seed'], {
      ...SEED_FILES,
      'spec.yaml': spec,
    });
    expect(table.code).toBe(2);
    expect(table.stdout).toContain(
      'ERROR typo (spec.yaml [0])\n  no pod or workload named "ci-runer" in namespace "ops"',
    );
    expect(table.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 1 invalid');
    const junit = await reach(['test', 'spec.yaml', '-f', 'seed', '-o', 'junit'], {
      ...SEED_FILES,
      'spec.yaml': spec,
    });
    const { problems, root } = checkXml(junit.stdout);
    expect(problems).toEqual([]);
    expect(root?.attributes).toMatchObject({ tests: '1', failures: '0', errors: '1' });
  });

  it('exits 2 when the manifests do not load', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'nope/'], { 'spec.yaml': SPEC });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope/: cannot read: no such file or directory');
  });
});

describe('the expectations JSON Schema', () => {
  const schema = JSON.parse(repo('packages/cli/schema/expectations.schema.json'));
  const item = schema.$defs.expectation;

  it('is shipped with the package', () => {
    const pkg = JSON.parse(repo('packages/cli/package.json'));
    expect(pkg.files).toContain('schema');
  });

  it('describes the documented fields, and the validator reads them from it', () => {
    // A document is a list of expectations, or a mapping of settings (namespaceLabels).
    expect(schema.oneOf).toEqual([{ $ref: '#/$defs/list' }, { $ref: '#/$defs/settings' }]);
    // An entry is a pair expectation, or (with noPath or maxBlastRadius) a lateral one.
    expect(schema.$defs.list.type).toBe('array');
    expect(schema.$defs.list.items.then).toEqual({ $ref: '#/$defs/graphExpectation' });
    expect(schema.$defs.list.items.else).toEqual({ $ref: '#/$defs/expectation' });
    expect(Object.keys(schema.$defs.graphExpectation.properties)).toEqual([
      'name',
      'noPath',
      'maxBlastRadius',
      'cni',
    ]);
    expect(Object.keys(schema.$defs.settings.properties)).toEqual(['cni', 'namespaceLabels']);
    expect(schema.$defs.settings.additionalProperties).toBe(false);
    const keys = ['name', 'from', 'to', 'port', 'protocol', 'expect', 'match', 'cni'];
    expect(Object.keys(item.properties)).toEqual(keys);
    expect(item.required).toEqual(['from', 'to', 'expect']);
    expect(EXPECTATION_KEYS).toEqual(keys);
    expect(REQUIRED_EXPECTATION_KEYS).toEqual(['from', 'to', 'expect']);
    expect(item.additionalProperties).toBe(false);
    expect(item.properties.expect.enum).toEqual(['allow', 'deny']);
    expect(item.properties.match.enum).toEqual(['any', 'all']);
  });

  it('accepts the port strings the validator accepts', () => {
    const pattern = new RegExp(item.properties.port.oneOf[1].pattern);
    for (const port of ['80', 'http', '53/udp', '8000-8080', '8000-8080/TCP', 'dns-tcp']) {
      expect(pattern.test(port), port).toBe(true);
    }
    for (const port of ['HTTP', '53/icmp', 'a-very-long-port-name', '-x']) {
      expect(pattern.test(port), port).toBe(false);
    }
  });
});
