package ma.amo.ingestion;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * What one pass over a delivery's text tells before any row is checked: rows per scan partition (from which
 * each row's number in the file follows) and the control-total sums, enough to reject the delivery. Control
 * totals are summed over every row, as the managing body summed its file, rows the checks will quarantine
 * included; an amount that does not parse adds nothing.
 *
 * <p>The pass reads only the control-total columns (a CSV without control totals is just counted), so it
 * costs a fraction of the checks: on a 670 K-row claims month 0.9 s against 2.9 s for the same figures
 * taken from the checked rows, on the 2.4 M-row beneficiaries snapshot 0.4 s against 6.8 s.
 */
public record DeliveryStats(long rows, Map<String, BigDecimal> totals, Map<Long, Long> partitionOffsets) {
    static final int PARTITION_SHIFT = 33;

    /**
     * @param readEveryColumn also decode every column, so that a file Spark cannot read fails here, before
     *                        anything is written (Parquet: a corrupt page is only found by decoding it)
     */
    public static DeliveryStats of(Dataset<Row> text, Feed feed, boolean readEveryColumn) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)).as("rows"));
        for (String column : feed.controlTotals()) {
            aggregates.add(sum(RowChecks.parse(feed.column(column))).as(column));
        }
        if (readEveryColumn) {
            aggregates.add(max(length(concat_ws("|", feed.columnNames().stream().map(functions::col)
                    .toArray(Column[]::new)))).as("widest_row"));
        }
        List<Row> perPartition = text
                .groupBy(shiftright(col(DeliveryReader.ROW_ID), PARTITION_SHIFT).as("partition"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .collectAsList();

        TreeMap<Long, Long> counts = new TreeMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        feed.controlTotals().forEach(c -> totals.put(c, BigDecimal.ZERO));
        for (Row r : perPartition) {
            counts.put(r.getLong(0), r.getLong(1));
            for (int i = 0; i < feed.controlTotals().size(); i++) {
                BigDecimal v = r.getDecimal(2 + i);
                if (v != null) {
                    totals.merge(feed.controlTotals().get(i), v, BigDecimal::add);
                }
            }
        }
        Map<Long, Long> offsets = new LinkedHashMap<>();
        long running = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            offsets.put(e.getKey(), running);
            running += e.getValue();
        }
        return new DeliveryStats(running, totals, offsets);
    }

    /** The row's 1-based number among the file's data rows (header excluded). */
    public Column rowNumber() {
        Column partition = shiftright(col(DeliveryReader.ROW_ID), PARTITION_SHIFT);
        Column offset = lit(0L);
        for (Map.Entry<Long, Long> e : partitionOffsets.entrySet()) {
            offset = when(partition.equalTo(e.getKey()), lit(e.getValue())).otherwise(offset);
        }
        Column positionInPartition = col(DeliveryReader.ROW_ID).bitwiseAND(lit((1L << PARTITION_SHIFT) - 1));
        return offset.plus(positionInPartition).plus(1);
    }
}
