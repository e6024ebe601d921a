package ma.amo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.RowRule;

class ContractTest {
    private static final Pattern NAME = Pattern.compile(
            "(cnss|cnops)/(\\d{4})/(cnss|cnops)_(beneficiaries|contributions|claims|ald|financials)_(\\d{4}(-\\d{2})?)_(\\d{2})\\.csv");
    private static final List<String> MANIFEST_KEYS = List.of("og_code", "feed", "period", "sequence", "format",
            "schema_version", "row_count", "sha256", "control_totals", "produced_at");

    private final ContractChecker checker = new ContractChecker(Fixture.REF);

    /** file -> (0-based row -> listed reasons) of the planted bad rows. */
    private static Map<String, Map<Integer, Set<RowRule>>> plantedRows(Fixture f) throws Exception {
        Map<String, Map<Integer, Set<RowRule>>> m = new HashMap<>();
        Path json = f.root.resolve(".anomalies.json");
        if (!Files.exists(json)) {
            return m;
        }
        for (JsonNode r : new ObjectMapper().readTree(json.toFile()).get("rows")) {
            Set<RowRule> reasons = EnumSet.noneOf(RowRule.class);
            r.get("reasons").forEach(x -> reasons.add(RowRule.valueOf(x.asText())));
            m.computeIfAbsent(r.get("file").asText(), k -> new HashMap<>()).put(r.get("row").asInt() - 1, reasons);
        }
        return m;
    }

    @Test
    void everyDeliveryIsNamedAndDescribedExactlyAsTheContractSays() throws Exception {
        for (Fixture f : List.of(Fixture.small(), Fixture.transfer())) {
            assertThat(f.byPath).isNotEmpty();
            f.byPath.forEach((rel, d) -> {
                var m = NAME.matcher(rel);
                assertThat(m.matches()).as(rel).isTrue();
                assertThat(d.og().toLowerCase()).isEqualTo(m.group(1)).isEqualTo(m.group(3));
                assertThat(d.feed().code()).isEqualTo(m.group(4));
                assertThat(d.period()).isEqualTo(m.group(5)).startsWith(m.group(2));
                assertThat(d.manifest().get("sequence").asInt()).isEqualTo(Integer.parseInt(m.group(7)));
                List<String> keys = new ArrayList<>();
                d.manifest().fieldNames().forEachRemaining(keys::add);
                assertThat(keys).containsExactlyElementsOf(MANIFEST_KEYS);
                assertThat(d.manifest().get("produced_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
                assertThat(d.header()).containsExactlyElementsOf(d.feed().columnNames());
                boolean monthly = d.feed() == Feed.CLAIMS || d.feed() == Feed.CONTRIBUTIONS;
                assertThat(d.period()).hasSize(monthly ? 7 : 4);
            });
        }
    }

    @Test
    void manifestTotalsAreWrittenWithTwoDecimals() throws Exception {
        Fixture f = Fixture.small();
        String text = Files.readString(f.root.resolve("cnss/2023/cnss_claims_2023-03_01.csv.manifest.json"));
        assertThat(text).containsPattern("\"amount_claimed\": \\d+\\.\\d{2}[,}]");
        String ben = Files.readString(f.root.resolve("cnss/2023/cnss_beneficiaries_2023_01.csv.manifest.json"));
        assertThat(ben).contains("\"control_totals\": {}");
    }

    @Test
    void everyCleanRowSatisfiesTheRowRulesAndKeysAreUnique() throws Exception {
        for (Fixture f : List.of(Fixture.small(), Fixture.transfer())) {
            Map<String, Map<Integer, Set<RowRule>>> planted = plantedRows(f);
            long checked = 0;
            for (var e : f.byPath.entrySet()) {
                ContractChecker.Parsed d = e.getValue();
                Map<Integer, Set<RowRule>> bad = planted.getOrDefault(e.getKey(), Map.of());
                Set<Integer> dups = ContractChecker.duplicateRows(d);
                for (int i = 0; i < d.rows().size(); i++) {
                    if (bad.containsKey(i)) {
                        continue;
                    }
                    Set<RowRule> broken = checker.checkRow(d, d.rows().get(i));
                    if (dups.contains(i)) {
                        broken.add(RowRule.DUPLICATE_KEY);
                    }
                    assertThat(broken).as(e.getKey() + " row " + (i + 1) + ": " + String.join(";", d.rows().get(i)))
                            .isEmpty();
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10_000);
        }
    }

    @Test
    void plantedRowsBreakExactlyTheRulesTheyAreListedWith() throws Exception {
        Fixture f = Fixture.small();
        Map<String, Map<Integer, Set<RowRule>>> planted = plantedRows(f);
        Set<RowRule> seen = EnumSet.noneOf(RowRule.class);
        planted.forEach((file, rows) -> {
            ContractChecker.Parsed d = f.byPath.get(file);
            assertThat(d).as(file).isNotNull();
            Set<Integer> dups = ContractChecker.duplicateRows(d);
            rows.forEach((i, reasons) -> {
                Set<RowRule> broken = checker.checkRow(d, d.rows().get(i));
                if (dups.contains(i)) {
                    broken.add(RowRule.DUPLICATE_KEY);
                }
                assertThat(broken).as(file + " row " + (i + 1)).isEqualTo(reasons);
                seen.addAll(reasons);
            });
        });
        assertThat(seen).containsExactlyInAnyOrder(RowRule.values());
        assertThat(f.summary.rowAnomalies()).isEqualTo(planted.values().stream().mapToLong(Map::size).sum());
    }

    @Test
    void badDeliveriesFailExactlyTheirListedCheck() throws Exception {
        Fixture f = Fixture.small();
        Map<String, String> loaded = new HashMap<>();
        for (ContractChecker.Parsed d : f.clean) {
            loaded.put(d.og() + "|" + d.feed().code() + "|" + d.period() + "|" + d.manifest().get("sequence").asInt(),
                    d.sha256());
        }
        JsonNode json = new ObjectMapper().readTree(f.root.resolve(".anomalies.json").toFile());
        Set<DeliveryCheck> seen = EnumSet.noneOf(DeliveryCheck.class);
        Set<String> files = new HashSet<>();
        for (JsonNode d : json.get("deliveries")) {
            String file = d.get("file").asText();
            assertThat(file).startsWith("anomalies/");
            assertThat(files.add(file)).isTrue();
            DeliveryCheck check = DeliveryCheck.valueOf(d.get("check").asText());
            Path p = f.root.resolve(file);
            Path data = file.endsWith(".manifest.json")
                    ? p.resolveSibling(p.getFileName().toString().replace(".manifest.json", "")) : p;
            assertThat(checker.checkDelivery(data, Fixture.manifestOf(data), loaded, null)).as(file).containsExactly(check);
            seen.add(check);
        }
        assertThat(seen).containsExactlyInAnyOrder(DeliveryCheck.values());
    }

    @Test
    void theRegimeTransferOf2026SplitsSpellsBetweenTheManagingBodies() {
        Fixture f = Fixture.transfer();
        ContractChecker.Parsed cnops = f.byPath.get("cnops/2026/cnops_beneficiaries_2026_01.csv");
        ContractChecker.Parsed cnss = f.byPath.get("cnss/2026/cnss_beneficiaries_2026_01.csv");
        assertThat(cnops.rows()).isNotEmpty().allSatisfy(r -> assertThat(r[11]).isNotEmpty().isLessThanOrEqualTo("2026-01-28"));
        assertThat(cnss.rows().stream().filter(r -> r[1].equals("AMO_SAL_PUBLIC") && r[10].equals("2026-01-29"))).isNotEmpty();
        assertThat(cnss.rows().stream().map(r -> r[1])).doesNotContain("AMO_ETUDIANTS");
        // CNOPS still settles the care it covered, then stops delivering
        assertThat(f.byPath.keySet()).anyMatch(p -> p.startsWith("cnops/2026/cnops_claims_2026-03_"))
                .noneMatch(p -> p.startsWith("cnops/2026/cnops_claims_2026-09_"))
                .contains("cnops/2026/cnops_contributions_2026-01_01.csv")
                .doesNotContain("cnops/2026/cnops_contributions_2026-02_01.csv");
        assertThat(f.byPath.entrySet().stream().filter(e -> e.getKey().startsWith("cnss/2026/cnss_claims_2026-06_"))
                .flatMap(e -> e.getValue().rows().stream()).map(r -> r[1])).contains("AMO_SAL_PUBLIC");
    }
}
