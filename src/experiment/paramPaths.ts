/**
 * Type-level dotted parameter paths, so that sweep designs in an experiment
 * file autocomplete over the model's parameters (`'emission.ratePerYear'`)
 * and type-check the values given for each.
 */

type Leaf = number | string | boolean | null;
type Depth = [never, 0, 1, 2, 3, 4, 5];

/** Every dotted path to a leaf (number, string, boolean, null or array) of parameter type `T`, at most 6 levels deep. */
export type ParamPath<T, D extends number = 6> = [D] extends [never]
  ? never
  : T extends Leaf | readonly unknown[]
    ? never
    : T extends object
      ? {
          [K in keyof T & string]: NonNullable<T[K]> extends Leaf | readonly unknown[]
            ? K
            : K | `${K}.${ParamPath<NonNullable<T[K]>, Depth[D]>}`;
        }[keyof T & string]
      : never;

/** The type of the value at dotted path `S` of `T`. */
export type PathValue<T, S extends string> = S extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? PathValue<NonNullable<T[H]>, R>
    : never
  : S extends keyof T
    ? T[S]
    : never;

/** The dotted paths of `T` whose value is a number (what random and Latin-hypercube designs sample). */
export type NumericPath<T> = {
  [S in ParamPath<T>]: PathValue<T, S> extends number | null ? (number extends PathValue<T, S> ? S : never) : never;
}[ParamPath<T>];
