package ma.amo.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.PeriodKind;
import ma.amo.common.reference.ReferenceData;

import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks a manifest against the contract; every problem becomes a named rejection. */
public final class ManifestParser {
    /**
     * Numbers with a fraction read as exact decimals, as written: a control total is compared to 0.005 and a double
     * would round a 16-digit one by more; the message then shows "1334.50", not "1334.5".
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> KEYS = Set.of("og_code", "feed", "period", "sequence", "format",
            "schema_version", "row_count", "sha256", "control_totals", "produced_at");
    private static final List<String> REQUIRED = List.of("og_code", "feed", "period", "sequence", "format",
            "schema_version", "row_count", "sha256", "control_totals");

    private final ReferenceData reference;

    public ManifestParser(ReferenceData reference) {
        this.reference = reference;
    }

    public Manifest parse(byte[] bytes) throws DeliveryRejected {
        ObjectNode root = readObject(bytes);
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (!root.has(key) || root.get(key).isNull()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("missing required key(s) " + String.join(", ", missing));
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalid("unknown key(s) " + String.join(", ", unknown));
        }

        String og = text(root, "og_code");
        String feedCode = text(root, "feed");
        String period = text(root, "period");
        int sequence = (int) integer(root, "sequence", 1, Integer.MAX_VALUE);
        String format = text(root, "format");
        int schemaVersion = (int) integer(root, "schema_version", 0, Integer.MAX_VALUE);
        long rowCount = integer(root, "row_count", 0, Long.MAX_VALUE);
        String sha = text(root, "sha256");
        String producedAt = root.has("produced_at") && !root.get("produced_at").isNull()
                ? text(root, "produced_at") : null;

        if (!HEX64.matcher(sha).matches()) {
            throw invalid("sha256 must be 64 hexadecimal digits, got '" + abbreviate(sha) + "'");
        }
        if (!reference.managingBodies().contains(og)) {
            throw new DeliveryRejected(DeliveryCheck.UNKNOWN_OG, "og_code '" + abbreviate(og)
                    + "' is not in reference/managing_bodies.csv " + new java.util.TreeSet<>(reference.managingBodies()));
        }
        Feed feed = Feed.fromCode(feedCode).orElseThrow(() -> new DeliveryRejected(DeliveryCheck.UNKNOWN_FEED,
                "feed '" + abbreviate(feedCode) + "' is not one of beneficiaries, contributions, claims, ald, financials"));
        checkPeriod(feed, period);
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw new DeliveryRejected(DeliveryCheck.UNSUPPORTED_FORMAT, "format '" + abbreviate(format)
                    + "' is not csv or parquet");
        }
        if (schemaVersion != 1) {
            throw new DeliveryRejected(DeliveryCheck.UNSUPPORTED_FORMAT, "schema_version " + schemaVersion
                    + " is not supported (this platform reads version 1)");
        }
        Map<String, BigDecimal> totals = controlTotals(root.get("control_totals"), feed);
        return new Manifest(og, feed, period, sequence, format, schemaVersion, rowCount, sha.toLowerCase(), totals,
                producedAt);
    }

    private static ObjectNode readObject(byte[] bytes) throws DeliveryRejected {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw invalid("not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void checkPeriod(Feed feed, String period) throws DeliveryRejected {
        boolean year = YEAR.matcher(period).matches();
        boolean month = MONTH.matcher(period).matches();
        if (month) {
            try {
                YearMonth.parse(period);
            } catch (RuntimeException e) {
                month = false;
            }
        }
        if (!year && !month) {
            throw new DeliveryRejected(DeliveryCheck.BAD_PERIOD, "period '" + abbreviate(period)
                    + "' is neither YYYY nor YYYY-MM");
        }
        if (month && feed.periodKind() == PeriodKind.YEAR) {
            throw new DeliveryRejected(DeliveryCheck.BAD_PERIOD, "the " + feed.code()
                    + " feed is delivered per year (YYYY), got period " + period);
        }
    }

    private static Map<String, BigDecimal> controlTotals(JsonNode node, Feed feed) throws DeliveryRejected {
        if (!node.isObject()) {
            throw invalid("control_totals must be a JSON object");
        }
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (String column : feed.controlTotals()) {
            JsonNode value = node.get(column);
            if (value == null || value.isNull()) {
                throw invalid("control_totals lacks '" + column + "' (required for the " + feed.code() + " feed)");
            }
            if (!value.isNumber()) {
                throw invalid("control_totals." + column + " must be a number, got " + value.getNodeType());
            }
            totals.put(column, value.decimalValue());
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!feed.controlTotals().contains(name)) {
                throw invalid("control_totals has '" + abbreviate(name) + "', which the " + feed.code()
                        + " feed does not define (expected " + feed.controlTotals() + ")");
            }
        }
        return totals;
    }

    private static String text(ObjectNode root, String key) throws DeliveryRejected {
        JsonNode v = root.get(key);
        if (!v.isTextual()) {
            throw invalid("'" + key + "' must be a string, got " + v.getNodeType());
        }
        return v.textValue();
    }

    private static long integer(ObjectNode root, String key, long min, long max) throws DeliveryRejected {
        JsonNode v = root.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid("'" + key + "' must be a whole number, got " + v.getNodeType() + " " + abbreviate(v.toString()));
        }
        long value = v.longValue();
        if (value < min || value > max) {
            throw invalid("'" + key + "' must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static DeliveryRejected invalid(String detail) {
        return new DeliveryRejected(DeliveryCheck.MANIFEST_INVALID, detail);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
