package ma.amo.dashboards.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.reference.ReferenceData;
import ma.amo.dashboards.DataDictionary;
import ma.amo.dashboards.publish.GoldSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the self-contained dashboard: one HTML file, its script, styles and data inlined (it works from a USB
 * key, without network), with the three views of leadership (financial balance, covered population, medical
 * consumption), a regime and year selector, French labels and Moroccan number formatting.
 */
public final class HtmlDashboard {
    public static final String FILE = "tableau_de_bord_amo.html";
    private static final String DATA_MARKER = "/*AMO_DATA*/null";

    private HtmlDashboard() {
    }

    /** Small-cell threshold of the beneficiaries by age, sex and region when none is given (as amo report). */
    public static final int DEFAULT_MIN_CELL = 5;

    /** Writes {@value #FILE} into {@code out} with the default small-cell threshold and returns its path. */
    public static Path write(GoldSnapshot snapshot, ReferenceData reference, Path out) {
        return write(snapshot, reference, out, DEFAULT_MIN_CELL);
    }

    /** Writes {@value #FILE} into {@code out}; counts by age, sex and region below minCell are suppressed (0: off). */
    public static Path write(GoldSnapshot snapshot, ReferenceData reference, Path out, int minCell) {
        ObjectNode data = DashboardData.build(snapshot, reference, DataDictionary.load(), minCell);
        try {
            Files.createDirectories(out);
            Path file = out.resolve(FILE);
            Files.writeString(file, render(data), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard into " + out, e);
        }
    }

    static String render(ObjectNode data) {
        String template = template();
        if (!template.contains(DATA_MARKER)) {
            throw new IllegalStateException("dashboard.html has no data marker " + DATA_MARKER);
        }
        // "</" inside a script would close it; JSON allows the escaped form.
        return template.replace(DATA_MARKER, data.toString().replace("</", "<\\/"));
    }

    private static String template() {
        try (InputStream in = HtmlDashboard.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html missing from the dashboards jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
