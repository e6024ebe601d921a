package ma.amo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    private static Map<String, String> run(Path dir, long seed, int threads) throws Exception {
        new SampleGenerator(Fixture.REF).generate(new GeneratorOptions(dir, 0.0002, 2023, 2024, seed, true, threads),
                GenerationProgress.SILENT);
        return Fixture.hashes(dir);
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount(@TempDir Path a, @TempDir Path b, @TempDir Path c)
            throws Exception {
        Map<String, String> one = run(a, 42, 1);
        Map<String, String> four = run(b, 42, 4);
        assertThat(one).hasSizeGreaterThan(200);
        assertThat(four).isEqualTo(one);
        Map<String, String> other = run(c, 43, 2);
        assertThat(other.get("cnss/2023/cnss_beneficiaries_2023_01.csv"))
                .isNotEqualTo(one.get("cnss/2023/cnss_beneficiaries_2023_01.csv"));
    }

    @Test
    void progressCountsEveryDelivery(@TempDir Path dir) throws Exception {
        long[] last = new long[2];
        GenerationSummary s = new SampleGenerator(Fixture.REF).generate(
                new GeneratorOptions(dir, 0.0001, 2024, 2024, 1, false, 1),
                (p, rows, done, total) -> {
                    last[0] = done;
                    last[1] = total;
                });
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(s.deliveries());
        assertThat(s.files()).isEqualTo(2 * s.deliveries());
        assertThat(s.rowsByFeed()).allSatisfy((feed, rows) -> assertThat(rows).as(feed).isPositive());
    }
}
