package ma.amo.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every figure of T01–T14 for the fixture (src/test/resources/fixture), computed by hand. The fixture, 2024
 * (a leap year, 366 days) unless said otherwise, after the replaced CNSS beneficiaries delivery (sequence 1:
 * B06 in region 08 and an extra B99) and the replaced CNOPS contributions (A1 collected 400.00):
 *
 * <pre>
 * CNSS  AMO_SAL_PRIVE  B01 ASSURE ACTIF M 1980 r06 2020-01-01..open          31/12 yes, 366 d, age 44 (35-44)
 *                      B02 CONJOINT  F 1985 r06 2020-01-01..2024-12-30      31/12 no (ends 30/12), 365 d
 *                      B03 ENFANT    M 2020-02-29 r06 ..2024-12-31          31/12 yes (ends 31/12), 366 d, age 4
 *                      B04 ASSURE PENSIONNE F 1955 r04 2023-06-01..2024-06-30 + 2024-03-01..open (overlap)
 *                                                                           31/12 yes, merged 366 d (not 182+306), age 69
 *                      B05 ASSURE ACTIF M 1990 r01 2022-01-01..2024-06-30   31/12 no, 182 d (31+29+31+30+31+30)
 *       AMO_TNS        B05 (same person N05) 2024-07-01..open               31/12 yes, 184 d, age 34
 *                      B06 ASSURE ACTIF F 1970 r09 (no national id) 2020..open 31/12 yes, 366 d, age 54
 * CNOPS AMO_SAL_PUBLIC C01 ASSURE ACTIF M 1990 r01 (national id N05) 2015..open 31/12 yes, 366 d, age 34
 *                      C02 ASSURE PENSIONNE F 1950 r04 2010..open            31/12 yes, 366 d, age 74
 *                      C03 CONJOINT M 1948 r04 2010..2024-03-31              31/12 no, 91 d (31+29+31)
 *                      C04 ENFANT F 2010 r01 (no national id) 2015..open     31/12 yes, 366 d, age 14
 * Paid spending settled in 2024 (latest copies): PRIVE K1/1 200/150/105 (care 2023, pending in 2023-12, paid
 * 2024-01), K2/1 5000/4000/3600 ALD07, K2/2 300/300/240 ALD07 (210 corrected to 240), K4/1 100/100/80 (unknown
 * B77); TNS K3/1 250/80/56; PUBLIC L1/1 1000/1000/900 ALD06, L2/1 200/80/64, L3/1 120/100/80, L3/2 800/300/240,
 * L4/1 50/50/40. Not counted: K0 (settled 2023), K5 (quarantined), K6 (REJETE), K7 (EN_COURS), K8 (rejected
 * delivery).
 * </pre>
 */
class RagTablesTest {
    private static Map<String, RagTable> y2024;
    private static Map<String, RagTable> y2023;

    @BeforeAll
    static void build() {
        y2024 = byId(RagFixture.report().tables(new ReportOptions(2024, Path.of("unused"), Set.of(), 0, null)));
        y2023 = byId(RagFixture.report().tables(new ReportOptions(2023, Path.of("unused"), Set.of(), 0, null)));
    }

    static Map<String, RagTable> byId(List<RagTable> tables) {
        Map<String, RagTable> m = new TreeMap<>();
        tables.forEach(t -> m.put(t.id(), t));
        return m;
    }

    /** The table as its CSV lines without header (the formatting is part of what is asserted). */
    static List<String> lines(RagTable t) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columns().size(); c++) {
                sb.append(c == 0 ? "" : ";").append(t.text(r, c));
            }
            if (t.suppressible()) {
                sb.append(";").append(t.suppression(r).csv());
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void t01Population() {
        assertThat(lines(y2024.get("T01"))).containsExactly(
                // PRIVE at 31/12: B01, B03 (ends 31/12), B04; B02 ends 30/12, B05 left on 30/06.
                // insured B01 (ACTIF), B04 (PENSIONNE); dependants B03 → 1/2 = 0.5.
                // exposure (366+365+366+366+182)/366 = 1645/366 = 4.4945355
                "AMO_SAL_PRIVE;3;2;1;0.500000;1;1;4.494536;3",
                // PUBLIC: C01, C02, C04; exposure (366+366+91+366)/366 = 1189/366 = 3.2486339
                "AMO_SAL_PUBLIC;3;2;1;0.500000;1;1;3.248634;3",
                // TNS: B05, B06, both ASSURE ACTIF; exposure (184+366)/366 = 550/366 = 1.5027322
                "AMO_TNS;2;2;0;0.000000;2;0;1.502732;2",
                // TOTAL: 8 beneficiaries, 6 insured, 2 dependants → 2/6; exposure 3384/366 = 9.2459016;
                // distinct persons 7: N05 is B05 (TNS) and C01 (PUBLIC) → counted once
                "TOTAL;8;6;2;0.333333;4;2;9.245902;7");
    }

    @Test
    void t01AndT04InAYearWithoutPopulationFigures() {
        // 2023: no beneficiaries delivery and no population.csv row; regimes present through spending and ALD
        assertThat(lines(y2023.get("T01"))).containsExactly(
                "AMO_SAL_PRIVE;0;0;0;;0;0;0.000000;0",
                "AMO_SAL_PUBLIC;0;0;0;;0;0;0.000000;0",
                "TOTAL;0;0;0;;0;0;0.000000;0");
        assertThat(lines(y2023.get("T04"))).containsExactly("TOTAL;0;;");
    }

    @Test
    void t02AgeAndSex() {
        // ages are 2024 − birth year (completed years at 31/12); shares are of the regime's 31/12 count
        assertThat(lines(y2024.get("T02"))).containsExactly(
                "AMO_SAL_PRIVE;00-04;M;1;0.333333;false",   // B03, born 2020-02-29: 4
                "AMO_SAL_PRIVE;35-44;M;1;0.333333;false",   // B01: 44
                "AMO_SAL_PRIVE;65-74;F;1;0.333333;false",   // B04: 69
                "AMO_SAL_PUBLIC;05-14;F;1;0.333333;false",  // C04: 14
                "AMO_SAL_PUBLIC;25-34;M;1;0.333333;false",  // C01: 34
                "AMO_SAL_PUBLIC;65-74;F;1;0.333333;false",  // C02: 74
                "AMO_TNS;25-34;M;1;0.500000;false",         // B05: 34
                "AMO_TNS;45-54;F;1;0.500000;false",         // B06: 54 (born 31/12/1970)
                "TOTAL;00-04;M;1;0.125000;false",           // 1/8
                "TOTAL;05-14;F;1;0.125000;false",
                "TOTAL;25-34;M;2;0.250000;false",           // C01 + B05: 2/8
                "TOTAL;35-44;M;1;0.125000;false",
                "TOTAL;45-54;F;1;0.125000;false",
                "TOTAL;65-74;F;2;0.250000;false");          // B04 + C02
    }

    @Test
    void t02SuppressesSmallCellsAndWhatDerivesFromThem() {
        RagTable t = byId(RagFixture.report().tables(new ReportOptions(2024, Path.of("unused"), Set.of(), 2, null))).get("T02");
        // threshold 2: every count of 1 is emptied with its share; the two counts of 2 stay. No secondary
        // suppression is needed (SecondarySuppressionTest reasons it out): every row and column with a suppressed
        // cell has at least two, and they form cycles.
        assertThat(lines(t)).contains("AMO_SAL_PRIVE;00-04;M;;;primary", "TOTAL;25-34;M;2;0.250000;false",
                "TOTAL;65-74;F;2;0.250000;false", "TOTAL;45-54;F;;;primary");
        assertThat(lines(t).stream().filter(l -> l.endsWith(";false"))).hasSize(2);
    }

    @Test
    void t03Regions() {
        // B06's region is 09 in the current delivery (08 only in the replaced one)
        assertThat(lines(y2024.get("T03"))).containsExactly(
                "AMO_SAL_PRIVE;04;1;0.333333;false",  // B04
                "AMO_SAL_PRIVE;06;2;0.666667;false",  // B01, B03: 2/3
                "AMO_SAL_PUBLIC;01;2;0.666667;false", // C01, C04
                "AMO_SAL_PUBLIC;04;1;0.333333;false", // C02
                "AMO_TNS;01;1;0.500000;false",        // B05
                "AMO_TNS;09;1;0.500000;false",        // B06
                "TOTAL;01;3;0.375000;false",          // 3/8
                "TOTAL;04;2;0.250000;false",
                "TOTAL;06;2;0.250000;false",
                "TOTAL;09;1;0.125000;false");
    }

    @Test
    void t04CoverageRate() {
        // 7 distinct persons ÷ 36,828,330 (population.csv 2024) = 0.00000019 → 0.000000 at 6 decimals
        assertThat(lines(y2024.get("T04"))).containsExactly("TOTAL;7;36828330;0.000000");
    }

    @Test
    void t05Contributions() {
        assertThat(lines(y2024.get("T05"))).containsExactly(
                // due 1000+1000 (E2's −5.00 row quarantined), collected 900+1000 = 1900 → 0.95;
                // insured exposure (B01 366 + B04 366 + B05 182)/366 = 914/366 → 1900×366/914 = 760.8315;
                // exposure 1645/366 → 1900×366/1645 = 422.7356
                "AMO_SAL_PRIVE;2000.00;1900.00;0.950000;760.83;422.74",
                // sequence 2 replaces sequence 1: 2000 + 450 collected (not 400) of 2000 + 500 due → 0.98;
                // insured exposure C01 + C02 = 732/366 = 2 → 1225; 2450×366/1189 = 754.1632
                "AMO_SAL_PUBLIC;2500.00;2450.00;0.980000;1225.00;754.16",
                // 150.50/300 = 0.5016667; both TNS beneficiaries are ASSURE: 150.5×366/550 = 100.1509
                "AMO_TNS;300.00;150.50;0.501667;100.15;100.15",
                // 4500.50/4800 = 0.9376042; insured 2196 d → 4500.5×366/2196 = 750.0833; 4500.5×366/3384 = 486.7562
                "TOTAL;4800.00;4500.50;0.937604;750.08;486.76");
    }

    @Test
    void t06Spending() {
        assertThat(lines(y2024.get("T06"))).containsExactly(
                // K1/1, K2/1, K2/2, K4/1: claimed 200+5000+300+100 = 5600, base 150+4000+300+100 = 4550,
                // reimbursed 105+3600+240+80 = 4025; 4025/5600 = 0.71875; out of pocket 1575 → 0.28125
                "AMO_SAL_PRIVE;4;3;5600.00;4550.00;4025.00;0.718750;1575.00;0.281250",
                // L1, L2, L3/1, L3/2, L4: 1000+200+120+800+50 = 2170; 1000+80+100+300+50 = 1530;
                // 900+64+80+240+40 = 1324 → 1324/2170 = 0.6101382; 846/2170 = 0.3898618
                "AMO_SAL_PUBLIC;5;4;2170.00;1530.00;1324.00;0.610138;846.00;0.389862",
                // K3/1: 56/250 = 0.224
                "AMO_TNS;1;1;250.00;80.00;56.00;0.224000;194.00;0.776000",
                // 8020 claimed, 5405 reimbursed → 0.6739401; 2615/8020 = 0.3260599
                "TOTAL;10;8;8020.00;6160.00;5405.00;0.673940;2615.00;0.326060");
    }

    @Test
    void t07SpendingByCategory() {
        assertThat(lines(y2024.get("T07"))).containsExactly(
                "AMO_SAL_PRIVE;BIOLOGIE;100.00;80.00;0.019876",          // 80/4025
                "AMO_SAL_PRIVE;HOSPITALISATION;5000.00;3600.00;0.894410", // 3600/4025
                "AMO_SAL_PRIVE;MEDICAMENTS;500.00;345.00;0.085714",      // K1 105 + K2/2 240 = 345; /4025
                "AMO_SAL_PUBLIC;BIOLOGIE;50.00;40.00;0.030211",          // 40/1324
                "AMO_SAL_PUBLIC;CONSULTATIONS;200.00;64.00;0.048338",    // 64/1324
                "AMO_SAL_PUBLIC;HEMODIALYSE;1000.00;900.00;0.679758",    // 900/1324
                "AMO_SAL_PUBLIC;MEDICAMENTS;120.00;80.00;0.060423",      // 80/1324
                "AMO_SAL_PUBLIC;OPTIQUE;800.00;240.00;0.181269",         // 240/1324
                "AMO_TNS;CONSULTATIONS;250.00;56.00;1.000000",
                "TOTAL;BIOLOGIE;150.00;120.00;0.022202",                 // 120/5405
                "TOTAL;CONSULTATIONS;450.00;120.00;0.022202",            // 64+56 = 120
                "TOTAL;HEMODIALYSE;1000.00;900.00;0.166512",             // 900/5405
                "TOTAL;HOSPITALISATION;5000.00;3600.00;0.666050",        // 3600/5405
                "TOTAL;MEDICAMENTS;620.00;425.00;0.078631",              // 345+80 = 425
                "TOTAL;OPTIQUE;800.00;240.00;0.044403");
    }

    @Test
    void t08SpendingBySectorAndPaymentMode() {
        assertThat(lines(y2024.get("T08"))).containsExactly(
                "AMO_SAL_PRIVE;PRIVE;REMBOURSEMENT;500.00;345.00;0.085714",   // K1 + K2/2
                "AMO_SAL_PRIVE;PRIVE;TIERS_PAYANT;100.00;80.00;0.019876",     // K4
                "AMO_SAL_PRIVE;PUBLIC;TIERS_PAYANT;5000.00;3600.00;0.894410", // K2/1
                "AMO_SAL_PUBLIC;PRIVE;REMBOURSEMENT;1120.00;384.00;0.290030", // L2+L3: 200+120+800; 64+80+240 = 384; /1324
                "AMO_SAL_PUBLIC;PUBLIC;TIERS_PAYANT;1050.00;940.00;0.709970", // L1+L4: 900+40
                "AMO_TNS;PRIVE;REMBOURSEMENT;250.00;56.00;1.000000",
                "TOTAL;PRIVE;REMBOURSEMENT;1870.00;785.00;0.145236",          // 345+384+56 = 785; /5405
                "TOTAL;PRIVE;TIERS_PAYANT;100.00;80.00;0.014801",
                "TOTAL;PUBLIC;TIERS_PAYANT;6050.00;4540.00;0.839963");        // 3600+940
    }

    @Test
    void t09Consumption() {
        assertThat(lines(y2024.get("T09"))).containsExactly(
                // consumers B01, B04, B77 = 3; 3×366/1645 = 0.6674772; 4025×366/1645 = 895.5319; 4025/3
                "AMO_SAL_PRIVE;3;0.667477;895.53;1341.67",
                // C01, C02, C03 = 3; 3×366/1189 = 0.9234651; 1324×366/1189 = 407.5593; 1324/3 = 441.33
                "AMO_SAL_PUBLIC;3;0.923465;407.56;441.33",
                // B06; 366/550 = 0.6654545; 56×366/550 = 37.2655
                "AMO_TNS;1;0.665455;37.27;56.00",
                // 7×366/3384 = 0.7570922; 5405×366/3384 = 584.5833; 5405/7 = 772.1429
                "TOTAL;7;0.757092;584.58;772.14");
    }

    @Test
    void t10Ald() {
        assertThat(lines(y2024.get("T10"))).containsExactly(
                // B04 (ALD07); B01's ALD03 ended 2023-06-30. 1/3. Coded K2/1+K2/2 = 3840 → 3840/4025 = 0.9540373;
                // all of B04's spending is ALD-coded: 3840
                "AMO_SAL_PRIVE;1;0.333333;3840.00;0.954037;3840.00;0.954037",
                // C02 (two codes, one patient). Coded L1 900 → 900/1324 = 0.6797583; C02's spending L1+L4 = 940 → 0.7099698
                "AMO_SAL_PUBLIC;1;0.333333;900.00;0.679758;940.00;0.709970",
                // B88 (unknown to the beneficiaries feed, still an exemption of the regime): 1/2; no spending
                "AMO_TNS;1;0.500000;0.00;0.000000;0.00;0.000000",
                // 3/8; 4740/5405 = 0.8769658; 4780/5405 = 0.8843663
                "TOTAL;3;0.375000;4740.00;0.876966;4780.00;0.884366");
    }

    @Test
    void t11AldByCondition() {
        assertThat(lines(y2024.get("T11"))).containsExactly(
                "AMO_SAL_PRIVE;ALD07;1;3840.00;3840.00;false",
                "AMO_SAL_PUBLIC;ALD06;1;900.00;900.00;false",   // ordered by coded reimbursed, descending
                "AMO_SAL_PUBLIC;ALD03;1;0.00;0.00;false",
                "AMO_TNS;ALD05;1;0.00;0.00;false",
                "TOTAL;ALD07;1;3840.00;3840.00;false",
                "TOTAL;ALD06;1;900.00;900.00;false",
                "TOTAL;ALD03;1;0.00;0.00;false",                // ties on 0.00 by code
                "TOTAL;ALD05;1;0.00;0.00;false");
        RagTable suppressed = byId(RagFixture.report().tables(new ReportOptions(2024, Path.of("unused"), Set.of(), 5, null))).get("T11");
        // default threshold 5: every patient count (1) is hidden with the per-patient figure derived from it
        assertThat(lines(suppressed)).startsWith("AMO_SAL_PRIVE;ALD07;;3840.00;;primary");
    }

    @Test
    void t12TechnicalBalance() {
        assertThat(lines(y2024.get("T12"))).containsExactly(
                // 1900 + 50 (PRODUITS_FINANCIERS) − 4025 − 100 (FRAIS_GESTION) − 0 = −2175; 4025/1900 = 2.1184211
                "AMO_SAL_PRIVE;1900.00;50.00;4025.00;100.00;0.00;-2175.00;2.118421",
                // no financials from CNOPS → 0; 2450 − 1324 = 1126; 1324/2450 = 0.5404082
                "AMO_SAL_PUBLIC;2450.00;0.00;1324.00;0.00;0.00;1126.00;0.540408",
                // 150.50 − 56 − 10 (AUTRES_CHARGES) = 84.50; 56/150.5 = 0.3720930
                "AMO_TNS;150.50;0.00;56.00;0.00;10.00;84.50;0.372093",
                // 4500.50 + 50 − 5405 − 100 − 10 = −964.50; 5405/4500.5 = 1.2009777
                "TOTAL;4500.50;50.00;5405.00;100.00;10.00;-964.50;1.200978");
    }

    @Test
    void t13Evolution() {
        assertThat(lines(y2024.get("T13"))).containsExactly(
                "AMO_SAL_PRIVE;2023;0;0.00;64.00;-64.00;",                // K0 only; first year: no growth
                "AMO_SAL_PRIVE;2024;3;1900.00;4025.00;-2175.00;61.890625", // 4025/64 − 1
                "AMO_SAL_PUBLIC;2023;0;0.00;900.00;-900.00;",             // L0
                "AMO_SAL_PUBLIC;2024;3;2450.00;1324.00;1126.00;0.471111",  // 1324/900 − 1
                "AMO_TNS;2024;2;150.50;56.00;84.50;",                     // TNS not present in 2023
                "TOTAL;2023;0;0.00;964.00;-964.00;",
                "TOTAL;2024;8;4500.50;5405.00;-964.50;4.606846");          // 5405/964 − 1
    }

    @Test
    void t14DoubleRegistration() {
        // N05 is covered at 31/12 by C01 (PUBLIC) and B05 (TNS). Its PRIVE spell (to 30/06) overlapped PUBLIC
        // during the year but not at 31/12, so that pair has no row.
        assertThat(lines(y2024.get("T14"))).containsExactly("AMO_SAL_PUBLIC;AMO_TNS;1", "TOTAL;;1");
    }
}
