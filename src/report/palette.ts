/**
 * The variant colours, in the order variants are listed: Tableau's ten
 * categorical colours (matplotlib's `tab10`, d3's `category10`), which were
 * chosen to stay apart as lines and marks, then black and a dark magenta
 * (d3's `category20b` #7b4173), so up to twelve variants get twelve colours.
 * Beyond twelve the colours repeat.
 */
export const VARIANT_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#000000',
  '#7b4173',
] as const;

/** Returns the colour of each of `variants` (a colour per position, repeating after twelve). */
export function variantColors(variants: readonly string[]): string[] {
  return variants.map((_, i) => VARIANT_COLORS[i % VARIANT_COLORS.length]);
}
