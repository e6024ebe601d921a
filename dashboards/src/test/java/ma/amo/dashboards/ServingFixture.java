package ma.amo.dashboards;

import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TempFolders;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.WarehouseBuild;
import ma.amo.transforms.testing.LandingLoader;

import java.nio.file.Path;

/**
 * What every dashboards test reads, built once per test JVM: the report module's hand-made fixture loaded and
 * built into a temporary warehouse (a build costs a minute on a small machine, so the test classes share it).
 */
public final class ServingFixture {
    public static final ReferenceData REFERENCE = ReferenceData.bundled();
    private static Warehouse built;

    private ServingFixture() {
    }

    public static synchronized Warehouse warehouse() {
        if (built == null) {
            Warehouse w = new Warehouse(TempFolders.create("amo-serving"));
            LandingLoader.load(TestSpark.get(), w, landing());
            new WarehouseBuild(TestSpark.get(), w, REFERENCE).run(BuildOptions.everything(), m -> { });
            built = w;
        }
        return built;
    }

    static Path landing() {
        String dir = System.getProperty("amo.fixture.landing");
        if (dir == null) {
            throw new IllegalStateException("system property amo.fixture.landing is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    /** Where tests leave files a person may want to look at (screenshots, bundles). */
    public static Path outputDir() {
        return Path.of(System.getProperty("amo.test.out", "target"));
    }
}
