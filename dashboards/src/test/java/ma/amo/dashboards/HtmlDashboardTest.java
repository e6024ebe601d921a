package ma.amo.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import ma.amo.dashboards.html.DashboardData;
import ma.amo.dashboards.html.HtmlDashboard;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The self-contained dashboard in a real headless Chromium, checked against the published PostgreSQL figures. */
class HtmlDashboardTest {

    @Test
    void formatsAmountsTheMoroccanWay() {
        assertThat(FrenchNumbers.mad(new BigDecimal("1234567.891"))).isEqualTo("1\u202F234\u202F567,89\u202FMAD");
        assertThat(FrenchNumbers.mad(new BigDecimal("-2175"))).isEqualTo("-2\u202F175,00\u202FMAD");
        assertThat(FrenchNumbers.count(950)).isEqualTo("950");
        assertThat(FrenchNumbers.percent(new BigDecimal("0.9"))).isEqualTo("90,0\u202F%");
    }

    @Test
    void rendersThePublishedFiguresAndTheSelectorChangesThem() throws Exception {
        TestPostgres.published();
        Path out = ServingFixture.outputDir().resolve("dashboard");
        Path page = HtmlDashboard.write(TestPostgres.snapshot(), ServingFixture.REFERENCE, out);
        String html = Files.readString(page);
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link", "/*AMO_DATA*/null");
        Path shots = ServingFixture.outputDir().resolve("screenshots");

        try (HeadlessChromium browser = new HeadlessChromium(1366, 768); Handle db = TestPostgres.jdbi().open()) {
            browser.open(page);
            assertThat(browser.script("return document.readyState").asText()).isEqualTo("complete");
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.text("h1")).contains("assurance maladie obligatoire");
            browser.screenshot(shots.resolve("equilibre-tous-regimes-laptop.png"));

            // Default selection: every regime, the latest year (2024).
            assertThat(browser.text("[data-kpi=resources] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT sum(resources) FROM amo.technical_balance WHERE year = 2024")));
            assertThat(browser.text("[data-kpi=surplus] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT sum(surplus) FROM amo.technical_balance WHERE year = 2024")));
            assertThat(barValue(browser, "chart-balance-regimes", "resources", "AMO_TNS"))
                    .isEqualByComparingTo(amount(db, "SELECT resources FROM amo.technical_balance WHERE regime_code = 'AMO_TNS' AND year = 2024"));
            assertThat(barValue(browser, "chart-balance-regimes", "benefits_paid", "AMO_SAL_PRIVE"))
                    .isEqualByComparingTo(amount(db, "SELECT benefits_paid FROM amo.technical_balance WHERE regime_code = 'AMO_SAL_PRIVE' AND year = 2024"));

            // The selector: one regime.
            browser.click("#regime option[value=AMO_SAL_PRIVE]");
            assertThat(browser.text("[data-kpi=resources] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT resources FROM amo.technical_balance WHERE regime_code = 'AMO_SAL_PRIVE' AND year = 2024")));
            assertThat(browser.text("[data-kpi=surplus] .value")).isEqualTo("-2\u202F175,00\u202FMAD");
            assertThat(browser.script("return document.querySelector('[data-kpi=surplus] .value').className").asText()).contains("negative");
            assertThat(browser.script("return document.querySelectorAll('#chart-balance-regimes rect[data-series=resources]').length").asInt()).isEqualTo(1);
            browser.screenshot(shots.resolve("equilibre-amo-sal-prive-laptop.png"));

            browser.click("nav button[data-view=population]");
            assertThat(browser.text("[data-kpi=beneficiaries_31dec] .value")).isEqualTo(FrenchNumbers.count(
                    amount(db, "SELECT sum(beneficiaries_31dec) FROM amo.population WHERE regime_code = 'AMO_SAL_PRIVE' AND year = 2024").longValueExact()));
            browser.screenshot(shots.resolve("population-amo-sal-prive-laptop.png"));

            browser.click("#regime option[value=ALL]");
            BigDecimal persons = amount(db, "SELECT sum(persons_all_regimes_31dec) FROM amo.population WHERE year = 2024");
            assertThat(browser.text("[data-kpi=persons_31dec] .value")).isEqualTo(FrenchNumbers.count(persons.longValueExact()));
            assertThat(browser.text("[data-kpi=coverage_rate] .value")).isEqualTo(FrenchNumbers.percent(
                    persons.divide(new BigDecimal(ServingFixture.REFERENCE.population(2024).orElseThrow()), 10, java.math.RoundingMode.HALF_UP)));
            assertThat(browser.script("return document.querySelectorAll('#chart-pyramid rect').length").asInt()).isPositive();
            // default threshold 5: every beneficiary count by age, sex and region of the fixture is 1 to 3, so the
            // TOTAL row's 6 age × sex cells and 4 regions (T02/T03 TOTAL rows) all show as secret, none as a number
            assertThat(browser.script("return document.querySelectorAll('#chart-pyramid rect[data-value=secret]').length").asInt()).isEqualTo(6);
            assertThat(browser.script("return document.querySelectorAll('#chart-regions rect[data-value=secret]').length").asInt()).isEqualTo(4);
            assertThat(browser.script("return [...document.querySelectorAll('#chart-regions rect')].filter(r => r.getAttribute('data-value') !== 'secret').length").asInt()).isZero();

            browser.click("nav button[data-view=consumption]");
            assertThat(browser.text("[data-kpi=amount_reimbursed] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT sum(amount_reimbursed) FROM amo.spending WHERE year = 2024")));
            assertThat(barValue(browser, "chart-care", "amount_reimbursed", "MEDICAMENTS")).isEqualByComparingTo(
                    amount(db, "SELECT sum(amount_reimbursed) FROM amo.spending WHERE year = 2024 AND care_category = 'MEDICAMENTS'"));
            browser.resize(1920, 1080);
            browser.screenshot(shots.resolve("consommation-tous-regimes-projecteur.png"));

            // The year selector.
            browser.click("#year option[value='2023']");
            assertThat(browser.text("[data-kpi=amount_reimbursed] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT sum(amount_reimbursed) FROM amo.spending WHERE year = 2023")));
            browser.click("nav button[data-view=balance]");
            assertThat(browser.text("[data-kpi=benefits_paid] .value")).isEqualTo(FrenchNumbers.mad(
                    amount(db, "SELECT sum(benefits_paid) FROM amo.technical_balance WHERE year = 2023")));
            browser.screenshot(shots.resolve("equilibre-2023-projecteur.png"));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void embedsCountsByAgeSexAndRegionOnlyAsTheRagPublishesThem() {
        JsonNode data = DashboardData.build(TestPostgres.snapshot(), ServingFixture.REFERENCE, DataDictionary.load(), 2);
        List<String> regions2024 = new ArrayList<>();
        data.get("regions").forEach(r -> {
            if (r.get(1).asInt() == 2024) {
                regions2024.add(r.toString());
            }
        });
        // the RAG's T03 at threshold 2 (SecondarySuppressionTest reasons every cell): counts of 1 primary,
        // PRIVE.06, PUBLIC.01, TOTAL.04 and TOTAL.06 secondary, TOTAL.01 = 3 published
        assertThat(regions2024).containsExactly(
                "[\"AMO_SAL_PRIVE\",2024,\"04\",null,\"primary\"]",
                "[\"AMO_SAL_PRIVE\",2024,\"06\",null,\"secondary\"]",
                "[\"AMO_SAL_PUBLIC\",2024,\"01\",null,\"secondary\"]",
                "[\"AMO_SAL_PUBLIC\",2024,\"04\",null,\"primary\"]",
                "[\"AMO_TNS\",2024,\"01\",null,\"primary\"]",
                "[\"AMO_TNS\",2024,\"09\",null,\"primary\"]",
                "[\"TOTAL\",2024,\"01\",3,\"false\"]",
                "[\"TOTAL\",2024,\"04\",null,\"secondary\"]",
                "[\"TOTAL\",2024,\"06\",null,\"secondary\"]",
                "[\"TOTAL\",2024,\"09\",null,\"primary\"]");
        // no finer cross (age × sex × region) is embedded any more; population is by regime and year only
        assertThat(data.get("population").get(0).size()).isEqualTo(4);
        assertThat(data.get("pyramid").get(0).size()).isEqualTo(6);
    }

    private static BigDecimal amount(Handle db, String sql) {
        return db.createQuery(sql).mapTo(BigDecimal.class).one();
    }

    private static BigDecimal barValue(HeadlessChromium browser, String chart, String series, String key) {
        String v = browser.script("const r = document.querySelector('#' + arguments[0] + ' rect[data-series=\"' + arguments[1] "
                + "+ '\"][data-key=\"' + arguments[2] + '\"]'); return r ? r.getAttribute('data-value') : null;", chart, series, key).asText(null);
        assertThat(v).as(chart + " " + series + " " + key).isNotNull();
        return new BigDecimal(v);
    }
}
