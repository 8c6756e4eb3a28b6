import { describe, expect, it } from 'vitest';
import { collectingSink } from './sink.js';
import { formatTable, writeTable } from './table.js';

describe('formatTable', () => {
  it('aligns columns three spaces apart with no trailing spaces', () => {
    expect(
      formatTable(
        ['NAME', 'X'],
        [
          ['a', ''],
          ['long-name', 'yes'],
        ],
      ),
    ).toBe('NAME        X\na\nlong-name   yes\n');
  });

  it('prints rows only without headers', () => {
    expect(formatTable(undefined, [['a', 'b']])).toBe('a   b\n');
  });
});

describe('writeTable', () => {
  const rows = [
    ['1 a', '#', 'X'],
    ['2 bb', '.', '#'],
  ];

  it('writes what formatTable returns', async () => {
    const sink = collectingSink();
    await writeTable({ headers: ['TCP/80', '1', '2'], rows }, sink);
    expect(sink.text()).toBe(formatTable(['TCP/80', '1', '2'], rows));
  });

  it('iterates the rows once when the widths are given', async () => {
    let passes = 0;
    const once = {
      *[Symbol.iterator]() {
        passes++;
        yield* rows;
      },
    };
    const sink = collectingSink();
    await writeTable({ headers: ['TCP/80', '1', '2'], rows: once, widths: [6, 1, 1] }, sink);
    expect(passes).toBe(1);
    expect(sink.text()).toBe(formatTable(['TCP/80', '1', '2'], rows));
  });

  it('decorates cells without counting the decoration as width', async () => {
    const sink = collectingSink();
    const decorate = (cell: string, column: number): string => (column > 0 ? `<${cell}>` : cell);
    await writeTable({ headers: ['A', 'B', 'C'], rows, decorate }, sink);
    expect(sink.text()).toBe('A      B   C\n1 a    <#>   <X>\n2 bb   <.>   <#>\n');
  });
});
