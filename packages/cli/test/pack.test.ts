// Packs both packages as they would be published (`pnpm pack`, which replaces `workspace:*`
// with the version), installs the tarballs with npm into a scratch project outside the
// workspace, and runs the README's library example and `reach --version` there. Needs the
// packages built (`pnpm test` builds first) and npm's cache or registry for the dependencies.

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = join(ROOT, 'README.md');

const SHOP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db, ports: [{containerPort: 5432}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-api-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]
`;

/** The README's library example, with each expression's value printed. */
async function readmeExample(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const block = /```ts\n(import \{ compile[\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('README.md has no library example');
  return block
    .split('\n')
    .filter((line) => !line.includes('/* ... */'))
    .map((line) => (/^(engine|formatExplanation)\b/.test(line) ? printed(line) : line))
    .join('\n');
}

/** `expr;   // comment` as `console.log(JSON.stringify(expr));`. */
function printed(line: string): string {
  const expression = line.replace(/;\s*\/\/.*$/, '').replace(/;\s*$/, '');
  return `console.log(JSON.stringify(${expression}));`;
}

let scratch = '';

describe('the packed packages, installed with npm outside the workspace', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'kube-reach-pack-'));
    const tarballs = join(scratch, 'tarballs');
    for (const pkg of ['core', 'cli']) {
      await run('pnpm', ['pack', '--pack-destination', tarballs], {
        cwd: join(ROOT, 'packages', pkg),
      });
    }
    const project = join(scratch, 'project');
    await mkdir(join(project, 'k8s'), { recursive: true });
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    await writeFile(join(project, 'k8s', 'shop.yaml'), SHOP);
    const args = [
      'install',
      '--no-audit',
      '--no-fund',
      join(tarballs, 'kube-reach-core-0.1.0.tgz'),
      join(tarballs, 'kube-reach-cli-0.1.0.tgz'),
    ];
    // The npm cache usually holds the dependencies; the registry is the fallback.
    await run('npm', [...args, '--offline'], { cwd: project }).catch(() =>
      run('npm', [...args, '--prefer-offline'], { cwd: project }),
    );
  }, 300_000);

  afterAll(async () => {
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  });

  it('publishes versions, not workspace:*, and the LICENSE', async () => {
    const installed = join(scratch, 'project', 'node_modules', '@kube-reach');
    const cli = JSON.parse(await readFile(join(installed, 'cli', 'package.json'), 'utf8'));
    expect(cli.dependencies['@kube-reach/core']).toBe('0.1.0');
    for (const pkg of ['core', 'cli']) {
      expect(await readFile(join(installed, pkg, 'LICENSE'), 'utf8')).toContain(
        'Apache License\n                           Version 2.0, January 2004',
      );
    }
  });

  it('runs reach --version', async () => {
    const { stdout } = await run(join(scratch, 'project', 'node_modules', '.bin', 'reach'), [
      '--version',
    ]);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("runs the README's library example", async () => {
    const project = join(scratch, 'project');
    await writeFile(join(project, 'example.mjs'), await readmeExample());
    const { stdout } = await run('node', ['example.mjs'], { cwd: project });
    const [canReach, explanation, connections, reachers] = stdout.trim().split('\n');
    expect(canReach).toBe('false');
    expect(JSON.parse(explanation ?? '')).toMatch(/^denied: /);
    expect(JSON.parse(connections ?? '')).toBe('all');
    expect(JSON.parse(reachers ?? '')).toEqual([]);
  });
});
