package ma.amo.report;

import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TempFolders;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.GoldMarts;
import ma.amo.marts.WarehouseBuild;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverBuild;
import ma.amo.transforms.SilverTables;
import ma.amo.transforms.testing.LandingLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hand-made dataset of src/test/resources/fixture (contract format), ingested and built once per test
 * JVM into a temporary warehouse that the table tests (and the quality report's, in ma.amo.report.quality) only
 * read.
 */
public final class RagFixture {
    public static final ReferenceData REFERENCE = ReferenceData.bundled();
    private static Warehouse built;

    private RagFixture() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(RagFixture.class.getResource("/fixture/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new warehouse with the fixture's landing folder loaded into bronze (not built). */
    public static Warehouse fresh(String name) {
        Warehouse w = new Warehouse(TempFolders.create("amo-" + name));
        LandingLoader.load(TestSpark.get(), w, resource("landing"));
        return w;
    }

    public static synchronized Warehouse built() {
        if (built == null) {
            Warehouse w = fresh("rag");
            new WarehouseBuild(TestSpark.get(), w, REFERENCE).run(BuildOptions.incremental(), m -> { });
            built = w;
        }
        return built;
    }

    /** A copy of {@link #built()} (its folder: Delta tables hold relative paths) for a test that writes. */
    public static Warehouse copyOfBuilt(String name) {
        try {
            Path to = TempFolders.create("amo-" + name);
            copyTree(built().root(), to);
            return new Warehouse(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * What a SIGKILL at build.silver-done leaves (CrashRecoveryTest kills real processes there): the silver step
     * of an incremental build run alone, so silver is rewritten and gold and the bookmark are not.
     */
    public static void killedAfterSilver(Warehouse w) {
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        new SilverBuild(io).run(BuildState.read(io), false, m -> { });
    }

    static RagReport report() {
        return new RagReport(TestSpark.get(), built(), REFERENCE);
    }

    /**
     * Every gold table's rows, the findings and the claim lines (without the delivery that carried each), sorted,
     * as text: what an incremental build must leave equal to a full build.
     */
    public static Map<String, List<String>> builtRows(Warehouse w) {
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        Map<String, List<String>> out = new TreeMap<>();
        GoldMarts.ALL.forEach(m -> out.put(m.table(), text(io.read(m.table()))));
        out.put(SilverTables.DQ_FINDINGS, text(io.read(SilverTables.DQ_FINDINGS)));
        out.put(SilverTables.CLAIM_LINES, text(io.read(SilverTables.CLAIM_LINES).drop("_delivery_id")));
        return out;
    }

    private static List<String> text(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
