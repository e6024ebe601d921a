package ma.amo.transforms;

import ma.amo.common.testing.TestSpark;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The replaceWhere predicates a gold mart is rewritten with. */
class ScopeTest {
    private static Scope cells(String sql) {
        return Scope.of(TestSpark.get().sql(sql), "year");
    }

    @Test
    void monthsNarrowTheYearsTheyNameAndLeaveTheOthersWhole() {
        Scope scope = cells("SELECT * FROM VALUES (2024, 'AMO_TNS'), (2024, 'AMO_SAL_PRIVE'), (2025, 'AMO_TNS'),"
                + " (2025, NULL) AS t(year, regime_code)");
        assertThat(scope.toString()).isEqualTo("{2024=[AMO_SAL_PRIVE, AMO_TNS], 2025=[AMO_TNS]}");
        assertThat(scope.predicate("year", "regime_code"))
                .isEqualTo("(year = 2024 AND regime_code IN ('AMO_SAL_PRIVE', 'AMO_TNS')) OR (year = 2025 AND regime_code IN ('AMO_TNS'))");
        // 2024 changed through claim lines of December only; 2025 through ALD exemptions too: whole cells
        assertThat(scope.predicate("year", "regime_code", "month", Map.of(2024, List.of(12))))
                .isEqualTo("((year = 2024 AND regime_code IN ('AMO_SAL_PRIVE', 'AMO_TNS')) AND month IN (12))"
                        + " OR (year = 2025 AND regime_code IN ('AMO_TNS'))");
        assertThat(Scope.empty().predicate("year", "regime_code", "month", Map.of())).isEqualTo("false");
    }
}
