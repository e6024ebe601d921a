package ma.amo.report;

import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.WarehouseBuild;
import ma.amo.transforms.testing.LandingLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        try {
            Warehouse w = new Warehouse(Files.createTempDirectory("amo-" + name));
            LandingLoader.load(TestSpark.get(), w, resource("landing"));
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized Warehouse built() {
        if (built == null) {
            Warehouse w = fresh("rag");
            new WarehouseBuild(TestSpark.get(), w, REFERENCE).run(BuildOptions.incremental(), m -> { });
            built = w;
        }
        return built;
    }

    static RagReport report() {
        return new RagReport(TestSpark.get(), built(), REFERENCE);
    }
}
