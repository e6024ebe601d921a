package ma.amo.cli;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformTest {
    @Test
    void theMasterIsTheOptionElseSparkSubmitsElseAllLocalCores() {
        Properties submitted = new Properties();
        submitted.setProperty("spark.master", "spark://10.0.0.5:7077"); // what spark-submit --master sets

        assertThat(Platform.masterOf("local[2]", submitted)).isEqualTo("local[2]");
        assertThat(Platform.masterOf(null, submitted)).isEqualTo("spark://10.0.0.5:7077");
        assertThat(Platform.masterOf(null, new Properties())).isEqualTo("local[*]");
    }
}
