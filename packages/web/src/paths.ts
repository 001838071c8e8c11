// Dated paths as the worker returns them (year -> value, where the value changes).

/** The value a dated path (year -> value where it changes) takes in `year`; before its first year, its first value. */
export function valueAt(path: Readonly<Record<number, number>>, year: number): number {
  // Integer keys iterate in ascending order: the last one not after `year` holds the value.
  let v = NaN;
  let first = NaN;
  for (const [y, x] of Object.entries(path)) {
    if (first !== first) first = x;
    if (Number(y) <= year) v = x;
  }
  return v === v ? v : first;
}
