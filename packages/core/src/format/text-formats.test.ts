import { describe, expect, it } from 'vitest';
import { csvField, writeCsv } from './csv.js';
import { dotId, writeDot } from './dot.js';
import { mdCell, writeMarkdownTable } from './md.js';
import { collectingSink } from './sink.js';

describe('csv', () => {
  it('quotes fields holding a comma, quote or newline', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('writes a header line and one line per row', async () => {
    const sink = collectingSink();
    await writeCsv(['from', 'to'], [['a', 'b,c']], sink);
    expect(sink.text()).toBe('from,to\na,"b,c"\n');
  });
});

describe('md', () => {
  it('escapes pipes and writes the alignment row', async () => {
    expect(mdCell('a|b')).toBe('a\\|b');
    const sink = collectingSink();
    await writeMarkdownTable(
      { headers: ['TCP/80', 'a|b'], align: ['left', 'center'], rows: [['a|b', '#']] },
      sink,
    );
    expect(sink.text()).toBe('| TCP/80 | a\\|b |\n|---|:-:|\n| a\\|b | # |\n');
  });
});

describe('dot', () => {
  it('quotes identifiers and writes nodes, then edges', async () => {
    expect(dotId('a"b\\c')).toBe('"a\\"b\\\\c"');
    const sink = collectingSink();
    await writeDot(
      { label: 'TCP/80', nodes: ['a', 'b'], edges: [{ from: 'a', to: 'b', label: 'all' }] },
      sink,
    );
    expect(sink.text()).toBe(
      'digraph reach {\n  label="TCP/80";\n  "a";\n  "b";\n  "a" -> "b" [label="all"];\n}\n',
    );
  });

  it('writes node and edge attributes in order, the label last', async () => {
    const sink = collectingSink();
    await writeDot(
      {
        name: 'd',
        nodes: [{ id: 'a', attributes: { peripheries: '2' } }],
        edges: [{ from: 'a', to: 'b', attributes: { color: 'red' }, label: 'x' }],
      },
      sink,
    );
    expect(sink.text()).toBe(
      'digraph d {\n  "a" [peripheries=2];\n  "a" -> "b" [color=red, label="x"];\n}\n',
    );
  });
});
