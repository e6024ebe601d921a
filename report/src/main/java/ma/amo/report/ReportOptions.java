package ma.amo.report;

import java.nio.file.Path;
import java.util.Set;

/**
 * Options of {@code amo report}.
 *
 * @param year    reporting year Y
 * @param out     output folder (created when absent)
 * @param formats which of csv, xlsx, html to write (manifest.json is always written)
 * @param minCell small-cell threshold: counts 1..minCell-1 of T02, T03, T11 are suppressed; 0 turns it off
 * @param asOf    null for the last build; a version number of silver._build_state; or a timestamp
 *                (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss, UTC) — the build that was current then
 */
public record ReportOptions(int year, Path out, Set<Format> formats, int minCell, String asOf) {
    public static final int DEFAULT_MIN_CELL = 5;

    public enum Format {
        CSV, XLSX, HTML
    }

    public ReportOptions {
        formats = Set.copyOf(formats);
        if (minCell < 0) {
            throw new IllegalArgumentException("min-cell must be 0 or more");
        }
    }

    public static ReportOptions of(int year, Path out) {
        return new ReportOptions(year, out, Set.of(Format.values()), DEFAULT_MIN_CELL, null);
    }
}
