package ma.amo.dashboards.publish;

import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

import java.math.BigDecimal;
import java.sql.Timestamp;

/** Spark column types as PostgreSQL types, and Spark values as COPY CSV fields. */
final class PgTypes {
    private PgTypes() {
    }

    static String sqlType(DataType t) {
        if (t instanceof StringType) {
            return "text";
        } else if (t instanceof IntegerType || t instanceof ShortType) {
            return "integer";
        } else if (t instanceof LongType) {
            return "bigint";
        } else if (t instanceof DecimalType d) {
            return "numeric(" + d.precision() + "," + d.scale() + ")";
        } else if (t instanceof DoubleType) {
            return "double precision";
        } else if (t instanceof BooleanType) {
            return "boolean";
        } else if (t instanceof DateType) {
            return "date";
        } else if (t instanceof TimestampType) {
            return "timestamptz";
        }
        throw new IllegalArgumentException("no PostgreSQL type for Spark type " + t.simpleString());
    }

    /**
     * One value as a COPY CSV field. Strings are always quoted, so that an empty string stays one, while an
     * unquoted empty field is NULL.
     */
    static void appendCsv(StringBuilder out, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof String s) {
            out.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Timestamp ts) {
            out.append(ts.toInstant());
        } else {
            out.append(v);
        }
    }

    /** A SQL identifier, quoted only when it needs to be (our names are snake_case, so never in practice). */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
