/** Nominal typing for primitives: a `Brand<number, 'Price'>` cannot be passed where a plain number or another brand is expected. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
