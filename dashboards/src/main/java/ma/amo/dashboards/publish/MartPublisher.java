package ma.amo.dashboards.publish;

import ma.amo.common.CrashPoint;
import ma.amo.common.PlatformVersion;
import ma.amo.dashboards.DataDictionary;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import static ma.amo.dashboards.publish.PgTypes.ident;
import static ma.amo.dashboards.publish.PgTypes.literal;

/**
 * Publishes the gold marts to PostgreSQL schema {@value #SCHEMA}, atomically. Everything is first loaded into
 * {@value #STAGING} (COPY from rows streamed out of Delta), checked (row counts against the Delta source), given
 * keys, indexes, comments and grants; then one transaction renames {@value #SCHEMA} away and {@value #STAGING} into
 * its place. A reader resolves {@code amo.x} either before that commit (the old tables) or after (the new ones),
 * never a mix; a failure before the commit leaves the previous publication as it was. The old schema is dropped
 * after the swap (that waits for readers still scanning it, without blocking new readers).
 */
public final class MartPublisher {
    public static final String SCHEMA = "amo";
    public static final String PUBLICATION = "publication";
    static final String STAGING = "amo_staging";
    static final String PREVIOUS = "amo_previous";
    /** Advisory lock key: one publisher at a time per database ("amo_pub" in ASCII). */
    private static final long LOCK_KEY = 0x616d6f5f707562L;
    private static final int COPY_BUFFER = 1 << 20;

    private final Jdbi jdbi;
    private final ServingRoles roles;
    private final DataDictionary dictionary;

    public MartPublisher(Jdbi jdbi, ServingRoles roles, DataDictionary dictionary) {
        this.jdbi = jdbi;
        this.roles = roles;
        this.dictionary = dictionary;
    }

    public PublishReport publish(GoldSnapshot snapshot, PublishListener listener) {
        long started = System.nanoTime();
        Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Handle h = jdbi.open()) {
            h.execute("SELECT pg_advisory_lock(?)", LOCK_KEY);
            try {
                // Leftovers of a crashed run: an unfinished staging, or an old schema whose drop did not happen.
                h.execute("DROP SCHEMA IF EXISTS " + STAGING + " CASCADE");
                h.execute("DROP SCHEMA IF EXISTS " + PREVIOUS + " CASCADE");
                h.execute("CREATE SCHEMA " + STAGING);
                List<PublishReport.PublishedTable> published = new ArrayList<>();
                for (GoldSnapshot.Table table : snapshot.tables()) {
                    listener.progress("staging " + table.mart().table() + " (version " + table.version() + ")");
                    published.add(stage(h, table));
                    CrashPoint.reach("publish.staged");
                }
                long publicationId = stagePublicationLog(h, snapshot, published, publishedAt);
                List<String> missingRoles = roles.missing(h);
                roles.secure(h, STAGING, published.stream().map(PublishReport.PublishedTable::name).toList(),
                        List.of(PUBLICATION));
                listener.beforeSwap();
                CrashPoint.reach("publish.before-swap");
                listener.progress("swapping " + STAGING + " into " + SCHEMA);
                swap(h);
                CrashPoint.reach("publish.swapped");
                h.execute("DROP SCHEMA IF EXISTS " + PREVIOUS + " CASCADE");
                return new PublishReport(publicationId, publishedAt, snapshot.buildStateVersion(), published,
                        missingRoles, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException e) {
                dropStagingQuietly(h, e);
                throw e;
            } finally {
                h.execute("SELECT pg_advisory_unlock(?)", LOCK_KEY);
            }
        }
    }

    private PublishReport.PublishedTable stage(Handle h, GoldSnapshot.Table table) {
        DataDictionary.Mart entry = dictionary.mart(table.name());
        String qualified = STAGING + "." + ident(table.name());
        StructField[] fields = table.rows().schema().fields();
        h.execute("CREATE TABLE " + qualified + " (" + java.util.Arrays.stream(fields)
                .map(f -> ident(f.name()) + " " + PgTypes.sqlType(f.dataType())).collect(Collectors.joining(", ")) + ")");
        long copied = copy(h, qualified, table);
        long expected = table.rows().count();
        long stored = h.createQuery("SELECT count(*) FROM " + qualified).mapTo(Long.class).one();
        if (copied != expected || stored != expected) {
            throw new IllegalStateException("row count check failed for " + table.mart().table() + ": Delta version "
                    + table.version() + " has " + expected + " rows, COPY wrote " + copied + ", the table holds " + stored);
        }
        addKey(h, qualified, table.name(), entry.grain());
        int i = 0;
        for (List<String> index : entry.indexes()) {
            h.execute("CREATE INDEX " + ident(table.name() + "_ix" + (++i)) + " ON " + qualified + " ("
                    + index.stream().map(PgTypes::ident).collect(Collectors.joining(", ")) + ")");
        }
        h.execute("ANALYZE " + qualified);
        h.execute("COMMENT ON TABLE " + qualified + " IS " + literal(entry.label()));
        for (StructField f : fields) {
            h.execute("COMMENT ON COLUMN " + qualified + "." + ident(f.name()) + " IS "
                    + literal(dictionary.requireColumnLabel(table.name(), f.name())));
        }
        return new PublishReport.PublishedTable(table.name(), table.version(), stored);
    }

    /** Streams the Delta rows into COPY … FROM STDIN as CSV, a buffer at a time (rows never all in memory). */
    private static long copy(Handle h, String qualified, GoldSnapshot.Table table) {
        try {
            CopyIn copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + qualified + " FROM STDIN (FORMAT csv)");
            try {
                StringBuilder buf = new StringBuilder(COPY_BUFFER + 4096);
                Iterator<Row> rows = table.rows().toLocalIterator();
                int width = table.rows().schema().size();
                while (rows.hasNext()) {
                    Row r = rows.next();
                    for (int c = 0; c < width; c++) {
                        if (c > 0) {
                            buf.append(',');
                        }
                        PgTypes.appendCsv(buf, r.get(c));
                    }
                    buf.append('\n');
                    if (buf.length() >= COPY_BUFFER) {
                        write(copy, buf);
                    }
                }
                write(copy, buf);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + qualified + " failed: " + e.getMessage(), e);
        }
    }

    private static void write(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /**
     * The grain becomes the primary key when none of its columns holds an empty value; a grain column may be
     * legitimately empty (a dependant has no insured_status, a non-ALD line no ald_code), and a primary key
     * forbids NULL, so such a mart gets a unique constraint that treats NULLs as equal instead (PostgreSQL 15+).
     */
    private static void addKey(Handle h, String qualified, String table, List<String> grain) {
        String columns = grain.stream().map(PgTypes::ident).collect(Collectors.joining(", "));
        String anyNull = grain.stream().map(c -> ident(c) + " IS NULL").collect(Collectors.joining(" OR "));
        boolean hasNull = h.createQuery("SELECT EXISTS (SELECT 1 FROM " + qualified + " WHERE " + anyNull + ")")
                .mapTo(Boolean.class).one();
        if (!hasNull) {
            h.execute("ALTER TABLE " + qualified + " ADD CONSTRAINT " + ident(table + "_pk") + " PRIMARY KEY (" + columns + ")");
        } else {
            h.execute("ALTER TABLE " + qualified + " ADD CONSTRAINT " + ident(table + "_key") + " UNIQUE NULLS NOT DISTINCT ("
                    + columns + ")");
        }
    }

    /**
     * The staged publication log: the previous publications' rows (the log survives swaps) plus one row per
     * table of this one. Returns this publication's number.
     */
    private long stagePublicationLog(Handle h, GoldSnapshot snapshot, List<PublishReport.PublishedTable> published,
                                     Instant publishedAt) {
        String log = STAGING + "." + PUBLICATION;
        h.execute("CREATE TABLE " + log + " (publication_id bigint NOT NULL, published_at timestamptz NOT NULL, "
                + "table_name text NOT NULL, source_table text NOT NULL, delta_version bigint NOT NULL, "
                + "row_count bigint NOT NULL, build_state_version bigint NOT NULL, platform_version text NOT NULL, "
                + "PRIMARY KEY (publication_id, table_name))");
        long id = 1;
        if (tableExists(h, SCHEMA, PUBLICATION)) {
            h.execute("INSERT INTO " + log + " SELECT * FROM " + SCHEMA + "." + PUBLICATION);
            id = h.createQuery("SELECT coalesce(max(publication_id), 0) + 1 FROM " + log).mapTo(Long.class).one();
        }
        for (PublishReport.PublishedTable t : published) {
            h.execute("INSERT INTO " + log + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, Timestamp.from(publishedAt),
                    t.name(), "gold." + t.name(), t.deltaVersion(), t.rows(), snapshot.buildStateVersion(),
                    PlatformVersion.get());
        }
        h.execute("COMMENT ON TABLE " + log + " IS " + literal(dictionary.publicationLabel()));
        dictionary.publicationColumns().forEach((column, label) ->
                h.execute("COMMENT ON COLUMN " + log + "." + ident(column) + " IS " + literal(label)));
        return id;
    }

    /** The atomic step: one transaction of two schema renames. */
    private static void swap(Handle h) {
        h.useTransaction(t -> {
            if (schemaExists(t, SCHEMA)) {
                t.execute("ALTER SCHEMA " + SCHEMA + " RENAME TO " + PREVIOUS);
            }
            t.execute("ALTER SCHEMA " + STAGING + " RENAME TO " + SCHEMA);
        });
    }

    static boolean schemaExists(Handle h, String schema) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = :s)").bind("s", schema)
                .mapTo(Boolean.class).one();
    }

    static boolean tableExists(Handle h, String schema, String table) {
        return h.createQuery("SELECT to_regclass(:t) IS NOT NULL").bind("t", schema + "." + table)
                .mapTo(Boolean.class).one();
    }

    private static void dropStagingQuietly(Handle h, RuntimeException cause) {
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
            h.execute("DROP SCHEMA IF EXISTS " + STAGING + " CASCADE");
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
