package ma.amo.bench;

import ma.amo.marts.Exposure;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline a statistician might pick instead of the platform: DuckDB (in-process, JDBC) computing the
 * figures of T06 (spending), T07 (spending by care category), T09 (consumption) and T12 (technical balance)
 * of one year straight from Parquet copies of the silver tables, with the definitions of report-spec.md and
 * docs/report.md: paid (PAYE) lines settled in the year, exposure from the merged coverage periods, regimes
 * present in the year, TOTAL rows summed over the regimes. Quotients are computed in double precision (cast
 * explicitly), everything else exactly (DECIMAL sums, BIGINT counts).
 */
final class DuckDbMarts {
    /** The silver tables the four tables need. */
    static final List<String> SILVER = List.of(SilverTables.CLAIM_LINES, SilverTables.CONTRIBUTIONS,
            SilverTables.FINANCIALS, SilverTables.COVERAGE_SPELLS, SilverTables.COVERAGE_PERIODS,
            SilverTables.ALD_EXEMPTIONS);
    static final Set<String> TABLES = Set.of("T06", "T07", "T09", "T12");

    private DuckDbMarts() {
    }

    /** Parquet copies of the silver tables (one folder of part files each), written by Spark: not timed. */
    static void copySilver(DeltaIO io, Path out) {
        for (String table : SILVER) {
            io.read(table).write().mode("overwrite").parquet(out.resolve(name(table)).toString());
        }
    }

    private static String name(String table) {
        return table.substring(table.indexOf('.') + 1);
    }

    /** The four tables' figures, computed by DuckDB from the Parquet copies in {@code parquet}. */
    static Figures compute(Path parquet, int year) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
                for (String table : SILVER) {
                    String files = parquet.resolve(name(table)).resolve("*.parquet").toString().replace("'", "''");
                    st.execute("CREATE VIEW " + name(table) + " AS SELECT * FROM read_parquet('" + files + "')");
                }
                for (String sql : SETUP) {
                    st.execute(sql(sql, year));
                }
                Figures figures = new Figures();
                for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                    read(st, q.getKey(), sql(q.getValue(), year), figures);
                }
                return figures;
            }
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("DuckDB failed: " + e.getMessage(), e);
        }
    }

    private static String sql(String template, int year) {
        return template.replace("{Y}", String.valueOf(year)).replace("{DAYS}", String.valueOf(Exposure.daysInYear(year)));
    }

    /** Rows keyed by their text columns (regime_code, care_category), like {@link Figures#of}. */
    private static void read(Statement st, String table, String sql, Figures figures) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    Object v = rs.getObject(c);
                    if (v instanceof String s) {
                        key.add(s);
                    } else {
                        values.put(md.getColumnLabel(c), v instanceof BigInteger b ? new java.math.BigDecimal(b) : v);
                    }
                }
                figures.put(table, String.join("|", key), values);
            }
        }
    }

    /** Paid lines of the year and the regimes present in it, materialised once (as a DuckDB user would). */
    private static final List<String> SETUP = List.of("""
            CREATE TEMP TABLE paid AS
            SELECT og_code, regime_code, claim_id, beneficiary_id, care_category,
                   amount_claimed, amount_base, amount_reimbursed
            FROM claim_lines WHERE settlement_year = {Y} AND status = 'PAYE'""", """
            CREATE TEMP TABLE regimes AS
            SELECT regime_code FROM coverage_spells
              WHERE year = {Y} AND coverage_start <= DATE '{Y}-12-31'
                AND coalesce(coverage_end, DATE '9999-12-31') >= DATE '{Y}-01-01'
            UNION SELECT regime_code FROM paid
            UNION SELECT regime_code FROM contributions WHERE year = {Y}
            UNION SELECT regime_code FROM financials WHERE year = {Y}
            UNION SELECT regime_code FROM ald_exemptions
              WHERE start_date <= DATE '{Y}-12-31' AND coalesce(end_date, DATE '9999-12-31') >= DATE '{Y}-01-01'""");

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("T06", """
                WITH s AS (
                  SELECT regime_code, count(*) AS claim_lines, count(DISTINCT (og_code, claim_id)) AS claims,
                         sum(amount_claimed) AS claimed, sum(amount_base) AS base, sum(amount_reimbursed) AS reimbursed
                  FROM paid GROUP BY regime_code),
                r AS (
                  SELECT regime_code, coalesce(claim_lines, 0) AS claim_lines, coalesce(claims, 0) AS claims,
                         coalesce(claimed, 0) AS claimed, coalesce(base, 0) AS base, coalesce(reimbursed, 0) AS reimbursed
                  FROM regimes LEFT JOIN s USING (regime_code)),
                t AS (
                  SELECT * FROM r
                  UNION ALL SELECT 'TOTAL', sum(claim_lines), sum(claims), sum(claimed), sum(base), sum(reimbursed) FROM r)
                SELECT regime_code, claim_lines, claims, claimed AS amount_claimed, base AS amount_base,
                       reimbursed AS amount_reimbursed,
                       CAST(reimbursed AS DOUBLE) / nullif(claimed, 0) AS reimbursement_rate,
                       claimed - reimbursed AS out_of_pocket,
                       CAST(claimed - reimbursed AS DOUBLE) / nullif(claimed, 0) AS out_of_pocket_rate
                FROM t""");
        QUERIES.put("T07", """
                WITH c AS (
                  SELECT regime_code, care_category, sum(amount_claimed) AS claimed, sum(amount_reimbursed) AS reimbursed
                  FROM paid GROUP BY regime_code, care_category),
                t AS (
                  SELECT * FROM c
                  UNION ALL SELECT 'TOTAL', care_category, sum(claimed), sum(reimbursed) FROM c GROUP BY care_category)
                SELECT regime_code, care_category, claimed AS amount_claimed, reimbursed AS amount_reimbursed,
                       CAST(reimbursed AS DOUBLE) / nullif(sum(reimbursed) OVER (PARTITION BY regime_code), 0)
                         AS share_of_reimbursed
                FROM t""");
        QUERIES.put("T09", """
                WITH p AS (
                  SELECT regime_code, count(DISTINCT (og_code, beneficiary_id)) AS consumers,
                         sum(amount_reimbursed) AS reimbursed
                  FROM paid GROUP BY regime_code),
                e AS (
                  SELECT regime_code,
                         sum(greatest(least(coalesce(period_end, DATE '9999-12-31'), DATE '{Y}-12-31')
                                      - greatest(period_start, DATE '{Y}-01-01') + 1, 0)) AS days
                  FROM coverage_periods WHERE year = {Y} AND NOT insured_only GROUP BY regime_code),
                r AS (
                  SELECT regime_code, coalesce(consumers, 0) AS consumers, coalesce(reimbursed, 0) AS reimbursed,
                         coalesce(days, 0) AS days
                  FROM regimes LEFT JOIN p USING (regime_code) LEFT JOIN e USING (regime_code)),
                t AS (
                  SELECT * FROM r
                  UNION ALL SELECT 'TOTAL', sum(consumers), sum(reimbursed), sum(days) FROM r)
                SELECT regime_code, consumers,
                       CAST(consumers AS DOUBLE) / nullif(CAST(days AS DOUBLE) / {DAYS}, 0) AS recourse_rate,
                       CAST(reimbursed AS DOUBLE) / nullif(CAST(days AS DOUBLE) / {DAYS}, 0) AS reimbursed_per_beneficiary,
                       CAST(reimbursed AS DOUBLE) / nullif(consumers, 0) AS reimbursed_per_consumer
                FROM t""");
        QUERIES.put("T12", """
                WITH res AS (
                  SELECT regime_code, sum(amount_collected) AS resources FROM contributions
                  WHERE year = {Y} GROUP BY regime_code),
                ben AS (SELECT regime_code, sum(amount_reimbursed) AS benefits FROM paid GROUP BY regime_code),
                fin AS (
                  SELECT regime_code,
                         sum(CASE WHEN item IN ('PRODUITS_FINANCIERS', 'AUTRES_PRODUITS') THEN amount ELSE 0 END) AS other_income,
                         sum(CASE WHEN item = 'FRAIS_GESTION' THEN amount ELSE 0 END) AS management_costs,
                         sum(CASE WHEN item = 'AUTRES_CHARGES' THEN amount ELSE 0 END) AS other_charges
                  FROM financials WHERE year = {Y} GROUP BY regime_code),
                r AS (
                  SELECT regime_code, coalesce(resources, 0) AS resources, coalesce(other_income, 0) AS other_income,
                         coalesce(benefits, 0) AS benefits_paid, coalesce(management_costs, 0) AS management_costs,
                         coalesce(other_charges, 0) AS other_charges
                  FROM regimes LEFT JOIN res USING (regime_code) LEFT JOIN ben USING (regime_code)
                       LEFT JOIN fin USING (regime_code)),
                t AS (
                  SELECT * FROM r
                  UNION ALL SELECT 'TOTAL', sum(resources), sum(other_income), sum(benefits_paid), sum(management_costs),
                                   sum(other_charges) FROM r)
                SELECT regime_code, resources, other_income, benefits_paid, management_costs, other_charges,
                       resources + other_income - benefits_paid - management_costs - other_charges AS surplus,
                       CAST(benefits_paid AS DOUBLE) / nullif(resources, 0) AS loss_ratio
                FROM t""");
    }
}
