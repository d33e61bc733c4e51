// Small statistics for bench rounds: medians and spreads, never means (one noisy round must not move it).

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `{ median, min, max }` of a non-empty list. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Element-wise `numerators[i] / denominators[i]`: ratios of runs measured in the same round. */
export function pairedRatios(numerators, denominators) {
  return numerators.map((value, i) => value / denominators[i]);
}
