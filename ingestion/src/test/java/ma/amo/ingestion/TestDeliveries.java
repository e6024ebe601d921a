package ma.amo.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.contract.Feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hand-made deliveries for tests: rows given as column → value maps over a valid default row, written in the
 * contract's CSV format with a manifest whose sha256, row_count and control totals are computed here
 * independently of the platform (tests then tamper with either to break one rule).
 */
final class TestDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, String> CLAIM = row(
            "og_code", "CNSS", "regime_code", "AMO_SAL_PRIVE", "claim_id", "C1", "line_no", "1",
            "beneficiary_id", "B1", "care_date", "2024-03-05", "settlement_date", "2024-03-20",
            "care_category", "MEDICAMENTS", "act_code", "GMR123", "provider_inpe", "INPE9",
            "provider_sector", "PRIVE", "payment_mode", "REMBOURSEMENT", "amount_claimed", "100.00",
            "amount_base", "90.00", "amount_reimbursed", "63.00", "ald_code", "", "status", "PAYE");

    static final Map<String, String> SPELL = row(
            "og_code", "CNSS", "regime_code", "AMO_SAL_PRIVE", "beneficiary_id", "B1", "insured_id", "B1",
            "relationship", "ASSURE", "insured_status", "ACTIF", "national_id", "AB123456", "sex", "F",
            "birth_date", "1980-06-15", "region_code", "06", "coverage_start", "2015-01-01", "coverage_end", "");

    static final Map<String, String> CONTRIBUTION = row(
            "og_code", "CNSS", "regime_code", "AMO_SAL_PRIVE", "period_month", "2024-03",
            "contributor_type", "EMPLOYEUR", "contributor_id", "E1", "insured_count", "10",
            "amount_due", "1000.00", "amount_collected", "950.00");

    static final Map<String, String> ALD_EXEMPTION = row(
            "og_code", "CNSS", "regime_code", "AMO_SAL_PRIVE", "beneficiary_id", "B1", "ald_code", "ALD05",
            "decision_date", "2023-01-10", "start_date", "2023-02-01", "end_date", "");

    static final Map<String, String> FINANCIAL_ITEM = row(
            "og_code", "CNSS", "regime_code", "AMO_SAL_PRIVE", "year", "2024", "item", "FRAIS_GESTION",
            "amount", "5000.00");

    private TestDeliveries() {
    }

    static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A default row with some values replaced. */
    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(row(kv));
        return m;
    }

    static String line(Feed feed, Map<String, String> row) {
        List<String> cells = new ArrayList<>();
        for (String c : feed.columnNames()) {
            cells.add(row.getOrDefault(c, ""));
        }
        return String.join(";", cells);
    }

    /** Writes data file + manifest; {@code tamper} may alter the manifest before it is written. */
    static Path write(Path landing, String name, Feed feed, String og, String period, int sequence,
                      List<Map<String, String>> rows, Consumer<ObjectNode> tamper) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(";", feed.columnNames()));
        rows.forEach(r -> lines.add(line(feed, r)));
        return writeRaw(landing, name, feed, og, period, sequence, String.join("\n", lines) + "\n", tamper);
    }

    static Path write(Path landing, String name, Feed feed, String og, String period, int sequence,
                      List<Map<String, String>> rows) {
        return write(landing, name, feed, og, period, sequence, rows, m -> {
        });
    }

    /** Writes the given file content verbatim, with a manifest computed from it as a text CSV. */
    static Path writeRaw(Path landing, String name, Feed feed, String og, String period, int sequence,
                         String content, Consumer<ObjectNode> tamper) {
        return writeBytes(landing, name, feed, og, period, sequence, content.getBytes(StandardCharsets.UTF_8), tamper);
    }

    static Path writeBytes(Path landing, String name, Feed feed, String og, String period, int sequence,
                           byte[] bytes, Consumer<ObjectNode> tamper) {
        try {
            Path file = landing.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
            List<String> lines = text.lines().toList();
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("og_code", og);
            manifest.put("feed", feed.code());
            manifest.put("period", period);
            manifest.put("sequence", sequence);
            manifest.put("format", "csv");
            manifest.put("schema_version", 1);
            manifest.put("row_count", Math.max(0, lines.size() - 1));
            manifest.put("sha256", FileFingerprint.sha256(bytes));
            ObjectNode totals = manifest.putObject("control_totals");
            List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(";", -1));
            {
                for (String column : feed.controlTotals()) {
                    int index = header.indexOf(column);
                    BigDecimal sum = BigDecimal.ZERO;
                    for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
                        String[] cells = l.split(";", -1);
                        if (index >= 0 && index < cells.length && cells[index].matches("-?\\d+(\\.\\d{1,2})?")) {
                            sum = sum.add(new BigDecimal(cells[index]));
                        }
                    }
                    totals.put(column, sum);
                }
            }
            manifest.put("produced_at", "2024-04-01T00:00:00Z");
            tamper.accept(manifest);
            Files.writeString(file.resolveSibling(file.getFileName() + ".manifest.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
