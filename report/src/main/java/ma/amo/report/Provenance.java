package ma.amo.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What produced a report: table versions, deliveries, reference hash, parameters, platform version. */
public record Provenance(int year, Map<String, Long> versions, Map<String, Long> rowCounts, long stateVersion,
                  List<String> deliveries, String referenceHash, String referenceSource, ReportOptions options) {

    public static String platformVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/ma/amo/report/platform.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
