/**
 * Returns the mathjs module, loaded on first use: it takes most of a second
 * to load, and most commands (`--help`, `params`, a worker's start) never
 * need it.
 */
export function mathjs(): typeof import('mathjs') {
  return require('mathjs') as typeof import('mathjs');
}
