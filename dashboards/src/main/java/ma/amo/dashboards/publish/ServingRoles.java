package ma.amo.dashboards.publish;

import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static ma.amo.dashboards.publish.PgTypes.ident;
import static ma.amo.dashboards.publish.PgTypes.literal;

/**
 * Who may read the published marts. {@value #READER} reads everything; {@code amo_og_<og>} (one per managing
 * body) reads only the rows of the regimes that body managed, in the years it managed them (a regime that
 * changed body, AMO_SAL_PUBLIC under law 54-23, is seen by each body for its own years), through row-level
 * security on regime_code and year. They are group roles (NOLOGIN): people log in as their own users, granted
 * one of them. Nobody but the publisher (the tables' owner) can write: the roles get SELECT only.
 */
public final class ServingRoles {
    public static final String READER = "amo_reader";

    private final Map<String, String> ogScopes = new LinkedHashMap<>();

    public ServingRoles(ReferenceData reference) {
        for (String og : new TreeSet<>(reference.managingBodies())) {
            List<String> cells = new ArrayList<>();
            for (Regime r : reference.regimes()) {
                if (r.ogCode().equals(og)) {
                    String years = "year >= " + r.validFrom().getYear()
                            + (r.validTo() == null ? "" : " AND year <= " + r.validTo().getYear());
                    cells.add("(regime_code = " + literal(r.regimeCode()) + " AND " + years + ")");
                }
            }
            ogScopes.put(ogRole(og), cells.isEmpty() ? "false" : String.join(" OR ", cells));
        }
    }

    public static String ogRole(String ogCode) {
        return "amo_og_" + ogCode.toLowerCase(Locale.ROOT);
    }

    /** Every role this class manages: the reader, then one per managing body. */
    public List<String> roles() {
        List<String> all = new ArrayList<>();
        all.add(READER);
        all.addAll(ogScopes.keySet());
        return all;
    }

    /** Creates the missing roles; running it again changes nothing. Needs CREATEROLE (or a superuser). */
    public void create(Handle h) {
        for (String role : roles()) {
            h.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(role) + ") THEN "
                    + "CREATE ROLE " + ident(role) + " NOLOGIN; END IF; END $$");
        }
    }

    /** The managed roles missing from the server (publication then grants to the others only). */
    public List<String> missing(Handle h) {
        List<String> existing = h.createQuery("SELECT rolname FROM pg_roles").mapTo(String.class).list();
        return roles().stream().filter(r -> !existing.contains(r)).toList();
    }

    /**
     * Grants read access on a schema's tables: {@code marts} get row-level security (reader sees all, each body
     * its scope), {@code open} tables (the publication log) are readable by every role as they are.
     */
    public void secure(Handle h, String schema, List<String> marts, List<String> open) {
        List<String> present = new ArrayList<>(roles());
        present.removeAll(missing(h));
        h.execute("REVOKE ALL ON SCHEMA " + ident(schema) + " FROM PUBLIC");
        for (String role : present) {
            h.execute("GRANT USAGE ON SCHEMA " + ident(schema) + " TO " + ident(role));
        }
        for (String table : open) {
            grantSelect(h, ident(schema) + "." + ident(table), present);
        }
        for (String table : marts) {
            String qualified = ident(schema) + "." + ident(table);
            grantSelect(h, qualified, present);
            h.execute("ALTER TABLE " + qualified + " ENABLE ROW LEVEL SECURITY");
            if (present.contains(READER)) {
                h.execute("CREATE POLICY reader_all ON " + qualified + " FOR SELECT TO " + READER + " USING (true)");
            }
            ogScopes.forEach((role, scope) -> {
                if (present.contains(role)) {
                    h.execute("CREATE POLICY " + ident(role) + " ON " + qualified + " FOR SELECT TO " + ident(role)
                            + " USING (" + scope + ")");
                }
            });
        }
    }

    private static void grantSelect(Handle h, String qualified, List<String> roles) {
        h.execute("REVOKE ALL ON " + qualified + " FROM PUBLIC");
        for (String role : roles) {
            h.execute("GRANT SELECT ON " + qualified + " TO " + ident(role));
        }
    }
}
