package ma.amo.marts;

import java.util.List;

/**
 * What a build did.
 *
 * @param full         whether everything was rebuilt
 * @param written      tables written by this build, in order
 * @param stateVersion Delta version of silver._build_state after the build: the number {@code amo report
 *                     --as-of} takes to reproduce a report from exactly this build's tables
 */
public record BuildSummary(boolean full, List<TableWrite> written, long stateVersion) {
    /**
     * @param table   layer.table
     * @param version Delta version after the write
     * @param rows    rows written by that commit (inserted + updated for a MERGE)
     * @param scope   the (year → regimes) cells rewritten, or "all"
     */
    public record TableWrite(String table, long version, long rows, String scope) {
    }
}
