package ma.amo.marts;

/**
 * Options of {@code amo build}.
 *
 * @param year null for every year; else the gold cells of that year are recomputed whole (every regime), on
 *             top of what the incremental pass touched (e.g. after an age band change in the reference data)
 * @param full rebuild every silver and gold table from bronze (year is then irrelevant: everything is rebuilt)
 * @param parallel how many gold marts may be written at the same time ({@link MartSchedule})
 */
public record BuildOptions(Integer year, boolean full, int parallel) {
    public static final int DEFAULT_PARALLEL = 4;

    public BuildOptions {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be 1 or more, not " + parallel);
        }
    }

    public BuildOptions(Integer year, boolean full) {
        this(year, full, DEFAULT_PARALLEL);
    }

    public static BuildOptions incremental() {
        return new BuildOptions(null, false);
    }

    public static BuildOptions everything() {
        return new BuildOptions(null, true);
    }
}
