import { describe, expect, it } from 'vitest';
import type { CliResult } from './bench-cli.js';
import { outcome, peerTable, wholeProcessTable } from './cli-report.js';

function result(over: Partial<CliResult>): CliResult {
  return {
    generator: 'gen_cluster',
    pods: 1000,
    policies: 200,
    seed: 7,
    inputMB: 0.4,
    command: 'matrix-json',
    commandLine: 'reach matrix -f BASE -o json > file',
    status: 'ok',
    exitCode: 0,
    wallS: 3.74,
    userS: 3,
    sysS: 0.4,
    cpuS: 3.4,
    peakRssMB: 340,
    outputBytes: 69 * 1024 * 1024,
    timeoutS: 300,
    heapLimitMB: 4144,
    loadBefore: [0.5, 0.4, 0.3],
    loadAfter: [0.6, 0.4, 0.3],
    cpu: '2 × test',
    node: 'v20',
    date: '2026-12-04T15:00',
    ...over,
  };
}

describe('whole-process report', () => {
  it('gives the peers / kube-reach ratios for wall, CPU and peak RSS', () => {
    const table = peerTable([result({})]);
    const row = table.split('\n').find((l) => l.includes('gen_cluster 1,000 / 200')) ?? '';
    // 37.4 / 3.74 = 10, 37.4 / 3.4 = 11, 170 / 340 = 0.5.
    expect(row).toContain('| 10× / 11× / 0.5× |');
    expect(row).toContain('3.74 s / 3.40 s / 340 MB');
    expect(table).toContain('not measured yet');
  });

  it('says "no answer" where kube-reach crashed or timed out, with how', () => {
    const crash = result({
      pods: 5000,
      policies: 500,
      status: 'crash',
      exitCode: 70,
      wallS: 92,
      stderrTail: 'reach: internal error: Invalid string length',
    });
    expect(outcome(crash)).toBe('**crash**, exit 70: reach: internal error: Invalid string length');
    const row = peerTable([crash])
      .split('\n')
      .find((l) => l.includes('gen_cluster 5,000 / 500'));
    expect(row).toContain('no answer (**crash**, exit 70');
    const late = result({ status: 'timeout', exitCode: 143, signal: 15, timeoutS: 60 });
    expect(outcome(late)).toBe('**timeout** (60 s)');
  });

  it('lists every run, peer inputs first, in command order', () => {
    const table = wholeProcessTable([
      result({ generator: 'typical', command: 'lint', commandLine: 'reach lint' }),
      result({ command: 'lint', commandLine: 'reach lint -f BASE' }),
      result({}),
    ]);
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      '| gen_cluster | 1,000 / 200 | `reach matrix -f BASE -o json > file` |',
    );
    expect(rows[1]).toContain('`reach lint -f BASE`');
    expect(rows[2]).toContain('| typical |');
    expect(rows[0]).toContain('| 69 MB | ok | 0.5 |');
  });
});
