package ma.amo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ma.amo.common.contract.Feed;

/** Orders of magnitude of shared/domain.md, checked on 2024 at scale 0.002 (about 58,000 beneficiaries). */
class CalibrationTest {
    private static Fixture f;
    private static final Map<String, Long> beneficiaries = new TreeMap<>();
    private static final Map<String, Long> insured = new TreeMap<>();
    private static final Set<String> persons = new HashSet<>();
    private static final Set<String> aldPersons = new HashSet<>();
    /** Last copy of each claim line in 2024's deliveries (files sorted by period then sequence). */
    private static final Map<String, String[]> lines = new HashMap<>();
    private static final Map<String, List<String[]>> copies = new HashMap<>();

    @BeforeAll
    static void load() {
        f = Fixture.calibration();
        for (ContractChecker.Parsed d : f.clean) {
            switch (d.feed()) {
                case BENEFICIARIES -> d.rows().forEach(r -> {
                    if (persons.add(r[0] + r[1] + r[2])) {
                        beneficiaries.merge(r[1], 1L, Long::sum);
                        if (r[4].equals("ASSURE")) {
                            insured.merge(r[1], 1L, Long::sum);
                        }
                    }
                });
                case ALD -> d.rows().forEach(r -> aldPersons.add(r[0] + r[1] + r[2]));
                case CLAIMS -> d.rows().forEach(r -> {
                    String key = r[0] + "|" + r[2] + "|" + r[3];
                    lines.put(key, r);
                    copies.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(r);
                });
                default -> { }
            }
        }
    }

    private static long total(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double reimbursed(Collection<String[]> rows) {
        return rows.stream().filter(r -> r[16].equals("PAYE")).mapToDouble(r -> Double.parseDouble(r[14])).sum();
    }

    @Test
    void regimeSizesFollowThePublishedOrdersOfMagnitude() {
        double scale = 0.002;
        assertThat(total(beneficiaries) / scale).isCloseTo(28.5e6, within(3e6));
        Map<String, Double> target = Map.of("AMO_TADAMON", 11e6, "AMO_SAL_PRIVE", 8.5e6, "AMO_TNS", 4e6,
                "AMO_SAL_PUBLIC", 3.5e6, "AMO_ETUDIANTS", 0.4e6, "AMO_ACHAMIL", 0.6e6);
        target.forEach((regime, n) -> assertThat(beneficiaries.get(regime) / scale).as(regime).isCloseTo(n, within(n * 0.2)));
        for (String salaried : List.of("AMO_SAL_PRIVE", "AMO_SAL_PUBLIC", "AMO_TNS", "AMO_TADAMON")) {
            double dependants = (beneficiaries.get(salaried) - insured.get(salaried)) / (double) insured.get(salaried);
            assertThat(dependants).as(salaried).isBetween(1.3, 2.6);
        }
        assertThat(beneficiaries.get("AMO_ETUDIANTS")).isEqualTo(insured.get("AMO_ETUDIANTS"));
    }

    @Test
    void aldPatientsAreAboutThreePercentAndCarryAboutHalfTheSpending() {
        double aldShare = aldPersons.size() / (double) persons.size();
        assertThat(aldShare).isCloseTo(0.0325, within(0.01));
        double all = reimbursed(lines.values());
        double ald = reimbursed(lines.values().stream().filter(r -> aldPersons.contains(r[0] + r[1] + r[4])).toList());
        assertThat(ald / all).isCloseTo(0.50, within(0.10));
        double medicines = reimbursed(lines.values().stream().filter(r -> r[7].equals("MEDICAMENTS")).toList());
        assertThat(medicines / all).isCloseTo(0.33, within(0.08));
        // about 3.4 lines per beneficiary a year, 30-50 billion MAD at national scale
        assertThat(lines.size() / (double) persons.size()).isBetween(2.8, 4.2);
        assertThat(all / 0.002).isBetween(25e9, 55e9);
        double cnss = reimbursed(lines.values().stream().filter(r -> r[0].equals("CNSS")).toList());
        double cnssPrivate = reimbursed(lines.values().stream().filter(r -> r[0].equals("CNSS") && r[10].equals("PRIVE")).toList());
        assertThat(cnssPrivate / cnss).isBetween(0.8, 0.95);
        assertThat(lines.values().stream().map(r -> r[11]).distinct()).containsExactlyInAnyOrder("TIERS_PAYANT", "REMBOURSEMENT");
    }

    @Test
    void contributionsGiveEachRegimeAPlausibleBalance() {
        Map<String, Double> collected = new HashMap<>();
        Map<String, Double> due = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (ContractChecker.Parsed d : f.clean) {
            if (d.feed() == Feed.CONTRIBUTIONS) {
                for (String[] r : d.rows()) {
                    due.merge(r[1], Double.parseDouble(r[6]), Double::sum);
                    collected.merge(r[1], Double.parseDouble(r[7]), Double::sum);
                    types.add(r[3]);
                }
            }
        }
        Map<String, Double> benefits = new HashMap<>();
        lines.values().stream().filter(r -> r[16].equals("PAYE"))
                .forEach(r -> benefits.merge(r[1], Double.parseDouble(r[14]), Double::sum));
        Map<String, Double> lossRatio = new TreeMap<>();
        benefits.forEach((regime, b) -> lossRatio.put(regime, b / collected.get(regime)));
        assertThat(lossRatio.get("AMO_SAL_PRIVE")).as(lossRatio.toString()).isLessThan(0.85);
        assertThat(lossRatio.get("AMO_SAL_PUBLIC")).as(lossRatio.toString()).isBetween(0.85, 1.15);
        assertThat(lossRatio.get("AMO_TNS")).as(lossRatio.toString()).isGreaterThan(1.1);
        assertThat(lossRatio.get("AMO_TADAMON")).as(lossRatio.toString()).isGreaterThan(1.1);
        assertThat(collected.get("AMO_SAL_PRIVE") / due.get("AMO_SAL_PRIVE")).isBetween(0.9, 0.99);
        assertThat(collected.get("AMO_TNS") / due.get("AMO_TNS")).isBetween(0.5, 0.7);
        assertThat(types).containsExactlyInAnyOrder("EMPLOYEUR", "PENSIONNE", "TNS", "ASSURE", "ETAT");
    }

    @Test
    void claimsArriveAsInRealLife() {
        // pending then paid: a line delivered EN_COURS without settlement date, later PAYE with one
        assertThat(copies.values().stream().filter(c -> c.get(0)[16].equals("EN_COURS") && c.get(0)[6].isEmpty()
                && c.get(c.size() - 1)[16].equals("PAYE") && !c.get(c.size() - 1)[6].isEmpty())).isNotEmpty();
        long pending = copies.values().stream().filter(c -> c.get(0)[16].equals("EN_COURS")).count();
        assertThat(pending / (double) lines.size()).isBetween(0.05, 0.15);
        // corrections: a paid line paid again with another amount
        assertThat(copies.values().stream().filter(c -> c.size() >= 2 && c.get(c.size() - 2)[16].equals("PAYE")
                && !c.get(c.size() - 1)[14].equals(c.get(c.size() - 2)[14]))).isNotEmpty();
        // rejected lines and their resubmission under a new dossier number
        assertThat(lines.values().stream().filter(r -> r[16].equals("REJETE") && r[14].equals("0.00"))).isNotEmpty();
        assertThat(lines.keySet().stream().filter(k -> k.contains("R|"))).isNotEmpty();
        // cross-year: care of December 2023 settled in January 2024
        assertThat(f.byPath.keySet().stream().filter(p -> p.contains("cnss_claims_2024-01_")).findFirst()
                .map(f.byPath::get).orElseThrow().rows().stream().filter(r -> r[5].startsWith("2023-12"))).isNotEmpty();
        // one claims month per OG delivered twice: sequence 1 then a different sequence 2
        for (String og : List.of("cnss", "cnops")) {
            String seq2 = f.byPath.keySet().stream().filter(p -> p.startsWith(og + "/") && p.endsWith("_02.csv"))
                    .findFirst().orElseThrow();
            ContractChecker.Parsed first = f.byPath.get(seq2.replace("_02.csv", "_01.csv"));
            assertThat(first).isNotNull();
            assertThat(first.sha256()).isNotEqualTo(f.byPath.get(seq2).sha256());
        }
    }

    @Test
    void somePeopleHaveTwoSpellsOrTwoRegimes() {
        Map<String, Set<String>> regimesByNationalId = new HashMap<>();
        Map<String, Integer> spells = new HashMap<>();
        for (ContractChecker.Parsed d : f.clean) {
            if (d.feed() == Feed.BENEFICIARIES) {
                for (String[] r : d.rows()) {
                    if (!r[6].isEmpty()) {
                        regimesByNationalId.computeIfAbsent(r[6], k -> new HashSet<>()).add(r[1]);
                    }
                    spells.merge(r[0] + r[1] + r[2], 1, Integer::sum);
                }
            }
        }
        long doubles = regimesByNationalId.values().stream().filter(s -> s.size() > 1).count();
        assertThat(doubles / (double) persons.size()).isBetween(0.002, 0.01);
        long twoSpells = spells.values().stream().filter(n -> n > 1).count();
        assertThat(twoSpells).isPositive();
    }

    @Test
    void financialsHoldTheFourItemsPerRegime() {
        for (ContractChecker.Parsed d : f.clean) {
            if (d.feed() == Feed.FINANCIALS) {
                assertThat(d.rows().size() % 4).isZero();
                assertThat(d.rows()).extracting(r -> r[3]).contains("FRAIS_GESTION", "PRODUITS_FINANCIERS",
                        "AUTRES_PRODUITS", "AUTRES_CHARGES");
            }
        }
    }
}
