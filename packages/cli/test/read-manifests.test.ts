import type { Issue } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../src/read-manifests.js';
import { memoryIo } from './support/memory-io.js';

function unreadable(file: string, reason: string, severity: Issue['severity'] = 'error'): Issue {
  return { code: 'unreadable-file', severity, message: reason, file, path: [] };
}

describe('readManifests', () => {
  const files = {
    'd/b.yaml': 'b',
    'd/a.yml': 'a',
    'd/c.json': 'c',
    'd/notes.txt': 'x',
    'd/upper.YAML': 'kubectl matches extensions exactly',
    'd/sub/z.yaml': 'z',
    'd/sub/deeper/y.yaml': 'y',
    'other.txt': 'given by name, so read whatever its extension',
    'e/only/x.yaml': 'x',
  };

  it('reads a directory in name order, manifest extensions only', async () => {
    const result = await readManifests(memoryIo(files), ['d'], false);
    expect(result).toEqual({
      sources: [
        { name: 'd/a.yml', text: 'a' },
        { name: 'd/b.yaml', text: 'b' },
        { name: 'd/c.json', text: 'c' },
      ],
      issues: [],
    });
  });

  it('descends with recursive, depth first in name order', async () => {
    const result = await readManifests(memoryIo(files), ['d'], true);
    expect(result.sources.map((s) => s.name)).toEqual([
      'd/a.yml',
      'd/b.yaml',
      'd/c.json',
      'd/sub/deeper/y.yaml',
      'd/sub/z.yaml',
    ]);
  });

  it('reads a file named on the command line whatever its extension, once', async () => {
    const result = await readManifests(
      memoryIo(files),
      ['other.txt', './other.txt', 'd/a.yml', 'd'],
      false,
    );
    expect(result.sources.map((s) => s.name)).toEqual([
      'other.txt',
      'd/a.yml',
      'd/b.yaml',
      'd/c.json',
    ]);
  });

  it('reads stdin once for -', async () => {
    const result = await readManifests(memoryIo({}, { stdin: 'kind: Pod' }), ['-', '-'], false);
    expect(result).toEqual({ sources: [{ name: '<stdin>', text: 'kind: Pod' }], issues: [] });
  });

  it('reports every failure and reads everything else', async () => {
    const result = await readManifests(memoryIo(files), ['nope', '-', 'e', 'd/a.yml'], false);
    expect(result).toEqual({
      sources: [{ name: 'd/a.yml', text: 'a' }],
      issues: [
        unreadable('nope', 'cannot read: no such file or directory'),
        unreadable('<stdin>', 'cannot read: stdin is closed'),
        unreadable(
          'e',
          'no .yaml, .yml or .json files in this directory (subdirectories are read only with -R)',
          'warning',
        ),
      ],
    });
  });
});
