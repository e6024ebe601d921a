package ma.amo.bench;

import java.nio.file.Path;

/**
 * What {@code amo bench} measures.
 *
 * @param scale     generator scale (1.0 = national: about 29 million beneficiaries, 100 million claim lines a year)
 * @param firstYear first delivery year of the full load
 * @param lastYear  last delivery year: the report and the DuckDB figures are of this year, and the incremental
 *                  delivery is the January claims of the year after it
 * @param seed      generator seed
 * @param data      folder of the generated data (reused when it holds the same scale, years and seed) and of the
 *                  run's scratch space (data/run, emptied at every run)
 */
public record BenchOptions(double scale, int firstYear, int lastYear, long seed, Path data) {
    /** The generator goes up to 2030; the incremental delivery needs the year after the last one. */
    static final int LAST_GENERATED_YEAR = 2030;

    public BenchOptions {
        if (!(scale > 0) || scale > 20) {
            throw new IllegalArgumentException("--scale must be in (0, 20], got " + scale);
        }
        if (firstYear > lastYear) {
            throw new IllegalArgumentException("--years: " + firstYear + " is after " + lastYear);
        }
        if (firstYear < 2016 || lastYear >= LAST_GENERATED_YEAR) {
            throw new IllegalArgumentException("--years must lie within 2016-" + (LAST_GENERATED_YEAR - 1)
                    + " (the incremental month is January of the year after), got " + firstYear + "-" + lastYear);
        }
        if (data == null) {
            throw new IllegalArgumentException("a data folder is required");
        }
    }

    /** The year whose report and marts are timed and checked. */
    public int reportYear() {
        return lastYear;
    }

    /** The year of the extra monthly delivery timed as the incremental load. */
    public int nextYear() {
        return lastYear + 1;
    }
}
