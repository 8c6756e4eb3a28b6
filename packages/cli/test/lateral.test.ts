import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

/** examples/shop as an in-memory directory `shop/`. */
const SHOP_DIR = new URL('../../../examples/shop/', import.meta.url);
const SHOP: Record<string, string> = Object.fromEntries(
  readdirSync(SHOP_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [`shop/${f}`, readFileSync(new URL(f, SHOP_DIR), 'utf8')]),
);
const run = (argv: readonly string[]) => reach(argv, SHOP);

describe('reach path', () => {
  it('prints the hops of the shortest path with the rules that allow each; exit 0', async () => {
    const r = await run(['path', '-f', 'shop', 'shop/deploy/web', 'shop/sts/db']);
    expect(r).toEqual({
      code: 0,
      stdout: [
        'PATH   HOP   FROM                  TO                    PORT       EGRESS ALLOWED BY           INGRESS ALLOWED BY',
        '1      1     shop/deployment/web   shop/deployment/api   TCP/8080   shop/web-egress egress[0]   shop/api-ingress ingress[0]',
        '1      2     shop/deployment/api   shop/statefulset/db   TCP/5432   shop/api-egress egress[0]   shop/db-allow-api ingress[0]',
        '',
      ].join('\n'),
      stderr: 'shop/deployment/web reaches shop/statefulset/db in 2 hops.\n',
    });
  });

  it('exits 1 when no path exists within --max-hops', async () => {
    const r = await run([
      'path',
      '-f',
      'shop',
      'shop/deploy/web',
      'shop/sts/db',
      '--max-hops',
      '1',
    ]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No path from shop/deployment/web to shop/statefulset/db within 1 hop.\n',
    });
  });

  it('restricts hops with --port: the api never reaches the database on 8080 only', async () => {
    const r = await run([
      'path',
      '-f',
      'shop',
      'shop/deploy/web',
      'shop/sts/db',
      '--port',
      '8080',
      '-q',
    ]);
    expect(r.code).toBe(1);
    const any = await run([
      'path',
      '-f',
      'shop',
      'shop/deploy/web',
      'shop/sts/db',
      '--port',
      '5432',
    ]);
    expect(any.code).toBe(1);
    const both = await run([
      'path',
      '-f',
      'shop',
      'shop/deploy/web',
      'shop/sts/db',
      '--protocol',
      'tcp',
    ]);
    expect(both.code).toBe(0);
  });

  it('writes a Paths document, and a DOT graph of the hops', async () => {
    const json = await run(['path', '-f', 'shop', 'external', 'shop/sts/db', '-o', 'json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout);
    expect(json.stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(doc).toMatchObject({ apiVersion: 'kube-reach/v1alpha1', kind: 'Paths', distance: 4 });
    expect(doc.paths[0].hops.map((h: { port: number }) => h.port)).toEqual([80, 8080, 8080, 5432]);
    const dot = await run(['path', '-f', 'shop', 'shop/deploy/web', 'shop/sts/db', '-o', 'dot']);
    expect(dot.stdout).toContain(
      '"shop/deployment/api" -> "shop/statefulset/db" [label="TCP/5432"];',
    );
  });

  it('rejects a port name, -k 0 and an unknown endpoint with exit 2', async () => {
    for (const argv of [
      ['--port', 'http'],
      ['-k', '0'],
      ['--max-hops', '-1'],
    ]) {
      const r = await run(['path', '-f', 'shop', 'shop/deploy/web', 'shop/sts/db', ...argv]);
      expect(r.code).toBe(2);
    }
    expect((await run(['path', '-f', 'shop', 'shop/deploy/nope', 'shop/sts/db'])).code).toBe(2);
  });
});

describe('reach blast-radius, exposure, segments', () => {
  it('blast-radius lists every reached endpoint, nearest first; exit 0', async () => {
    const r = await run(['blast-radius', '-f', 'shop', 'shop/deploy/web', '--max-hops', '1']);
    expect(r).toEqual({
      code: 0,
      stdout: [
        'HOPS   KIND   ENDPOINT                         VIA   PORTS',
        '1      pod    kube-system/deployment/coredns   -     TCP/53',
        '1      pod    shop/deployment/api              -     TCP/8080',
        '',
      ].join('\n'),
      stderr: 'shop/deployment/web reaches in 1 hop 2 pods and 0 address ranges.\n',
    });
  });

  it('exposure answers per target; exit 0 when a target is exposed, 1 when none is', async () => {
    const yes = await run([
      'exposure',
      '-f',
      'shop',
      '--target',
      'svc/db',
      '-n',
      'shop',
      '-o',
      'json',
    ]);
    expect(yes.code).toBe(0);
    const doc = JSON.parse(yes.stdout);
    expect(doc.kind).toBe('Exposure');
    expect(doc.targets).toMatchObject([{ target: 'shop/service/db', distance: 4 }]);
    const no = await run([
      'exposure',
      '-f',
      'shop',
      '--target',
      'svc/db',
      '-n',
      'shop',
      '--max-hops',
      '3',
    ]);
    expect(no.code).toBe(1);
    expect(no.stdout).toContain('shop/service/db   none   not reachable from outside');
  });

  it('segments lists the strongly connected sets, largest first', async () => {
    const r = await run(['segments', '-f', 'shop', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kind: Segments');
    expect(r.stdout).toContain('size: 5');
  });
});
