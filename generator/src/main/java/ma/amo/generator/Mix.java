package ma.amo.generator;

/**
 * SplitMix64 hashing and a tiny re-seedable random stream. Every generated value derives from a hash of
 * (seed, regime, household, member, month, ...), so any part of the population can be regenerated
 * independently, in any order, on any thread.
 */
final class Mix {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long a, long b) {
        return mix(a ^ mix(b + GOLDEN));
    }

    static long hash(long a, long b, long c) {
        return hash(hash(a, b), c);
    }

    /** Uniform in [0, 1) from a hash. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Re-seedable SplitMix64 stream (one per worker, re-seeded per entity: no allocation in loops). */
    static final class Rng {
        private long state;
        private double spare = Double.NaN;

        Rng seed(long s) {
            state = s;
            spare = Double.NaN;
            return this;
        }

        long nextLong() {
            return mix(state += GOLDEN);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        boolean chance(double p) {
            return nextDouble() < p;
        }

        /** Uniform integer in [0, n). */
        int nextInt(int n) {
            return (int) ((nextLong() >>> 33) * n >>> 31);
        }

        /** Uniform integer in [lo, hi]. */
        int between(int lo, int hi) {
            return lo + nextInt(hi - lo + 1);
        }

        double gaussian() {
            if (!Double.isNaN(spare)) {
                double s = spare;
                spare = Double.NaN;
                return s;
            }
            double u1 = 1.0 - nextDouble();
            double u2 = nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            double a = 2 * Math.PI * u2;
            spare = r * Math.sin(a);
            return r * Math.cos(a);
        }

        /** Poisson draw by inversion (small means). */
        int poisson(double mean) {
            double l = Math.exp(-mean);
            double u = nextDouble();
            int k = 0;
            double p = l;
            double cdf = l;
            while (u > cdf && k < 60) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }

        /** Index drawn from a cumulative weight table (last entry = total). */
        int pick(double[] cumulative) {
            double u = nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (u < cumulative[i]) {
                    return i;
                }
            }
            return cumulative.length - 1;
        }
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }
}
