package ma.amo.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The spec's CSV: ';'-separated UTF-8 without BOM, '\n' line ends, snake_case header, breakdown columns first,
 * '.' decimals, no grouping, empty cells for suppressed or undefined values, a suppressed column (false,
 * primary or secondary) where the table can suppress. Nothing in it depends on time or machine, so the same
 * inputs give the same bytes.
 */
public final class CsvExport {
    private CsvExport() {
    }

    public static Path write(RagTable table, Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < table.columns().size(); c++) {
            sb.append(c == 0 ? "" : ";").append(table.columns().get(c).name());
        }
        sb.append(table.suppressible() ? ";suppressed\n" : "\n");
        for (int r = 0; r < table.size(); r++) {
            for (int c = 0; c < table.columns().size(); c++) {
                sb.append(c == 0 ? "" : ";").append(table.text(r, c));
            }
            sb.append(table.suppressible() ? ";" + table.suppression(r).csv() + "\n" : "\n");
        }
        Path file = dir.resolve(table.file() + ".csv");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
