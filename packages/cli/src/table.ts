/**
 * kubectl-style aligned columns: UPPERCASE headers, columns separated by three spaces, no
 * trailing spaces.
 */
export function formatTable(
  headers: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
): string {
  const all = headers ? [headers, ...rows] : rows;
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** A CSV field, quoted when it holds a comma, quote or newline. */
export function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A Markdown table cell: pipes escaped. */
export function mdCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** A Graphviz DOT identifier, always quoted. */
export function dotId(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
