package ma.amo.generator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ma.amo.common.contract.Column;
import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.PeriodKind;
import ma.amo.common.contract.RowRule;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;

/**
 * An independent, plain-Java reading of shared/contract/README.md used to check the generator's output:
 * delivery checks (manifest, sha256, header, row count, control totals) and row rules.
 */
final class ContractChecker {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReferenceData ref;
    private final Set<String> managingBodies;
    private final Set<String> regimeCodes;
    private final Set<String> regions;
    private final Set<String> careCategories;
    private final Set<String> aldCodes;

    ContractChecker(ReferenceData ref) {
        this.ref = ref;
        this.managingBodies = ref.managingBodies();
        this.regimeCodes = ref.regimeCodes();
        this.regions = ref.regions();
        this.careCategories = ref.careCategories();
        this.aldCodes = ref.aldCodes();
    }

    /** A parsed delivery: its manifest and data rows (cells), header excluded. */
    record Parsed(JsonNode manifest, Feed feed, String og, String period, List<String> header, List<String[]> rows,
                  String sha256) {
    }

    // ------------------------------------------------------------------ deliveries

    /** Every delivery check the delivery fails (empty = accepted); {@code parsed} receives the parsed file. */
    Set<DeliveryCheck> checkDelivery(Path data, Path manifestPath, Map<String, String> loadedShaByKey,
                                     List<Parsed> parsed) throws IOException {
        Set<DeliveryCheck> failed = new LinkedHashSet<>();
        if (!Files.exists(manifestPath)) {
            failed.add(DeliveryCheck.MANIFEST_MISSING);
            return failed;
        }
        if (!Files.exists(data)) {
            failed.add(DeliveryCheck.DATA_FILE_MISSING);
            return failed;
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifestPath.toFile());
        } catch (IOException e) {
            failed.add(DeliveryCheck.MANIFEST_INVALID);
            return failed;
        }
        if (!validManifest(m)) {
            failed.add(DeliveryCheck.MANIFEST_INVALID);
            return failed;
        }
        String og = m.get("og_code").asText();
        Optional<Feed> feed = Feed.fromCode(m.get("feed").asText());
        String period = m.get("period").asText();
        if (!managingBodies.contains(og)) {
            failed.add(DeliveryCheck.UNKNOWN_OG);
        }
        if (feed.isEmpty()) {
            failed.add(DeliveryCheck.UNKNOWN_FEED);
        }
        if (!validPeriod(period) || (feed.isPresent() && feed.get().periodKind() == PeriodKind.YEAR && period.length() != 4)) {
            failed.add(DeliveryCheck.BAD_PERIOD);
        }
        if (!m.get("format").asText().equals("csv") || m.get("schema_version").asInt() != 1) {
            failed.add(DeliveryCheck.UNSUPPORTED_FORMAT);
        }
        byte[] bytes = Files.readAllBytes(data);
        String sha = sha256(bytes);
        if (!sha.equals(m.get("sha256").asText())) {
            failed.add(DeliveryCheck.SHA256_MISMATCH);
        }
        String key = og + "|" + m.get("feed").asText() + "|" + period + "|" + m.get("sequence").asInt();
        if (loadedShaByKey != null && loadedShaByKey.containsKey(key) && !loadedShaByKey.get(key).equals(sha)) {
            failed.add(DeliveryCheck.SEQUENCE_CONFLICT);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            failed.add(DeliveryCheck.UNREADABLE_FILE);
            return failed;
        }
        if (feed.isEmpty()) {
            return failed;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> header = List.of(lines.get(0).split(";", -1));
        Set<String> seen = new java.util.HashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                failed.add(DeliveryCheck.DUPLICATE_COLUMN);
            }
            if (!feed.get().columnNames().contains(h)) {
                failed.add(DeliveryCheck.UNKNOWN_COLUMN);
            }
        }
        if (!header.containsAll(feed.get().columnNames())) {
            failed.add(DeliveryCheck.MISSING_COLUMN);
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).split(";", -1));
        }
        if (rows.size() != m.get("row_count").asLong()) {
            failed.add(DeliveryCheck.ROW_COUNT_MISMATCH);
        }
        JsonNode ct = m.get("control_totals");
        List<String> expectedTotals = feed.get().controlTotals();
        if (!Set.copyOf(iterable(ct.fieldNames())).equals(Set.copyOf(expectedTotals))) {
            failed.add(DeliveryCheck.MANIFEST_INVALID);
        } else if (failed.isEmpty() || failed.equals(Set.of(DeliveryCheck.SEQUENCE_CONFLICT))) {
            for (String col : expectedTotals) {
                int idx = header.indexOf(col);
                long sum = 0;
                for (String[] r : rows) {
                    if (r.length == header.size() && DECIMAL.matcher(r[idx]).matches()) {
                        sum += Delivery.parseCents(r[idx]);
                    }
                }
                long declared = Math.round(ct.get(col).decimalValue().movePointRight(2).doubleValue());
                if (Math.abs(sum - declared) > 0) {
                    failed.add(DeliveryCheck.CONTROL_TOTAL_MISMATCH);
                }
            }
        }
        if (parsed != null) {
            parsed.add(new Parsed(m, feed.get(), og, period, header, rows, sha));
        }
        return failed;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean validManifest(JsonNode m) {
        if (m == null || !m.isObject()) {
            return false;
        }
        for (String k : List.of("og_code", "feed", "period", "format", "sha256")) {
            if (!m.hasNonNull(k) || !m.get(k).isTextual()) {
                return false;
            }
        }
        for (String k : List.of("sequence", "schema_version", "row_count")) {
            if (!m.hasNonNull(k) || !m.get(k).isIntegralNumber()) {
                return false;
            }
        }
        return m.get("sequence").asInt() >= 1 && m.hasNonNull("control_totals") && m.get("control_totals").isObject();
    }

    private static boolean validPeriod(String p) {
        try {
            if (p.length() == 4 && INTEGER.matcher(p).matches()) {
                return true;
            }
            if (MONTH.matcher(p).matches()) {
                YearMonth.parse(p);
                return true;
            }
        } catch (DateTimeParseException e) {
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------ rows

    /** The row rules a row breaks (DUPLICATE_KEY excepted: see {@link #duplicateRows}). */
    Set<RowRule> checkRow(Parsed d, String[] cells) {
        Set<RowRule> r = EnumSet.noneOf(RowRule.class);
        if (cells.length != d.header().size()) {
            r.add(RowRule.MALFORMED_ROW);
            return r;
        }
        Map<String, String> v = new HashMap<>(32);
        for (int i = 0; i < cells.length; i++) {
            v.put(d.header().get(i), cells[i]);
        }
        Map<String, Object> typed = new HashMap<>(32);
        for (Column c : d.feed().columns()) {
            String s = v.get(c.name());
            if (s.isEmpty()) {
                if (c.required()) {
                    r.add(RowRule.MISSING_REQUIRED);
                }
                continue;
            }
            switch (c.type()) {
                case DATE -> {
                    LocalDate date = date(s);
                    if (date == null || (c.name().equals("birth_date") && date.isBefore(LocalDate.of(1900, 1, 1)))) {
                        r.add(RowRule.BAD_DATE);
                    } else {
                        typed.put(c.name(), date);
                    }
                }
                case MONTH -> {
                    try {
                        if (!MONTH.matcher(s).matches()) {
                            throw new DateTimeParseException("month", s, 0);
                        }
                        typed.put(c.name(), YearMonth.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10)));
                    } catch (java.time.DateTimeException e) {
                        r.add(RowRule.BAD_DATE);
                    }
                }
                case INTEGER -> {
                    if (!INTEGER.matcher(s).matches()) {
                        r.add(RowRule.BAD_NUMBER);
                    } else {
                        long n = Long.parseLong(s);
                        if ((c.name().equals("line_no") && n < 1) || (c.name().equals("insured_count") && n < 0)) {
                            r.add(RowRule.OUT_OF_RANGE);
                        }
                        typed.put(c.name(), n);
                    }
                }
                case DECIMAL -> {
                    if (!DECIMAL.matcher(s).matches()) {
                        r.add(RowRule.BAD_NUMBER);
                    } else {
                        long cents = Delivery.parseCents(s);
                        if (cents < 0) {
                            r.add(RowRule.NEGATIVE_AMOUNT);
                        }
                        typed.put(c.name(), cents);
                    }
                }
                case STRING -> {
                    if (!c.allowedValues().isEmpty() && !c.allowedValues().contains(s)) {
                        r.add(RowRule.UNKNOWN_CODE);
                    }
                    if (c.codeList() != null) {
                        switch (c.codeList()) {
                            case MANAGING_BODY -> {
                                if (!s.equals(d.og())) {
                                    r.add(RowRule.OG_MISMATCH);
                                }
                            }
                            case REGIME -> {
                                if (!regimeCodes.contains(s)) {
                                    r.add(RowRule.UNKNOWN_REGIME);
                                }
                            }
                            case REGION -> unknown(r, regions, s);
                            case CARE_CATEGORY -> unknown(r, careCategories, s);
                            case ALD -> unknown(r, aldCodes, s);
                        }
                    }
                }
            }
        }
        if ("ASSURE".equals(v.get("relationship")) && v.get("insured_status").isEmpty()) {
            r.add(RowRule.MISSING_REQUIRED);
        }
        String regime = v.get("regime_code");
        boolean knownRegime = regimeCodes.contains(regime);
        int year = Integer.parseInt(d.period().substring(0, 4));
        switch (d.feed()) {
            case BENEFICIARIES -> {
                LocalDate start = (LocalDate) typed.get("coverage_start");
                LocalDate end = (LocalDate) typed.get("coverage_end");
                LocalDate birth = (LocalDate) typed.get("birth_date");
                if (start != null && knownRegime && !managed(regime, d.og(), start, start)) {
                    r.add(RowRule.REGIME_NOT_MANAGED);
                }
                if (start != null && end != null && end.isBefore(start)) {
                    r.add(RowRule.DATE_ORDER);
                }
                if (start != null && birth != null && birth.isAfter(start)) {
                    r.add(RowRule.DATE_ORDER);
                }
                if (start != null && (start.getYear() > year || (end != null && end.getYear() < year))) {
                    r.add(RowRule.PERIOD_MISMATCH);
                }
            }
            case CLAIMS -> {
                LocalDate care = (LocalDate) typed.get("care_date");
                LocalDate settle = (LocalDate) typed.get("settlement_date");
                if (care != null && knownRegime && !managed(regime, d.og(), care, care)) {
                    r.add(RowRule.REGIME_NOT_MANAGED);
                }
                if (care != null && settle != null && settle.isBefore(care)) {
                    r.add(RowRule.DATE_ORDER);
                }
                Long claimed = (Long) typed.get("amount_claimed");
                Long reimbursed = (Long) typed.get("amount_reimbursed");
                if (claimed != null && reimbursed != null && reimbursed > claimed) {
                    r.add(RowRule.REIMBURSED_GT_CLAIMED);
                }
            }
            case CONTRIBUTIONS -> {
                YearMonth month = (YearMonth) typed.get("period_month");
                if (month != null) {
                    if (knownRegime && !managed(regime, d.og(), month.atDay(1), month.atEndOfMonth())) {
                        r.add(RowRule.REGIME_NOT_MANAGED);
                    }
                    boolean inside = d.period().length() == 4 ? month.getYear() == year : month.toString().equals(d.period());
                    if (!inside) {
                        r.add(RowRule.PERIOD_MISMATCH);
                    }
                }
            }
            case ALD -> {
                LocalDate start = (LocalDate) typed.get("start_date");
                LocalDate end = (LocalDate) typed.get("end_date");
                if (start != null && end != null && end.isBefore(start)) {
                    r.add(RowRule.DATE_ORDER);
                }
                if (start != null && knownRegime && !managed(regime, d.og(), start, end == null ? LocalDate.MAX : end)) {
                    r.add(RowRule.REGIME_NOT_MANAGED);
                }
            }
            case FINANCIALS -> {
                Long y = (Long) typed.get("year");
                if (y != null) {
                    if (y != year) {
                        r.add(RowRule.PERIOD_MISMATCH);
                    }
                    if (knownRegime && !managed(regime, d.og(), LocalDate.of(y.intValue(), 1, 1), LocalDate.of(y.intValue(), 12, 31))) {
                        r.add(RowRule.REGIME_NOT_MANAGED);
                    }
                }
            }
        }
        return r;
    }

    private static void unknown(Set<RowRule> r, Set<String> codes, String s) {
        if (!codes.contains(s)) {
            r.add(RowRule.UNKNOWN_CODE);
        }
    }

    private boolean managed(String regime, String og, LocalDate from, LocalDate to) {
        for (Regime r : ref.regimes()) {
            if (r.regimeCode().equals(regime) && r.ogCode().equals(og) && r.overlaps(from, to)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate date(String s) {
        if (!DATE.matcher(s).matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** 0-based indexes of rows whose key (feed key columns) another row of the delivery also has. */
    static Set<Integer> duplicateRows(Parsed d) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < d.rows().size(); i++) {
            String[] cells = d.rows().get(i);
            if (cells.length != d.header().size()) {
                continue;
            }
            StringBuilder k = new StringBuilder();
            for (String col : d.feed().keyColumns()) {
                k.append(cells[d.header().indexOf(col)]).append('\u0001');
            }
            byKey.computeIfAbsent(k.toString(), x -> new ArrayList<>()).add(i);
        }
        Set<Integer> dups = new java.util.HashSet<>();
        byKey.values().stream().filter(l -> l.size() > 1).forEach(dups::addAll);
        return dups;
    }
}
