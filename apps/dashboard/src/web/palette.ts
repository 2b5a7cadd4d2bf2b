/**
 * Colours for stacked series: distinct in hue and lightness so neighbours stay apart, readable
 * on white, and friendly to the common colour-vision deficiencies (after Tableau 10).
 */
export const SERIES_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#86bcb6',
  '#d37295',
  '#a0cbe8',
] as const;

/** The colour of the folded "other" series. */
export const OTHER_COLOUR = '#bab0ac';

/**
 * Picks the colour of the series at an index; the "other" series is always grey.
 *
 * @param index The series index.
 * @param isOther Whether it is the folded rest.
 *
 * @returns A CSS colour.
 */
export function seriesColour(index: number, isOther: boolean): string {
  if (isOther) return OTHER_COLOUR;
  return SERIES_COLOURS[index % SERIES_COLOURS.length] as string;
}
