import { readFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compile, loadCluster } from '../index.js';
import { writeConnectivity, writeGroupMatrix } from './matrix.js';
import { collectingSink } from './sink.js';

const FIXTURES = ['seed', 'kit-shop', 'policy-types-omitted'];

function engineOf(name: string) {
  const url = new URL(`../../test/fixtures/${name}.yaml`, import.meta.url);
  return compile(loadCluster(readFileSync(url, 'utf8')));
}

describe('the ReachabilityMatrix and ConnectivityList contracts, streamed', () => {
  for (const name of FIXTURES) {
    it(`are exactly JSON.stringify(doc, null, 2) and dump(doc) for the ${name} fixture`, async () => {
      const engine = engineOf(name);
      for (const by of ['pod', 'workload'] as const) {
        const m = engine.groupMatrix({ port: 80 }, by);
        const matrix = {
          apiVersion: 'v1',
          kind: 'ReachabilityMatrix',
          port: 80,
          protocol: 'TCP',
          pods: m.names,
          allowed: m.allowed,
        };
        const list = {
          apiVersion: 'v1',
          kind: 'ConnectivityList',
          connections: engine.connectivity(by).connections,
        };
        for (const format of ['json', 'yaml'] as const) {
          const text = (doc: object): string =>
            format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : dump(doc, { noRefs: true });
          const options = { format, apiVersion: 'v1' };
          const a = collectingSink();
          await writeGroupMatrix(engine.groupMatrixRows({ port: 80 }, by), options, a);
          expect(a.text()).toBe(text(matrix));
          const b = collectingSink();
          await writeConnectivity(engine.eachConnection(by), options, b);
          expect(b.text()).toBe(text(list));
        }
      }
    });
  }

  it('colours only the glyphs of a table, keeping the columns aligned', async () => {
    const engine = engineOf('seed');
    const plain = collectingSink();
    const painted = collectingSink();
    const rows = () => engine.groupMatrixRows({ port: 80 }, 'workload');
    await writeGroupMatrix(rows(), { format: 'table', apiVersion: 'v1' }, plain);
    await writeGroupMatrix(
      rows(),
      { format: 'table', apiVersion: 'v1', paintGlyph: (g) => (g === '#' ? g : `<${g}>`) },
      painted,
    );
    expect(painted.text()).not.toBe(plain.text());
    expect(painted.text().replace(/<(.)>/g, '$1')).toBe(plain.text());
  });
});
