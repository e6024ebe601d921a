package ma.amo.ingestion;

import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The header line of a CSV delivery, checked against the feed's columns (any order, exact names). */
public final class CsvHeader {
    private static final int MAX_HEADER_BYTES = FileFingerprint.MAX_LINE_BYTES;
    /** Separators other exports use (comma, tab, pipe): a header with one field holding one of them gets a hint. */
    private static final List<String> OTHER_SEPARATORS = List.of(",", "\t", "|");

    private CsvHeader() {
    }

    /** The column names in file order; rejects missing, unknown and repeated names. */
    public static List<String> read(Path file, Feed feed) throws IOException, DeliveryRejected {
        String line = firstLine(file);
        List<String> names = split(line);
        String hint = names.size() == 1 && OTHER_SEPARATORS.stream().anyMatch(line::contains)
                ? " (the header has one field: is the separator ';'?)" : "";
        checkColumns(names, feed, "header", hint);
        return names;
    }

    /**
     * The contract's column rules for a delivery's column names, whatever the format: no name twice, none the
     * feed does not define, none missing. {@code where} names what is checked ("header", "Parquet schema").
     */
    static void checkColumns(List<String> names, Feed feed, String where, String hint) throws DeliveryRejected {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                repeated.add(name);
            }
        }
        if (!repeated.isEmpty()) {
            throw new DeliveryRejected(DeliveryCheck.DUPLICATE_COLUMN, where + " names " + repeated + " more than once");
        }
        List<String> unknown = names.stream().filter(n -> !feed.columnNames().contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new DeliveryRejected(DeliveryCheck.UNKNOWN_COLUMN, where + " has column(s) " + abbreviate(unknown)
                    + " that the " + feed.code() + " contract does not define" + hint);
        }
        List<String> missing = feed.columnNames().stream().filter(n -> !seen.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new DeliveryRejected(DeliveryCheck.MISSING_COLUMN, where + " lacks required column(s) " + missing + hint);
        }
    }

    private static String firstLine(Path file) throws IOException, DeliveryRejected {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            // a line ends with LF, CRLF or CR alone (old Mac exports), as for the CSV reader
            while ((b = in.read()) != -1 && b != '\n' && b != '\r') {
                if (out.size() >= MAX_HEADER_BYTES) {
                    throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, "no line break in the first "
                            + MAX_HEADER_BYTES + " bytes: not a CSV header");
                }
                out.write(b);
            }
        }
        String line = out.toString(StandardCharsets.UTF_8);
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isBlank()) {
            throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, "empty file or empty first line: a header is required");
        }
        return line;
    }

    /** Splits on ';' outside double quotes and unquotes ("" inside quotes is one quote). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                fields.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString().trim());
        return fields;
    }

    private static String abbreviate(List<String> names) {
        String s = names.toString();
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
