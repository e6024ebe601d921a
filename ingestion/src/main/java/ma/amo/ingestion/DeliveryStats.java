package ma.amo.ingestion;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * What one pass over a checked delivery tells: rows per scan partition (from which each row's number in the
 * file follows), rows quarantined, and the control-total sums. Control totals are summed over every row, as
 * the managing body summed its file, quarantined rows included; an amount that does not parse adds nothing.
 */
public record DeliveryStats(long rows, long quarantined, Map<String, BigDecimal> totals,
                            Map<Long, Long> partitionOffsets) {
    static final int PARTITION_SHIFT = 33;

    public static DeliveryStats of(Dataset<Row> checked, Feed feed) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)).as("rows"));
        aggregates.add(sum(when(RowChecks.clean(), 0).otherwise(1)).as("quarantined"));
        for (String column : feed.controlTotals()) {
            aggregates.add(sum(col(RowChecks.typed(column))).as(column));
        }
        List<Row> perPartition = checked
                .groupBy(shiftright(col(DeliveryReader.ROW_ID), PARTITION_SHIFT).as("partition"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .collectAsList();

        TreeMap<Long, Long> counts = new TreeMap<>();
        long quarantined = 0;
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        feed.controlTotals().forEach(c -> totals.put(c, BigDecimal.ZERO));
        for (Row r : perPartition) {
            counts.put(r.getLong(0), r.getLong(1));
            quarantined += r.getLong(2);
            for (int i = 0; i < feed.controlTotals().size(); i++) {
                BigDecimal v = r.getDecimal(3 + i);
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
        return new DeliveryStats(running, quarantined, totals, offsets);
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
