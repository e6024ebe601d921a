package ma.amo.report.quality;

import ma.amo.report.RagTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code amo quality} found: the tables Q1…Q6 (each row with a severity is a finding), the files written
 * (empty when only computed), notes on what could not be checked, and the provenance of the figures.
 *
 * @param versions     Delta version of every table read
 * @param stateVersion version of silver._build_state read (null: no build)
 */
public record QualityResult(List<RagTable> tables, List<Path> files, List<String> notes, Map<String, Long> versions,
                            Long stateVersion) {

    public static long count(RagTable table, Severity severity) {
        return QualityTables.count(table, severity);
    }

    public long count(Severity severity) {
        return tables.stream().mapToLong(t -> count(t, severity)).sum();
    }

    /** True when publication should stop: some finding is blocking. */
    public boolean blocking() {
        return count(Severity.BLOCKING) > 0;
    }

    public RagTable table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no quality table " + id));
    }

    QualityResult withFiles(List<Path> written) {
        return new QualityResult(tables, List.copyOf(written), notes, versions, stateVersion);
    }
}
