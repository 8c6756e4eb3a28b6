// The documented JSON outputs (README "JSON outputs are contracts") are streamed now; they must
// stay exactly what `JSON.stringify(doc, null, 2)` of the document printed before.
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

const CONTRACTS: Record<string, string[]> = {
  ReachabilityQuery: [
    'query',
    '-f',
    'seed',
    'ops/ci-runner',
    'production/deployment/web',
    '--port',
    '80',
    '--explain',
  ],
  ReachabilityMatrix: ['matrix', '-f', 'seed', '--port', '80'],
  ConnectivityList: ['matrix', '-f', 'seed'],
  ValidationReport: ['validate', '-f', 'seed'],
  LintReport: ['lint', '-f', 'seed'],
};

describe('JSON contracts, streamed', () => {
  for (const [kind, args] of Object.entries(CONTRACTS)) {
    it(`writes ${kind} exactly as JSON.stringify(doc, null, 2)`, async () => {
      const result = await reach([...args, '-o', 'json']);
      expect(result.stderr).toBe('');
      const doc = JSON.parse(result.stdout);
      expect(doc.kind).toBe(kind);
      expect(result.stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    });
  }
});

describe('-o ndjson', () => {
  it('writes the connections of reach matrix one per line, as in the JSON list', async () => {
    const json = JSON.parse((await reach(['matrix', '-f', 'seed', '-o', 'json'])).stdout);
    const ndjson = await reach(['matrix', '-f', 'seed', '-o', 'ndjson']);
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(json.connections);
    expect(lines.every((line) => !line.includes('\n') && line.startsWith('{"from":'))).toBe(true);
  });

  it('writes one matrix row per line with --port: the peers the row reaches', async () => {
    const json = JSON.parse(
      (await reach(['matrix', '-f', 'seed', '--port', '80', '-o', 'json'])).stdout,
    );
    const ndjson = await reach(['matrix', '-f', 'seed', '--port', '80', '-o', 'ndjson']);
    const rows = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual(
      json.pods.map((from: string, i: number) => ({
        from,
        to: json.pods.filter((_: string, j: number) => json.allowed[i][j]),
      })),
    );
  });

  it('writes who-can-reach peers one per line, as in the JSON list', async () => {
    const args = ['who-can-reach', '-f', 'seed', 'production/deployment/web', '--port', '80'];
    const json = JSON.parse((await reach([...args, '-o', 'json'])).stdout);
    const ndjson = await reach([...args, '-o', 'ndjson']);
    expect(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(json.peers);
  });
});
