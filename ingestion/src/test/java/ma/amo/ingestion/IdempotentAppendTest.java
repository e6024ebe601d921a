package ma.amo.ingestion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery's append lands once, whether the run that made it died before it, after it, or not at all. */
class IdempotentAppendTest {
    private static final String TABLE = "bronze.t";

    @TempDir
    Path dir;

    @Test
    void anAppendLandsOnceWhateverRunDiedAroundIt() {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        fx.spark.range(0).write().format("delta").save(fx.warehouse.tableUri(TABLE));
        IdempotentAppend appends = new IdempotentAppend(fx.spark, fx.warehouse);

        assertThat(appends.append(fx.spark.range(3).toDF(), TABLE, "d1")).isEqualTo(OptionalLong.of(3));
        // another delivery lands beside it, then d1's run dies before its ledger row: the rerun appends nothing and
        // reads d1's rows from its commit
        assertThat(appends.append(fx.spark.range(4).toDF(), TABLE, "d2")).isEqualTo(OptionalLong.of(4));
        assertThat(appends.append(fx.spark.range(3).toDF(), TABLE, "d1")).isEqualTo(OptionalLong.of(3));
        assertThat(fx.count(TABLE)).isEqualTo(3 + 4);

        // d3's run died after recording its intent, before its append: the rerun appends, once
        appends.intend(TABLE, "d3");
        fx.spark.range(6).write().format("delta").mode("append").save(fx.warehouse.tableUri(TABLE)); // someone else's
        assertThat(appends.append(fx.spark.range(5).toDF(), TABLE, "d3")).isEqualTo(OptionalLong.of(5));
        assertThat(appends.append(fx.spark.range(5).toDF(), TABLE, "d3")).isEqualTo(OptionalLong.of(5));
        assertThat(fx.count(TABLE)).isEqualTo(3 + 4 + 6 + 5);

        // a delivery whose rows all went to quarantine appends none: Delta records no commit, so no commit tells
        // the rows and the caller counts them in the table (DeliveryLoader; BadInputCorpusTest's all-bad cases)
        long version = fx.spark.sql("DESCRIBE HISTORY delta.`" + fx.warehouse.tableUri(TABLE) + "`").count();
        assertThat(appends.append(fx.spark.range(0).toDF(), TABLE, "d4")).isEmpty();
        assertThat(fx.spark.sql("DESCRIBE HISTORY delta.`" + fx.warehouse.tableUri(TABLE) + "`").count()).isEqualTo(version);

        // once the ledger holds a delivery its intents go; those of deliveries not in the ledger stay
        Path intents = fx.warehouse.root().resolve("_ingest/appends");
        appends.forget(List.of("d1"));
        appends.forgetAllOf(Set.of("d2", "not-there"));
        assertThat(intents.resolve("d1")).doesNotExist();
        assertThat(intents.resolve("d2")).doesNotExist();
        assertThat(Files.exists(intents.resolve("d3").resolve(TABLE))).isTrue();
    }
}
