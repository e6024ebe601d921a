package ma.amo.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.RowRule;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;

/**
 * {@code --anomalies}: bad rows appended to the clean deliveries of one group (each breaking exactly the
 * rules it is listed with), bad deliveries under {@code anomalies/} (each failing exactly one check), and
 * {@code .anomalies.json} listing every one with its expected outcome.
 */
final class Anomalies {
    record RowAnomaly(String file, long row, List<RowRule> reasons) {
    }

    record DeliveryAnomaly(String file, DeliveryCheck check, String conflictsWith) {
    }

    final Group group;
    private final String og;
    private final String otherOg;
    private final int y;
    private final String regime;
    private final String unmanaged;
    private final String region;
    private final List<RowAnomaly> rows = new ArrayList<>();
    private final List<DeliveryAnomaly> deliveries = new ArrayList<>();
    private int serial;

    Anomalies(ReferenceData reference, Model model, Group group) {
        this.group = group;
        this.og = group.og;
        this.y = group.year;
        this.otherOg = reference.managingBodies().stream().filter(o -> !o.equals(og)).sorted().findFirst().orElse("XX");
        int from = Days.of(y - 3, 1, 1), to = Days.yearEnd(y);
        this.regime = Arrays.stream(model.regimes).filter(r -> coversAll(reference, r.code, og, from, to))
                .map(r -> r.code).findFirst()
                .orElseThrow(() -> new IllegalStateException(og + " manages no regime over " + (y - 3) + "-" + y));
        LocalDateRange jan = new LocalDateRange(Days.of(y, 1, 1), Days.of(y, 3, 31));
        this.unmanaged = reference.regimes().stream().map(Regime::regimeCode).distinct().sorted()
                .filter(code -> reference.regimes().stream().noneMatch(r -> r.regimeCode().equals(code)
                        && r.ogCode().equals(og) && r.overlaps(jan.from(), jan.to())))
                .findFirst().orElseThrow(() -> new IllegalStateException("every regime is managed by " + og));
        this.region = reference.table("regions.csv").column("region_code").stream().sorted().findFirst().orElseThrow();
    }

    private record LocalDateRange(java.time.LocalDate from, java.time.LocalDate to) {
        LocalDateRange(int from, int to) {
            this(java.time.LocalDate.ofEpochDay(from), java.time.LocalDate.ofEpochDay(to));
        }
    }

    private static boolean coversAll(ReferenceData reference, String code, String og, int from, int to) {
        return reference.regimes().stream().anyMatch(r -> r.regimeCode().equals(code) && r.ogCode().equals(og)
                && Days.of(r.validFrom()) <= from && (r.validTo() == null || Days.of(r.validTo()) >= to));
    }

    long rowCount() {
        return rows.size();
    }

    long badDeliveryCount() {
        return DeliveryCheck.values().length;
    }

    // ------------------------------------------------------------------ bad rows inside clean deliveries

    private String id(String tag) {
        return String.format(Locale.ROOT, "%s%09d", tag, ++serial);
    }

    private String d(int month, int day) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", y, month, day);
    }

    private void plant(Delivery d, List<String> fields, RowRule... reasons) throws IOException {
        long row = d.appendLine(String.join(";", fields));
        rows.add(new RowAnomaly(d.relativePath, row, List.of(reasons)));
    }

    private static List<String> with(List<String> base, int index, String value) {
        List<String> l = new ArrayList<>(base);
        l.set(index, value);
        return l;
    }

    void plantRows(Delivery[] sinks) throws IOException {
        beneficiaries(sinks[Group.BEN]);
        claims(sinks[Group.CLAIMS]);
        contributions(sinks[Group.CONTRIB]);
        ald(sinks[Group.ALD]);
        financials(sinks[Group.FIN]);
    }

    private List<String> beneficiary() {
        String id = id("XA");
        return List.of(og, regime, id, id, "ASSURE", "ACTIF", "", "M", "1980-05-17", region, d(3, 1), "");
    }

    private void beneficiaries(Delivery d) throws IOException {
        plant(d, with(beneficiary(), 5, ""), RowRule.MISSING_REQUIRED);
        plant(d, with(beneficiary(), 8, "1899-12-31"), RowRule.BAD_DATE);
        plant(d, with(beneficiary(), 8, d(6, 1)), RowRule.DATE_ORDER);
        List<String> old = with(beneficiary(), 10, (y - 3) + "-01-01");
        plant(d, with(old, 11, (y - 2) + "-06-30"), RowRule.PERIOD_MISMATCH);
        plant(d, with(beneficiary(), 9, "99"), RowRule.UNKNOWN_CODE);
        plant(d, with(beneficiary(), 4, "COUSIN"), RowRule.UNKNOWN_CODE);
        plant(d, with(beneficiary(), 0, otherOg), RowRule.OG_MISMATCH);
        plant(d, with(beneficiary(), 1, unmanaged), RowRule.REGIME_NOT_MANAGED);
        plant(d, with(beneficiary(), 1, "AMO_INCONNU"), RowRule.UNKNOWN_REGIME);
        List<String> dup = beneficiary();
        plant(d, dup, RowRule.DUPLICATE_KEY);
        plant(d, with(dup, 7, "F"), RowRule.DUPLICATE_KEY);
    }

    private List<String> claim() {
        String id = id("XC");
        return List.of(og, regime, id, "1", id("XA"), d(1, 10), d(1, 20), "CONSULTATIONS", "C", "100000007",
                "PRIVE", "REMBOURSEMENT", "200.00", "150.00", "105.00", "", "PAYE");
    }

    private void claims(Delivery d) throws IOException {
        List<String> malformed = new ArrayList<>(with(with(with(claim(), 12, "0.00"), 13, "0.00"), 14, "0.00"));
        malformed.add("EXTRA");
        plant(d, malformed, RowRule.MALFORMED_ROW);
        plant(d, with(claim(), 7, ""), RowRule.MISSING_REQUIRED);
        plant(d, with(claim(), 13, "1 234,50"), RowRule.BAD_NUMBER);
        plant(d, with(claim(), 13, "-50.00"), RowRule.NEGATIVE_AMOUNT);
        plant(d, with(claim(), 3, "0"), RowRule.OUT_OF_RANGE);
        plant(d, with(claim(), 7, "CHIRURGIE_ESTHETIQUE"), RowRule.UNKNOWN_CODE);
        plant(d, with(claim(), 1, "AMO_INCONNU"), RowRule.UNKNOWN_REGIME);
        plant(d, with(claim(), 1, unmanaged), RowRule.REGIME_NOT_MANAGED);
        plant(d, with(claim(), 0, otherOg), RowRule.OG_MISMATCH);
        plant(d, with(claim(), 6, d(1, 5)), RowRule.DATE_ORDER);
        plant(d, with(with(with(claim(), 12, "100.00"), 13, "100.00"), 14, "150.00"), RowRule.REIMBURSED_GT_CLAIMED);
        plant(d, with(claim(), 16, "ANNULE"), RowRule.UNKNOWN_CODE);
        List<String> dup = claim();
        plant(d, dup, RowRule.DUPLICATE_KEY);
        plant(d, with(dup, 14, "90.00"), RowRule.DUPLICATE_KEY);
    }

    private List<String> contribution() {
        return List.of(og, regime, y + "-01", "EMPLOYEUR", id("XE"), "3", "300.00", "300.00");
    }

    private void contributions(Delivery d) throws IOException {
        plant(d, with(contribution(), 7, "-120.00"), RowRule.NEGATIVE_AMOUNT);
        plant(d, with(contribution(), 5, "-3"), RowRule.OUT_OF_RANGE);
        plant(d, with(contribution(), 5, "12.5"), RowRule.BAD_NUMBER);
        plant(d, with(contribution(), 6, "300.123"), RowRule.BAD_NUMBER);
        plant(d, with(contribution(), 2, (y - 1) + "-12"), RowRule.PERIOD_MISMATCH);
        plant(d, with(contribution(), 6, ""), RowRule.MISSING_REQUIRED);
        plant(d, with(contribution(), 3, "MECENE"), RowRule.UNKNOWN_CODE);
    }

    private List<String> aldRow() {
        return List.of(og, regime, id("XA"), "ALD05", d(1, 5), d(2, 1), "");
    }

    private void ald(Delivery d) throws IOException {
        plant(d, with(aldRow(), 4, y + "-02-30"), RowRule.BAD_DATE);
        plant(d, with(aldRow(), 3, "ALD99"), RowRule.UNKNOWN_CODE);
        plant(d, with(aldRow(), 2, ""), RowRule.MISSING_REQUIRED);
    }

    private void financials(Delivery d) throws IOException {
        plant(d, List.of(og, regime, String.valueOf(y - 1), "FRAIS_GESTION", "1000.00"), RowRule.PERIOD_MISMATCH);
        plant(d, List.of(og, regime, String.valueOf(y), "SUBVENTIONS", "1000.00"), RowRule.UNKNOWN_CODE);
    }

    // ------------------------------------------------------------------ bad deliveries

    /** A small, valid claims file body (header and three rows) for og/year-01. */
    private String claimsBody(List<String> header, String ogCode, String act) {
        StringBuilder sb = new StringBuilder(String.join(";", header)).append('\n');
        for (int i = 0; i < 3; i++) {
            List<String> row = with(with(claim(), 0, ogCode), 8, act);
            if (header.size() < Feed.CLAIMS.columns().size()) {
                row = new ArrayList<>(row);
                row.remove(8);
            } else if (header.size() > Feed.CLAIMS.columns().size()) {
                row = new ArrayList<>(row);
                row.add("");
            }
            sb.append(String.join(";", row)).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Object> totals(long claimed, long reimbursed) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("amount_claimed", new Manifest.Cents(claimed));
        t.put("amount_reimbursed", new Manifest.Cents(reimbursed));
        return t;
    }

    void writeBadDeliveries(Path out, SampleGenerator.Counters c) throws IOException {
        String period = y + "-01";
        List<String> cols = Feed.CLAIMS.columnNames();
        int seq = 900;
        for (DeliveryCheck check : DeliveryCheck.values()) {
            seq++;
            String ogCode = check == DeliveryCheck.UNKNOWN_OG ? "CNAM" : og;
            String feed = check == DeliveryCheck.UNKNOWN_FEED ? "hospitalisations" : "claims";
            List<String> header = switch (check) {
                case MISSING_COLUMN -> cols.stream().filter(n -> !n.equals("act_code")).toList();
                case UNKNOWN_COLUMN -> concat(cols, "commentaire");
                case DUPLICATE_COLUMN -> concat(cols, "act_code");
                default -> cols;
            };
            String body = claimsBody(header, ogCode, "C");
            byte[] data = body.getBytes(StandardCharsets.UTF_8);
            if (check == DeliveryCheck.UNREADABLE_FILE) {
                data = claimsBody(header, ogCode, "PR\u00C9V01").getBytes(StandardCharsets.ISO_8859_1);
            }
            String p = check == DeliveryCheck.BAD_PERIOD ? y + "-13" : period;
            String name = ogCode.toLowerCase(Locale.ROOT) + "_" + feed + "_" + p + "_" + seq + "_"
                    + check.name().toLowerCase(Locale.ROOT) + ".csv";
            String rel = "anomalies/" + name;
            String sha = HexFormat.of().formatHex(Delivery.sha256().digest(data));
            long claimed = 3 * 200_00L, reimbursed = 3 * 105_00L;
            Map<String, Object> m = Manifest.of(ogCode, feed, p, seq, 3, sha, totals(claimed, reimbursed),
                    Days.text(Days.of(y, 2, 5)) + "T06:00:00Z");
            String conflictsWith = null;
            switch (check) {
                case MANIFEST_INVALID -> m.put("sequence", "neuf cent");
                case UNSUPPORTED_FORMAT -> m.put("format", "xlsx");
                case SHA256_MISMATCH -> m.put("sha256", HexFormat.of().formatHex(Delivery.sha256().digest(
                        (body + "\n").getBytes(StandardCharsets.UTF_8))));
                case ROW_COUNT_MISMATCH -> m.put("row_count", 4);
                case CONTROL_TOTAL_MISMATCH -> m.put("control_totals", totals(claimed + 1000, reimbursed));
                case SEQUENCE_CONFLICT -> {
                    String good = group.relativePath(Group.FIN);
                    conflictsWith = good;
                    String fin = String.join(";", Feed.FINANCIALS.columnNames()) + "\n"
                            + og + ";" + regime + ";" + y + ";FRAIS_GESTION;1.00\n";
                    data = fin.getBytes(StandardCharsets.UTF_8);
                    rel = "anomalies/" + og.toLowerCase(Locale.ROOT) + "_financials_" + y + "_01_sequence_conflict.csv";
                    m = Manifest.of(og, "financials", String.valueOf(y), 1, 1,
                            HexFormat.of().formatHex(Delivery.sha256().digest(data)),
                            Map.of("amount", new Manifest.Cents(100)), Days.text(Days.of(y + 1, 3, 1)) + "T06:00:00Z");
                }
                default -> {
                }
            }
            Path file = out.resolve(rel);
            Files.createDirectories(file.getParent());
            Path manifest = file.resolveSibling(file.getFileName() + ".manifest.json");
            Files.deleteIfExists(file);
            Files.deleteIfExists(manifest);
            long bytes = 0;
            int files = 0;
            if (check != DeliveryCheck.DATA_FILE_MISSING) {
                Files.write(file, data);
                bytes += data.length;
                files++;
            }
            if (check != DeliveryCheck.MANIFEST_MISSING) {
                byte[] mb = Manifest.json(m).getBytes(StandardCharsets.UTF_8);
                Files.write(manifest, mb);
                bytes += mb.length;
                files++;
            }
            String listed = check == DeliveryCheck.DATA_FILE_MISSING ? rel + ".manifest.json" : rel;
            deliveries.add(new DeliveryAnomaly(listed, check, conflictsWith));
            c.delivered(listed, 0, bytes, files);
        }
    }

    private static List<String> concat(List<String> l, String extra) {
        List<String> r = new ArrayList<>(l);
        r.add(extra);
        return r;
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            RowAnomaly a = rows.get(i);
            sb.append("    {\"file\": ");
            Manifest.string(sb, a.file());
            sb.append(", \"row\": ").append(a.row()).append(", \"reasons\": [");
            for (int k = 0; k < a.reasons().size(); k++) {
                sb.append(k > 0 ? ", " : "").append('"').append(a.reasons().get(k).name()).append('"');
            }
            sb.append("]}").append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"deliveries\": [\n");
        for (int i = 0; i < deliveries.size(); i++) {
            DeliveryAnomaly a = deliveries.get(i);
            sb.append("    {\"file\": ");
            Manifest.string(sb, a.file());
            sb.append(", \"check\": \"").append(a.check().name()).append('"');
            if (a.conflictsWith() != null) {
                sb.append(", \"conflicts_with\": ");
                Manifest.string(sb, a.conflictsWith());
            }
            sb.append('}').append(i + 1 < deliveries.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }
}
