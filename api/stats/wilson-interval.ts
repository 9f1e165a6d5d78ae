/** z for a two-sided 95% interval, as the product notes fix it. */
export const z95 = 1.959964;

/**
 * The Wilson score interval of `successes` out of `trials`: unlike the normal approximation it
 * stays inside [0, 1] and means something for small counts and shares near 0 or 1. Null for 0 trials.
 */
export function wilsonInterval(successes: number, trials: number, z = z95): { lower: number; upper: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
