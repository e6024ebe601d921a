package ma.amo.generator;

import java.nio.file.Path;

/**
 * What {@link SampleGenerator#generate} produces.
 *
 * @param out       landing folder written to (created when absent; files of the same name are overwritten)
 * @param scale     1.0 = national scale (about 29 million beneficiaries, 100 million claim lines a year)
 * @param firstYear first delivery year (inclusive)
 * @param lastYear  last delivery year (inclusive)
 * @param seed      same seed, same options: same bytes
 * @param anomalies also plant bad rows and bad deliveries, listed in {@code out/.anomalies.json} (hidden: ingestion skips it)
 * @param threads   worker threads; 0 or less = available processors. The output does not depend on it.
 */
public record GeneratorOptions(Path out, double scale, int firstYear, int lastYear, long seed, boolean anomalies,
                               int threads) {

    public GeneratorOptions {
        if (out == null) {
            throw new IllegalArgumentException("out is required");
        }
        if (!(scale > 0) || scale > 20) {
            throw new IllegalArgumentException("scale must be in (0, 20], got " + scale);
        }
        if (firstYear > lastYear) {
            throw new IllegalArgumentException("firstYear " + firstYear + " is after lastYear " + lastYear);
        }
        if (firstYear < 2016 || lastYear > 2030) {
            throw new IllegalArgumentException("years must lie within 2016-2030, got " + firstYear + "-" + lastYear);
        }
    }

    /** Defaults of the CLI: 2023-2024, seed 42, no anomalies, all processors. */
    public static GeneratorOptions of(Path out, double scale) {
        return new GeneratorOptions(out, scale, 2023, 2024, 42L, false, 0);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
