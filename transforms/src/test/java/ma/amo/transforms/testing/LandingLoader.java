package ma.amo.transforms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.BronzeTables;
import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.contract.Column;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.IdentifierKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test stand-in for the lead's ingestion until it is merged: reads contract-format deliveries (CSV + manifest)
 * from a landing folder and writes bronze tables with exactly {@link BronzeTables#feedSchema} and a
 * bronze.deliveries ledger. It applies only the checks the fixtures exercise (sha256 and row count → REJECTED;
 * negative amount and reimbursed &gt; claimed → quarantined) and pseudonymises identifiers with a test key.
 * Switching to the real ingestion is this one class: {@code new Ingestion(spark, warehouse, reference,
 * pseudonymizer).ingest(landing, listener)}.
 */
public final class LandingLoader {
    public static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer("test-key".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private LandingLoader() {
    }

    /** Loads every delivery of {@code landing} not yet in the ledger (by delivery id); one commit per table. */
    public static void load(SparkSession spark, Warehouse warehouse, Path landing) {
        String ledgerUri = warehouse.tableUri(BronzeTables.DELIVERIES);
        List<Map<String, Object>> ledger = new ArrayList<>();
        if (warehouse.exists(BronzeTables.DELIVERIES)) {
            for (Row r : spark.read().format("delta").load(ledgerUri).collectAsList()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String f : r.schema().fieldNames()) {
                    m.put(f, r.getAs(f));
                }
                ledger.add(m);
            }
        }
        List<Object> known = ledger.stream().map(r -> r.get("delivery_id")).toList();
        Map<Feed, List<Row>> rows = new EnumMap<>(Feed.class);
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(landing)) {
            manifests = s.filter(p -> p.toString().endsWith(".manifest.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long clock = ledger.size();
        for (Path manifestPath : manifests) {
            JsonNode m = read(manifestPath);
            String og = m.get("og_code").asText();
            Feed feed = Feed.fromCode(m.get("feed").asText()).orElseThrow();
            String period = m.get("period").asText();
            int sequence = m.get("sequence").asInt();
            String id = og + "-" + feed.code() + "-" + period + "-" + sequence;
            if (known.contains(id)) {
                continue;
            }
            Path data = manifestPath.resolveSibling(manifestPath.getFileName().toString().replace(".manifest.json", ""));
            byte[] bytes = bytes(data);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            Timestamp at = Timestamp.valueOf("2025-01-01 00:00:00");
            at.setTime(at.getTime() + 1000 * clock++);
            String reason = null;
            if (!HexFormat.of().formatHex(sha256(bytes)).equals(m.get("sha256").asText())) {
                reason = "SHA256_MISMATCH: " + data.getFileName();
            } else if (lines.size() - 1 != m.get("row_count").asInt()) {
                reason = "ROW_COUNT_MISMATCH: " + data.getFileName();
            }
            long loaded = 0;
            long quarantined = 0;
            if (reason == null) {
                List<String> header = List.of(lines.get(0).split(";", -1));
                for (int i = 1; i < lines.size(); i++) {
                    Object[] values = parse(feed, og, header, lines.get(i).split(";", -1));
                    if (values == null) {
                        quarantined++;
                        continue;
                    }
                    Object[] row = new Object[values.length + 6];
                    System.arraycopy(values, 0, row, 0, values.length);
                    int k = values.length;
                    row[k] = id;
                    row[k + 1] = period;
                    row[k + 2] = sequence;
                    row[k + 3] = data.getFileName().toString();
                    row[k + 4] = (long) i;
                    row[k + 5] = at;
                    rows.computeIfAbsent(feed, f -> new ArrayList<>()).add(RowFactory.create(row));
                    loaded++;
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("delivery_id", id);
            entry.put("source_file", data.getFileName().toString());
            entry.put("og_code", og);
            entry.put("feed", feed.code());
            entry.put("period", period);
            entry.put("sequence", sequence);
            entry.put("format", "csv");
            entry.put("sha256", HexFormat.of().formatHex(sha256(bytes)));
            entry.put("manifest_sha256", m.get("sha256").asText());
            entry.put("file_bytes", (long) bytes.length);
            entry.put("manifest_row_count", m.get("row_count").asLong());
            entry.put("status", reason == null ? "LOADED" : "REJECTED");
            entry.put("reason", reason);
            entry.put("rows_loaded", loaded);
            entry.put("rows_quarantined", quarantined);
            entry.put("ingested_at", at);
            ledger.add(entry);
        }
        rows.forEach((feed, list) -> spark.createDataFrame(list, BronzeTables.feedSchema(feed)).coalesce(1).write()
                .format("delta").mode("append").save(warehouse.tableUri(BronzeTables.table(feed))));
        spark.createDataFrame(withReplacements(ledger), BronzeTables.deliveriesSchema()).coalesce(1).write()
                .format("delta").mode("overwrite").save(ledgerUri);
    }

    /**
     * replaced_by: every LOADED delivery of an (og, feed, period) points to the highest-sequence one. Rows are
     * built by field name so that columns the ledger gains later stay null here.
     */
    private static List<Row> withReplacements(List<Map<String, Object>> ledger) {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> r : ledger) {
            if ("LOADED".equals(r.get("status"))) {
                latest.merge(key(r), r, (a, b) -> (int) a.get("sequence") >= (int) b.get("sequence") ? a : b);
            }
        }
        String[] fields = BronzeTables.deliveriesSchema().fieldNames();
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> r : ledger) {
            Map<String, Object> winner = latest.get(key(r));
            r.put("replaced_by", "LOADED".equals(r.get("status")) && winner != r ? winner.get("delivery_id") : null);
            Object[] v = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                v[i] = r.get(fields[i]);
            }
            out.add(RowFactory.create(v));
        }
        out.sort(Comparator.comparing(r -> r.getString(0)));
        return out;
    }

    private static String key(Map<String, Object> r) {
        return r.get("og_code") + "|" + r.get("feed") + "|" + r.get("period");
    }

    /** Typed, pseudonymised values in the feed's column order, or null when the row is quarantined. */
    private static Object[] parse(Feed feed, String og, List<String> header, String[] cells) {
        Object[] out = new Object[feed.columns().size()];
        for (int c = 0; c < out.length; c++) {
            Column column = feed.columns().get(c);
            String raw = cells[header.indexOf(column.name())].trim();
            if (raw.isEmpty()) {
                out[c] = null;
                continue;
            }
            out[c] = switch (column.type()) {
                case DATE -> Date.valueOf(LocalDate.parse(raw));
                case INTEGER -> Integer.parseInt(raw);
                case DECIMAL -> new BigDecimal(raw);
                case STRING, MONTH -> column.identifier() == IdentifierKind.NONE ? raw : PSEUDONYMIZER.pseudonym(
                        column.identifier().domain(), column.identifier().scopedByManagingBody() ? og : "", raw);
            };
            if (out[c] instanceof BigDecimal d && d.signum() < 0) {
                return null;
            }
        }
        if (feed == Feed.CLAIMS && ((BigDecimal) out[14]).compareTo((BigDecimal) out[12]) > 0) {
            return null;
        }
        return out;
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
