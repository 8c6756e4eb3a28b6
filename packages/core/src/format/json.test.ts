import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compile, loadCluster } from '../index.js';
import { booleanRowJson, connectionJson, writeJson } from './json.js';
import { writeNdjson } from './ndjson.js';
import type { Sink } from './sink.js';
import { collectingSink } from './sink.js';
import { streamed } from './streamed.js';
import { writeYaml } from './yaml.js';

const FIXTURES = ['seed', 'kit-shop', 'policy-types-omitted'];

function engineOf(name: string) {
  const url = new URL(`../../test/fixtures/${name}.yaml`, import.meta.url);
  return compile(loadCluster(readFileSync(url, 'utf8')));
}

async function written(write: (sink: Sink) => Promise<void>): Promise<string> {
  const sink = collectingSink();
  await write(sink);
  return sink.text();
}

/** The documents `reach matrix` prints, eager (as before) and streamed. */
function documents(name: string) {
  const engine = engineOf(name);
  const m = engine.groupMatrix({ port: 80 }, 'pod');
  const rows = engine.groupMatrixRows({ port: 80 }, 'pod');
  const list = engine.connectivity('workload');
  return [
    {
      eager: {
        apiVersion: 'v',
        kind: 'ReachabilityMatrix',
        port: 80,
        protocol: 'TCP',
        pods: m.names,
        allowed: m.allowed,
      },
      lazy: {
        apiVersion: 'v',
        kind: 'ReachabilityMatrix',
        port: 80,
        protocol: 'TCP',
        pods: rows.names,
        allowed: streamed(rows.rows),
      },
    },
    {
      eager: { apiVersion: 'v', allowed: [...m.allowed, []] },
      lazy: { apiVersion: 'v', allowed: streamed([...rows.rows, []], booleanRowJson) },
    },
    {
      eager: { apiVersion: 'v', kind: 'ConnectivityList', connections: list.connections },
      lazy: {
        apiVersion: 'v',
        kind: 'ConnectivityList',
        connections: streamed(engine.eachConnection('workload'), connectionJson()),
      },
    },
  ];
}

describe('writeJson', () => {
  for (const name of FIXTURES) {
    it(`writes exactly JSON.stringify(doc, null, 2) for the ${name} fixture's matrix and list`, async () => {
      for (const { eager, lazy } of documents(name)) {
        const text = await written((sink) => writeJson(lazy, sink));
        expect(text).toBe(`${JSON.stringify(eager, null, 2)}\n`);
      }
    });
  }

  it('writes exactly JSON.stringify for any object whose arrays are streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()))),
        async (doc) => {
          const lazy = Object.fromEntries(
            Object.entries(doc).map(([k, v]) => [k, Array.isArray(v) ? streamed(v) : v]),
          );
          const text = await written((sink) => writeJson(lazy, sink));
          expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
        },
      ),
    );
  });

  it('leaves out undefined fields and writes empty streamed lists as []', async () => {
    const text = await written((sink) => writeJson({ a: undefined, b: streamed([]) }, sink));
    expect(text).toBe(`${JSON.stringify({ b: [] }, null, 2)}\n`);
    expect(await written((sink) => writeJson({}, sink))).toBe('{}\n');
  });

  it('waits for the sink before writing more', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const sink: Sink = {
      write(chunk) {
        events.push(`write ${chunk.length}`);
        return new Promise<void>((resolve) => {
          release = () => {
            events.push('drain');
            resolve();
          };
          setTimeout(() => release(), 1);
        });
      },
    };
    const big = Array.from({ length: 20_000 }, (_, i) => ({ n: i, s: 'x'.repeat(10) }));
    await writeJson({ items: streamed(big) }, sink);
    // Every write after the first comes after the previous one drained.
    expect(events.length).toBeGreaterThan(4);
    for (const [i, e] of events.entries()) {
      expect(e.startsWith(i % 2 === 0 ? 'write' : 'drain')).toBe(true);
    }
  });
});

describe('writeYaml', () => {
  for (const name of FIXTURES) {
    it(`writes exactly js-yaml's dump for the ${name} fixture's matrix and list`, async () => {
      for (const { eager, lazy } of documents(name)) {
        const text = await written((sink) => writeYaml(lazy, sink));
        expect(text).toBe(dump(eager, { noRefs: true }));
      }
    });
  }

  it("writes exactly js-yaml's dump for any object whose arrays are streamed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()))),
        async (doc) => {
          const lazy = Object.fromEntries(
            Object.entries(doc).map(([k, v]) => [k, Array.isArray(v) ? streamed(v) : v]),
          );
          const text = await written((sink) => writeYaml(lazy, sink));
          expect(text).toBe(dump(doc, { noRefs: true }));
        },
      ),
    );
  });
});

describe('writeNdjson', () => {
  it('writes one compact JSON value per line', async () => {
    const text = await written((sink) => writeNdjson([{ a: 1 }, [true], 'x'], sink));
    expect(text).toBe('{"a":1}\n[true]\n"x"\n');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ a: 1 }, [true], 'x']);
  });
});
