import { describe, expect, it } from 'vitest';
import { pod } from '../../test/support/build.js';
import { groupPodClasses } from './pod-classes.js';

describe('groupPodClasses', () => {
  const pods = [
    pod('a/web-1', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 80 }] }),
    pod('a/web-2', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 80 }] }),
    // Same labels, another number behind the used name `http`.
    pod('a/web-3', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 81 }] }),
    // Another number behind an unused name only: indistinguishable from web-1.
    pod('a/web-4', {
      labels: { app: 'web' },
      ports: [
        { name: 'http', containerPort: 80 },
        { name: 'admin', containerPort: 9 },
      ],
    }),
    pod('b/web-1', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 80 }] }),
  ];
  const namespaceOf = Int32Array.from([0, 0, 0, 0, 1]);

  it('groups pods that no policy can tell apart, in pod order', () => {
    const classes = groupPodClasses(pods, namespaceOf, new Set(['TCP/http']), () => []);
    expect([...classes.classOf]).toEqual([0, 0, 1, 0, 2]);
    expect([...classes.representative]).toEqual([0, 2, 4]);
    expect([...classes.start]).toEqual([0, 3, 4, 5]);
    expect([...classes.members]).toEqual([0, 1, 3, 2, 4]);
  });

  it('ignores named ports no policy uses, and splits by IP atoms and node traffic', () => {
    expect(groupPodClasses(pods, namespaceOf, new Set(), () => []).count).toBe(2);
    const atoms = [[1], [2], [1], [1], [1]];
    const byAtoms = groupPodClasses(pods, namespaceOf, new Set(), (i) => atoms[i] ?? []);
    expect([...byAtoms.classOf]).toEqual([0, 1, 0, 0, 2]);
    const apart = groupPodClasses(
      pods,
      namespaceOf,
      new Set(),
      () => [],
      (i) => i === 1,
    );
    expect([...apart.classOf]).toEqual([0, 1, 0, 0, 2]);
  });
});
