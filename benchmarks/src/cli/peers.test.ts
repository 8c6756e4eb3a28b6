import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  sharedPath,
  skipWithoutShared,
} from '../../../packages/core/test/support/shared-folder.js';
import { CLI_COMMANDS } from './commands.js';
import { PEER_FIGURES } from './peers.js';

const SHARED_README = sharedPath('bench/README.md');
const SKIP = skipWithoutShared('peer figures', 'bench/README.md');

describe.skipIf(SKIP)('peer figures', () => {
  const rows = (SKIP ? '' : readFileSync(SHARED_README, 'utf8'))
    .split('\n')
    .filter((l) => l.startsWith('| network-config-analyzer') || l.startsWith('| Kano'));

  it('are the figures of ../shared/bench/README.md, row by row', () => {
    expect(rows).toHaveLength(PEER_FIGURES.length);
    PEER_FIGURES.forEach((p, i) => {
      const row = rows[i] ?? '';
      const cells = row.split('|').map((c) => c.trim());
      const kind = p.generator === 'gen_cluster' ? 'gen_cluster' : 'gen_kano';
      expect(cells[2]).toBe(
        `${kind} ${p.pods.toLocaleString('en-US')} / ${p.policies.toLocaleString('en-US')}`,
      );
      expect(cells[3]?.startsWith(p.wallS === null ? '—' : `${p.wallS} s`)).toBe(true);
      expect(cells[4]).toBe(p.cpuS === null ? '—' : `${p.cpuS} s`);
      const rss = cells[5] ?? '';
      expect(rss.endsWith(' GB') ? Number.parseFloat(rss) * 1000 : Number.parseFloat(rss)).toBe(
        p.peakRssMB,
      );
      expect(cells[6]).toBe(p.output);
      if (p.note) expect(cells[3]).toContain(p.note);
    });
  });

  it('each name a command the harness runs', () => {
    for (const p of PEER_FIGURES) {
      expect(CLI_COMMANDS.map((c) => c.name)).toContain(p.command);
    }
  });
});
