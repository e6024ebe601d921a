package ma.amo.common.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static ma.amo.common.contract.Column.nullable;
import static ma.amo.common.contract.Column.required;
import static ma.amo.common.contract.ColumnType.DATE;
import static ma.amo.common.contract.ColumnType.DECIMAL;
import static ma.amo.common.contract.ColumnType.INTEGER;
import static ma.amo.common.contract.ColumnType.MONTH;
import static ma.amo.common.contract.ColumnType.STRING;

/**
 * The five feeds of the data contract (shared/contract/README.md), column by column. This enum is the
 * single place the platform learns the contract from: the generator writes these headers, ingestion checks
 * them, bronze tables are typed from them.
 */
public enum Feed {
    BENEFICIARIES("beneficiaries", PeriodKind.YEAR,
            List.of("beneficiary_id", "regime_code", "coverage_start"),
            List.of(),
            List.of(
                    required("og_code", STRING).in(CodeList.MANAGING_BODY),
                    required("regime_code", STRING).in(CodeList.REGIME),
                    required("beneficiary_id", STRING).pseudonymised(IdentifierKind.PERSON),
                    required("insured_id", STRING).pseudonymised(IdentifierKind.PERSON),
                    required("relationship", STRING).oneOf("ASSURE", "CONJOINT", "ENFANT", "ASCENDANT"),
                    nullable("insured_status", STRING).oneOf("ACTIF", "PENSIONNE"),
                    nullable("national_id", STRING).pseudonymised(IdentifierKind.NATIONAL),
                    required("sex", STRING).oneOf("M", "F"),
                    required("birth_date", DATE),
                    required("region_code", STRING).in(CodeList.REGION),
                    required("coverage_start", DATE),
                    nullable("coverage_end", DATE))),

    CONTRIBUTIONS("contributions", PeriodKind.YEAR_OR_MONTH,
            List.of("regime_code", "period_month", "contributor_type", "contributor_id"),
            List.of("amount_due", "amount_collected"),
            List.of(
                    required("og_code", STRING).in(CodeList.MANAGING_BODY),
                    required("regime_code", STRING).in(CodeList.REGIME),
                    required("period_month", MONTH),
                    required("contributor_type", STRING).oneOf("EMPLOYEUR", "ASSURE", "PENSIONNE", "TNS", "ETAT", "AUTRE"),
                    required("contributor_id", STRING).pseudonymised(IdentifierKind.CONTRIBUTOR),
                    nullable("insured_count", INTEGER),
                    required("amount_due", DECIMAL),
                    required("amount_collected", DECIMAL))),

    CLAIMS("claims", PeriodKind.YEAR_OR_MONTH,
            List.of("claim_id", "line_no"),
            List.of("amount_claimed", "amount_reimbursed"),
            List.of(
                    required("og_code", STRING).in(CodeList.MANAGING_BODY),
                    required("regime_code", STRING).in(CodeList.REGIME),
                    required("claim_id", STRING),
                    required("line_no", INTEGER),
                    required("beneficiary_id", STRING).pseudonymised(IdentifierKind.PERSON),
                    required("care_date", DATE),
                    nullable("settlement_date", DATE),
                    required("care_category", STRING).in(CodeList.CARE_CATEGORY),
                    nullable("act_code", STRING),
                    nullable("provider_inpe", STRING),
                    required("provider_sector", STRING).oneOf("PUBLIC", "PRIVE"),
                    required("payment_mode", STRING).oneOf("TIERS_PAYANT", "REMBOURSEMENT"),
                    required("amount_claimed", DECIMAL),
                    required("amount_base", DECIMAL),
                    required("amount_reimbursed", DECIMAL),
                    nullable("ald_code", STRING).in(CodeList.ALD),
                    required("status", STRING).oneOf("PAYE", "REJETE", "EN_COURS"))),

    ALD("ald", PeriodKind.YEAR_OR_MONTH,
            List.of("beneficiary_id", "regime_code", "ald_code", "start_date"),
            List.of(),
            List.of(
                    required("og_code", STRING).in(CodeList.MANAGING_BODY),
                    required("regime_code", STRING).in(CodeList.REGIME),
                    required("beneficiary_id", STRING).pseudonymised(IdentifierKind.PERSON),
                    required("ald_code", STRING).in(CodeList.ALD),
                    required("decision_date", DATE),
                    required("start_date", DATE),
                    nullable("end_date", DATE))),

    FINANCIALS("financials", PeriodKind.YEAR_OR_MONTH,
            List.of("regime_code", "year", "item"),
            List.of("amount"),
            List.of(
                    required("og_code", STRING).in(CodeList.MANAGING_BODY),
                    required("regime_code", STRING).in(CodeList.REGIME),
                    required("year", INTEGER),
                    required("item", STRING).oneOf("FRAIS_GESTION", "PRODUITS_FINANCIERS", "AUTRES_PRODUITS", "AUTRES_CHARGES"),
                    required("amount", DECIMAL)));

    private final String code;
    private final PeriodKind periodKind;
    private final List<String> keyColumns;
    private final List<String> controlTotals;
    private final List<Column> columns;

    Feed(String code, PeriodKind periodKind, List<String> keyColumns, List<String> controlTotals, List<Column> columns) {
        this.code = code;
        this.periodKind = periodKind;
        this.keyColumns = keyColumns;
        this.controlTotals = controlTotals;
        this.columns = columns;
    }

    /** The feed's name in manifests and the bronze table's name. */
    public String code() {
        return code;
    }

    public PeriodKind periodKind() {
        return periodKind;
    }

    /** Columns whose values are unique inside one delivery (og_code is implied: a delivery has one OG). */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Amount columns the manifest's control_totals must sum. */
    public List<String> controlTotals() {
        return controlTotals;
    }

    /** The contract's columns in the contract's order (the generator's header order). */
    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(code + " has no column " + name));
    }

    public static Optional<Feed> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
