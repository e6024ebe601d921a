package ma.amo.transforms;

import java.util.List;

/** Names of the silver tables (layer.table); documented in docs/marts.md. */
public final class SilverTables {
    public static final String COVERAGE_SPELLS = "silver.coverage_spells";
    public static final String COVERAGE_PERIODS = "silver.coverage_periods";
    public static final String PERSON_KEYS = "silver.person_keys";
    public static final String CLAIM_LINES = "silver.claim_lines";
    public static final String CONTRIBUTIONS = "silver.contributions";
    public static final String FINANCIALS = "silver.financials";
    public static final String ALD_EXEMPTIONS = "silver.ald_exemptions";
    public static final String DOUBLE_REGISTRATIONS = "silver.double_registrations";
    public static final String DQ_FINDINGS = "silver.dq_findings";
    /** One row per table the last build read or wrote, with its Delta version: the build's bookmark. */
    public static final String BUILD_STATE = "silver._build_state";

    public static final List<String> ALL = List.of(COVERAGE_SPELLS, COVERAGE_PERIODS, PERSON_KEYS, CLAIM_LINES,
            CONTRIBUTIONS, FINANCIALS, ALD_EXEMPTIONS, DOUBLE_REGISTRATIONS, DQ_FINDINGS);

    private SilverTables() {
    }
}
