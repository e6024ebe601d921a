package ma.amo.dashboards;

import ma.amo.common.PlatformVersion;
import ma.amo.dashboards.publish.GoldSnapshot;
import ma.amo.dashboards.publish.PublishListener;
import ma.amo.dashboards.publish.PublishReport;
import ma.amo.dashboards.publish.ServingRoles;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishTest {

    @Test
    void publishesEveryMartWithItsRowsVersionsKeysAndFrenchComments() {
        PublishReport report = TestPostgres.published();
        GoldSnapshot snapshot = TestPostgres.snapshot();
        assertThat(report.tables()).hasSize(8);
        try (Handle h = TestPostgres.jdbi().open()) {
            for (GoldSnapshot.Table t : snapshot.tables()) {
                long rows = h.createQuery("SELECT count(*) FROM amo." + t.name()).mapTo(Long.class).one();
                assertThat(rows).as(t.name()).isEqualTo(t.rows().count()).isPositive();
                Map<String, Object> log = h.createQuery("SELECT * FROM amo.publication WHERE table_name = :t "
                        + "AND publication_id = (SELECT max(publication_id) FROM amo.publication)").bind("t", t.name())
                        .mapToMap().one();
                assertThat(log.get("delta_version")).isEqualTo(t.version());
                assertThat(log.get("row_count")).isEqualTo(rows);
                assertThat(log.get("source_table")).isEqualTo("gold." + t.name());
                assertThat(log.get("build_state_version")).isEqualTo(snapshot.buildStateVersion());
                assertThat(log.get("platform_version")).isEqualTo(PlatformVersion.get());
                // Every column documented in French, and a key on the grain.
                assertThat(h.createQuery("SELECT count(*) FROM information_schema.columns c WHERE table_schema = 'amo' "
                        + "AND table_name = :t AND col_description(('amo.' || :t)::regclass, c.ordinal_position) IS NULL")
                        .bind("t", t.name()).mapTo(Long.class).one()).as(t.name() + " undocumented columns").isZero();
                assertThat(h.createQuery("SELECT count(*) FROM pg_constraint WHERE conrelid = ('amo.' || :t)::regclass "
                        + "AND contype IN ('p', 'u')").bind("t", t.name()).mapTo(Long.class).one()).isEqualTo(1);
            }
            assertThat(h.createQuery("SELECT obj_description('amo.technical_balance'::regclass)").mapTo(String.class).one())
                    .isEqualTo("Équilibre technique par régime et année");
            assertThat(h.createQuery("SELECT col_description('amo.technical_balance'::regclass, 8)").mapTo(String.class).one())
                    .isEqualTo("Excédent ou déficit technique (MAD)");
            assertThat(h.createQuery("SELECT surplus FROM amo.technical_balance WHERE regime_code = 'AMO_TNS' AND year = 2024")
                    .mapTo(String.class).one()).isEqualTo("84.50");
            // Key kinds: a clean grain is the primary key; one with legitimately empty columns a NULLS NOT DISTINCT key.
            assertThat(h.createQuery("SELECT contype FROM pg_constraint WHERE conrelid = 'amo.technical_balance'::regclass")
                    .mapTo(String.class).one()).isEqualTo("p");
        }
    }

    @Test
    void eachManagingBodySeesOnlyItsRegimesAndNoRoleCanWrite() {
        TestPostgres.published();
        Jdbi jdbi = TestPostgres.jdbi();
        // Creating roles again changes nothing (idempotent).
        jdbi.useHandle(new ServingRoles(ServingFixture.REFERENCE)::create);
        assertThat(regimesSeenBy(jdbi, ServingRoles.READER))
                .containsExactlyInAnyOrder("AMO_SAL_PRIVE", "AMO_SAL_PUBLIC", "AMO_TNS");
        assertThat(regimesSeenBy(jdbi, "amo_og_cnops")).containsExactly("AMO_SAL_PUBLIC");
        assertThat(regimesSeenBy(jdbi, "amo_og_cnss")).containsExactlyInAnyOrder("AMO_SAL_PRIVE", "AMO_TNS");
        for (String role : List.of(ServingRoles.READER, "amo_og_cnss")) {
            for (String write : List.of("INSERT INTO amo.evolution (regime_code, year) VALUES ('X', 1)",
                    "UPDATE amo.evolution SET surplus = 0", "DELETE FROM amo.publication",
                    "CREATE TABLE amo.intruder (x int)")) {
                assertThatThrownBy(() -> asRoleRun(jdbi, role, h -> h.execute(write)))
                        .as(role + ": " + write).hasMessageContaining("permission denied");
            }
        }
        // The publication log is open to every role.
        long logRows = asRole(jdbi, "amo_og_cnops", h -> h.createQuery("SELECT count(*) FROM amo.publication")
                .mapTo(Long.class).one());
        assertThat(logRows).isPositive();
    }

    @Test
    void aFailureBeforeTheSwapLeavesThePreviousPublicationIntact() {
        TestPostgres.published();
        Jdbi jdbi = TestPostgres.jdbi();
        long before = latestPublication(jdbi);
        String balance = "SELECT string_agg(regime_code || year || surplus, ',' ORDER BY regime_code, year) FROM amo.technical_balance";
        String balanceBefore = one(jdbi, balance, String.class);
        PublishListener failing = new PublishListener() {
            @Override
            public void progress(String message) {
            }

            @Override
            public void beforeSwap() {
                throw new IllegalStateException("injected failure after staging");
            }
        };
        assertThatThrownBy(() -> TestPostgres.publisher().publish(TestPostgres.snapshot(), failing))
                .hasMessageContaining("injected failure");
        assertThat(latestPublication(jdbi)).isEqualTo(before);
        assertThat(one(jdbi, balance, String.class)).isEqualTo(balanceBefore);
        assertThat(one(jdbi, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'amo%'", String.class))
                .isEqualTo("amo");

        // A publication that succeeds next replaces it and keeps the log of the previous ones.
        PublishReport next = TestPostgres.publisher().publish(TestPostgres.snapshot(), PublishListener.SILENT);
        assertThat(next.publicationId()).isEqualTo(before + 1);
        assertThat(one(jdbi, "SELECT count(DISTINCT publication_id) FROM amo.publication", Long.class)).isEqualTo(before + 1);
        assertThat(regimesSeenBy(jdbi, "amo_og_cnops")).containsExactly("AMO_SAL_PUBLIC");
    }

    private static long latestPublication(Jdbi jdbi) {
        return one(jdbi, "SELECT max(publication_id) FROM amo.publication", Long.class);
    }

    private static <T> T one(Jdbi jdbi, String sql, Class<T> type) {
        try (Handle h = jdbi.open()) {
            return h.createQuery(sql).mapTo(type).one();
        }
    }

    private static Set<String> regimesSeenBy(Jdbi jdbi, String role) {
        return asRole(jdbi, role, (Handle h) -> {
            Set<String> regimes = new TreeSet<>();
            for (String mart : List.of("population", "spending", "technical_balance", "evolution", "ald")) {
                regimes.addAll(h.createQuery("SELECT DISTINCT regime_code FROM amo." + mart).mapTo(String.class).list());
            }
            return regimes;
        });
    }

    /** Runs as a role (SET ROLE drops the superuser's rights, so row-level security applies) and rolls back. */
    private static <T> T asRole(Jdbi jdbi, String role, java.util.function.Function<Handle, T> work) {
        return jdbi.withHandle(h -> h.inTransaction(t -> {
            t.execute("SET LOCAL ROLE " + role);
            try {
                return work.apply(t);
            } finally {
                t.rollback();
            }
        }));
    }

    private static void asRoleRun(Jdbi jdbi, String role, java.util.function.Consumer<Handle> work) {
        asRole(jdbi, role, h -> {
            work.accept(h);
            return null;
        });
    }
}
