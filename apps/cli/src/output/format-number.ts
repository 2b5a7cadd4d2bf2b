const groupedInteger = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const groupedRatio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const compactNumber = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/**
 * Formats a count for a table: grouped digits, or short form (`1.2M`) in compact tables.
 *
 * @param value The count.
 * @param compact Whether to use the short form.
 *
 * @returns The text.
 */
export function formatCount(value: number, compact = false): string {
  if (compact && Math.abs(value) >= 10_000) return compactNumber.format(value);
  return Number.isInteger(value) ? groupedInteger.format(value) : groupedRatio.format(value);
}

/**
 * Formats a byte count with binary units (`1.5 GiB`).
 *
 * @param bytes The size. @unit bytes
 *
 * @returns The text.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${index === 0 ? value : value.toFixed(1)} ${units[index]}`;
}

/**
 * Formats a percentage with one decimal and a sign.
 *
 * @param ratio The ratio (0.123 = 12.3 %).
 *
 * @returns The text, or `n/a` when the ratio is not finite.
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const percent = ratio * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}
