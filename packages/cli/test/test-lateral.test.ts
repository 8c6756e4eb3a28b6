import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

const SHOP_DIR = new URL('../../../examples/shop/', import.meta.url);
const SHOP: Record<string, string> = Object.fromEntries(
  readdirSync(SHOP_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [`shop/${f}`, readFileSync(new URL(f, SHOP_DIR), 'utf8')]),
);

const SPEC = `
- name: the internet never reaches the database in 3 hops
  noPath: {from: external, to: shop/statefulset/db, maxHops: 3}
- noPath: {from: external, to: shop/statefulset/db}
- maxBlastRadius: {from: shop/deploy/web, pods: 2, maxHops: 1}
- maxBlastRadius: {from: shop/deploy/web, pods: 3}
- {from: shop/deploy/web, to: shop/deploy/api, port: 8080, expect: allow}
`;

describe('reach test: noPath and maxBlastRadius', () => {
  it('checks chains of hops and blast radii beside pair expectations', async () => {
    const r = await reach(['test', 'spec.yaml', '-f', 'shop'], { ...SHOP, 'spec.yaml': SPEC });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^RESULT +NAME +FROM +TO +PORT +EXPECT +ACTUAL$/);
    expect(lines[1]).toMatch(
      /^PASS +the internet never reaches the database in 3 hops +external +shop\/statefulset\/db +<= 3 hops +no path +no path$/,
    );
    expect(lines[2]).toMatch(
      /^FAIL +no path external -> shop\/statefulset\/db +external +shop\/statefulset\/db +<any> +no path +path of 4 hops$/,
    );
    expect(lines[3]).toMatch(
      /^PASS +blast radius of shop\/deploy\/web within 1 hop <= 2 pods +shop\/deploy\/web +\* +<= 1 hops +at most 2 pods +2 pods$/,
    );
    expect(lines[4]).toMatch(
      /^FAIL +blast radius of shop\/deploy\/web <= 3 pods .* at most 3 pods +4 pods$/,
    );
    expect(lines[5]).toMatch(/^PASS /);
    expect(r.stdout).toContain('  expected no path, found one of 4 hops\n');
    expect(r.stdout).toContain(
      '  shop/deployment/api -> shop/statefulset/db TCP/5432: egress shop/api-egress rule 0; ingress shop/db-allow-api rule 0\n',
    );
    expect(r.stdout).toContain('  expected at most 3 pods reachable, found 4\n');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 2 failed');
  });

  it('reports malformed entries with their paths', async () => {
    const bad = `
- noPath: {from: external, maxHops: -1, via: x}
- maxBlastRadius: {from: 'shop/[', pods: 2}
- noPath: {from: a, to: b}
  maxBlastRadius: {from: a, pods: 1}
- noPath: {from: a, to: b}
  expect: deny
`;
    const r = await reach(['test', 'spec.yaml', '-f', 'shop'], { ...SHOP, 'spec.yaml': bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spec.yaml: [0].noPath.to: required field is missing');
    expect(r.stderr).toContain('spec.yaml: [0].noPath.maxHops: expected a whole number, 0 or more');
    expect(r.stderr).toContain(
      'spec.yaml: [0].noPath.via: unknown field; noPath takes from, to, maxHops, anyPort',
    );
    expect(r.stderr).toContain('spec.yaml: [1].maxBlastRadius.from: ');
    expect(r.stderr).toContain('spec.yaml: [2]: give one of noPath and maxBlastRadius per entry');
    expect(r.stderr).toContain(
      'spec.yaml: [3].expect: unknown field; expectations take name, noPath, maxBlastRadius',
    );
  });
});
