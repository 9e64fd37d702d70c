/** Small helpers every benchmark prints with, so the figures read the same everywhere. */

/** Nearest-rank percentile of a sample (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function printTable(title: string, columns: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(cell < 10 ? 3 : 1) : cell)));
  const header = ['', ...columns];
  const widths = header.map((heading, index) => Math.max(heading.length, ...cells.map((row) => (row[index] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, index) => cell.padStart(widths[index] ?? 0)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  for (const row of cells) console.log(line(row));
}
