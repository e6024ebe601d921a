package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static ma.amo.ingestion.TestDeliveries.CLAIM;
import static ma.amo.ingestion.TestDeliveries.with;
import static org.assertj.core.api.Assertions.assertThat;

/** Running twice, redelivering the same bytes, replacing by a higher sequence, and finishing a crashed run. */
class RedeliveryTest {
    @TempDir
    Path dir;

    private static List<Map<String, String>> claims(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> with(CLAIM, "claim_id", id)).toList();
    }

    private static List<String> sortedRows(IngestionFixture fx, String table) {
        return fx.table(table).drop(BronzeTables.INGESTED_AT, "ingested_at").collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    private static long version(IngestionFixture fx, String table) {
        return fx.spark.sql("DESCRIBE HISTORY delta.`" + fx.warehouse.tablePath(table) + "`")
                .selectExpr("max(version)").first().getLong(0);
    }

    @Test
    void ingestingTheSameFolderTwiceChangesNothing() {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        Path l = dir.resolve("landing");
        TestDeliveries.write(l, "a/claims_03.csv", Feed.CLAIMS, "CNSS", "2024-03", 1,
                List.of(with(CLAIM, "claim_id", "A1"), with(CLAIM, "claim_id", "A2", "care_category", "XYZ")));
        TestDeliveries.write(l, "a/claims_04.csv", Feed.CLAIMS, "CNSS", "2024-04", 1, claims("B1"), m -> m.put("row_count", 9));
        IngestReport first = fx.ingest(l);
        List<String> claims = sortedRows(fx, "bronze.claims");
        List<String> quarantine = sortedRows(fx, BronzeTables.QUARANTINE);
        List<String> ledger = sortedRows(fx, BronzeTables.DELIVERIES);
        long[] versions = {version(fx, "bronze.claims"), version(fx, BronzeTables.QUARANTINE), version(fx, BronzeTables.DELIVERIES)};

        IngestReport second = fx.ingest(l);

        assertThat(first.count(DeliveryStatus.LOADED)).isEqualTo(1);
        assertThat(first.count(DeliveryStatus.REJECTED)).isEqualTo(1);
        assertThat(second.alreadyIngested()).isEqualTo(2);
        assertThat(second.rowsLoaded()).isZero();
        assertThat(second.anyRejected()).as("a rejected file still in the landing folder is still reported").isTrue();
        assertThat(sortedRows(fx, "bronze.claims")).isEqualTo(claims).hasSize(1);
        assertThat(sortedRows(fx, BronzeTables.QUARANTINE)).isEqualTo(quarantine).hasSize(1);
        assertThat(sortedRows(fx, BronzeTables.DELIVERIES)).isEqualTo(ledger).hasSize(2);
        assertThat(new long[]{version(fx, "bronze.claims"), version(fx, BronzeTables.QUARANTINE),
                version(fx, BronzeTables.DELIVERIES)}).as("no new Delta commit").isEqualTo(versions);
    }

    @Test
    void sameBytesFromAnotherPathAreADuplicateAndLoadNothing() throws IOException {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        Path l = dir.resolve("landing");
        Path original = TestDeliveries.write(l, "week1/claims.csv", Feed.CLAIMS, "CNSS", "2024-03", 1, claims("A1", "A2"));
        fx.ingest(l);
        Files.createDirectories(l.resolve("week2"));
        Files.copy(original, l.resolve("week2/claims.csv"));
        Files.copy(original.resolveSibling("claims.csv.manifest.json"), l.resolve("week2/claims.csv.manifest.json"));
        Map<String, DeliveryOutcome> outcomes = IngestionFixture.byFile(fx.ingest(l));

        DeliveryOutcome dup = outcomes.get("week2/claims.csv");
        assertThat(dup.status()).isEqualTo(DeliveryStatus.DUPLICATE);
        assertThat(dup.reason()).contains(outcomes.get("week1/claims.csv").deliveryId()).contains("week1/claims.csv");
        assertThat(fx.bronze(Feed.CLAIMS).count()).isEqualTo(2);
        Row recorded = fx.table(BronzeTables.DELIVERIES).filter("source_file = 'week2/claims.csv'").first();
        assertThat(recorded.<String>getAs("duplicate_of")).isEqualTo(outcomes.get("week1/claims.csv").deliveryId());
    }

    @Test
    void aHigherSequenceReplacesTheLowerWhateverTheArrivalOrder() {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        Path l1 = dir.resolve("landing1");
        Path l2 = dir.resolve("landing2");
        TestDeliveries.write(l1, "claims_03_s2.csv", Feed.CLAIMS, "CNSS", "2024-03", 2, claims("A1", "A2", "A3"));
        IngestReport first = fx.ingest(l1);
        // sequence 1 arrives late, after the sequence 2 that replaces it
        TestDeliveries.write(l2, "claims_03_s1.csv", Feed.CLAIMS, "CNSS", "2024-03", 1, claims("A1", "A2"));
        TestDeliveries.write(l2, "claims_03_s3.csv", Feed.CLAIMS, "CNSS", "2024-03", 3, claims("A1"));
        Map<String, DeliveryOutcome> second = IngestionFixture.byFile(fx.ingest(l2));

        String s2 = first.outcomes().get(0).deliveryId();
        String s3 = second.get("claims_03_s3.csv").deliveryId();
        Map<String, String> replacedBy = new java.util.HashMap<>();
        fx.table(BronzeTables.DELIVERIES).collectAsList()
                .forEach(r -> replacedBy.put(r.getAs("source_file"), r.getAs("replaced_by")));
        assertThat(replacedBy).containsEntry("claims_03_s1.csv", s3).containsEntry("claims_03_s2.csv", s3)
                .containsEntry("claims_03_s3.csv", null);
        assertThat(second.get("claims_03_s1.csv").status()).isEqualTo(DeliveryStatus.LOADED);
        // bronze keeps every delivery's rows: it is the audit trail
        assertThat(fx.bronze(Feed.CLAIMS).count()).isEqualTo(6);
        assertThat(fx.bronze(Feed.CLAIMS).filter("_delivery_id = '" + s3 + "'").count()).isEqualTo(1);
    }

    @Test
    void aRunThatDiedAfterWritingRowsIsFinishedWithoutDuplicates() {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        Path l = dir.resolve("landing");
        Path file = TestDeliveries.write(l, "claims.csv", Feed.CLAIMS, "CNSS", "2024-03", 1,
                List.of(with(CLAIM, "claim_id", "A1"), with(CLAIM, "claim_id", "A2", "status", "??")));
        // What a run that died after its bronze and quarantine commits, before its ledger row, left behind:
        IngestReport reference = new IngestionFixture(dir.resolve("clean")).ingest(l);
        String deliveryId = reference.outcomes().get(0).deliveryId();
        Manifest manifest;
        try {
            manifest = new ManifestParser(fx.reference).parse(Files.readAllBytes(l.resolve("claims.csv.manifest.json")));
            new DeliveryLoader(fx.spark, fx.warehouse, fx.reference, IngestionFixture.PSEUDONYMIZER)
                    .load(file, "claims.csv", manifest, deliveryId, Timestamp.from(Instant.now()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(fx.count(BronzeTables.DELIVERIES)).isZero();

        IngestReport rerun = fx.ingest(l);

        assertThat(rerun.outcomes().get(0).deliveryId()).isEqualTo(deliveryId);
        assertThat(rerun.outcomes().get(0).status()).isEqualTo(DeliveryStatus.LOADED);
        assertThat(fx.bronze(Feed.CLAIMS).count()).isEqualTo(1);
        assertThat(fx.count(BronzeTables.QUARANTINE)).isEqualTo(1);
        assertThat(fx.count(BronzeTables.DELIVERIES)).isEqualTo(1);
    }

    @Test
    void rowNumbersFollowTheFileAcrossSeveralScanPartitions() {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        Path l = dir.resolve("landing");
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            rows.add(with(CLAIM, "claim_id", String.format("R%04d", i), "amount_claimed", i + ".00",
                    "amount_base", i + ".00", "amount_reimbursed", i % 97 == 0 ? "-1.00" : "1.00"));
        }
        TestDeliveries.write(l, "claims.csv", Feed.CLAIMS, "CNSS", "2024-03", 1, rows);
        String previous = fx.spark.conf().get("spark.sql.files.maxPartitionBytes");
        fx.spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        fx.spark.conf().set("spark.sql.files.openCostInBytes", "0");
        try {
            fx.ingest(l);
        } finally {
            fx.spark.conf().set("spark.sql.files.maxPartitionBytes", previous);
            fx.spark.conf().unset("spark.sql.files.openCostInBytes");
        }
        List<Row> loaded = fx.bronze(Feed.CLAIMS).select("claim_id", BronzeTables.ROW_NUMBER).collectAsList();
        assertThat(loaded).hasSize(396);
        assertThat(loaded).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo(String.format("R%04d", r.getLong(1))));
        assertThat(fx.quarantineReasons("claims.csv").keySet()).containsExactlyInAnyOrder(97L, 194L, 291L, 388L);
    }
}
