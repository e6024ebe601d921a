package ma.amo.transforms;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The claim lines an incremental build changed, for marts kept up to date by difference instead of being
 * recounted from every line of a year (consumption's distinct consumers and claims): the changed keys' rows as
 * the last finished build left them ({@code before}, read at its bookmark's version when a killed build has
 * MERGEd since) and as they are now ({@code after}; none for a deleted key). Every other line is the same in
 * both. Both are materialised, and hold {@link #COLUMNS}. {@link #UNCHANGED}: no claim line changed.
 */
public record ClaimChanges(Dataset<Row> before, Dataset<Row> after) {
    public static final List<String> COLUMNS = List.of("og_code", "claim_id", "line_no", "beneficiary_id",
            "regime_code", "status", "settlement_year");
    public static final ClaimChanges UNCHANGED = new ClaimChanges(null, null);

    public boolean any() {
        return before != null;
    }
}
