import { describe, expect, it } from 'vitest';
import { cluster, ns, pod, selector } from '../../test/support/build.js';
import { Bitset, wordsFor } from '../bitset/index.js';
import { resolveSemantics } from '../model/index.js';
import { compileSelector } from '../select/index.js';
import { ClassSelection } from './class-selection.js';
import { groupPodClasses } from './pod-classes.js';
import { buildPodTable } from './pod-table.js';

function setup(namespaceCount: number) {
  const pods = [];
  for (let n = 0; n < namespaceCount; n++) {
    pods.push(pod(`ns${String(n).padStart(2, '0')}/web`, { labels: { app: 'web' } }));
    pods.push(pod(`ns${String(n).padStart(2, '0')}/db`, { labels: { app: 'db' } }));
  }
  pods.push(pod('ns00/host', { labels: { app: 'web' }, hostNetwork: true }));
  const table = buildPodTable(
    cluster({ namespaces: [ns('ns00', { env: 'prod' })], pods }),
    resolveSemantics({ hostNetworkPods: 'node' }),
  );
  const classes = groupPodClasses(
    table.pods,
    table.namespaceOfPod,
    new Set(),
    () => [],
    (i) => table.nodeTraffic[i] === 1,
  );
  return { table, classes, selection: new ClassSelection(table, classes) };
}

/** Names of the pods in the selected classes. */
function picked(s: ReturnType<typeof setup>, words: Uint32Array): string[] {
  const names: string[] = [];
  new Bitset(s.classes.count, words).forEach((c) => {
    for (let i = s.classes.start[c] ?? 0; i < (s.classes.start[c + 1] ?? 0); i++) {
      const p = s.table.pods[s.classes.members[i] ?? 0];
      names.push(`${p?.namespace}/${p?.name}`);
    }
  });
  return names.sort();
}

describe('ClassSelection', () => {
  it('keeps the classes of a namespace contiguous', () => {
    const { selection, classes } = setup(3);
    expect([...selection.classStart]).toEqual([0, 3, 5, 7]);
    expect(selection.nodeTraffic.toArray()).toHaveLength(1);
    expect(classes.count).toBe(7);
  });

  for (const count of [3, 20]) {
    it(`selects by labels within the given namespaces (${count} namespaces)`, () => {
      const s = setup(count);
      const web = selector({ matchLabels: { app: 'web' } });
      const all = Array.from({ length: count }, (_, n) => n);
      for (const list of [[0], [1, 2], all.slice(0, 17), all]) {
        const words = new Uint32Array(wordsFor(s.classes.count));
        s.selection.selectPodsInto(list, Bitset.fromIndices(count, list), web, words);
        const expected = list.map((n) => `ns${String(n).padStart(2, '0')}/web`).sort();
        expect(picked(s, words)).toEqual(expected);
      }
    });
  }

  it('selects every class of a namespace without a selector, node traffic only when raw', () => {
    const s = setup(2);
    const raw = new Uint32Array(wordsFor(s.classes.count));
    s.selection.selectInto([0], Bitset.fromIndices(2, [0]), undefined, raw);
    expect(picked(s, raw)).toEqual(['ns00/db', 'ns00/host', 'ns00/web']);
    const pods = new Uint32Array(wordsFor(s.classes.count));
    s.selection.selectPodsInto([0], Bitset.fromIndices(2, [0]), undefined, pods);
    expect(picked(s, pods)).toEqual(['ns00/db', 'ns00/web']);
  });

  it('answers single classes and namespace selectors alike', () => {
    const s = setup(2);
    expect(
      s.selection.selectNamespaces(selector({ matchLabels: { env: 'prod' } })).toArray(),
    ).toEqual([0]);
    const web = compileSelector(selector({ matchLabels: { app: 'web' } }));
    const ns0 = Bitset.fromIndices(2, [0]);
    const chosen = Array.from({ length: s.classes.count }, (_, c) => c).filter((c) =>
      s.selection.picks(c, ns0, web),
    );
    const words = new Uint32Array(wordsFor(s.classes.count));
    s.selection.selectPodsInto([0], ns0, selector({ matchLabels: { app: 'web' } }), words);
    expect(chosen).toEqual(new Bitset(s.classes.count, words).toArray());
    expect(s.selection.picks(s.classes.count, ns0, undefined)).toBe(false);
  });
});
