package ma.amo.common.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small semicolon-separated table with a header, as the reference files are (no quoting needed there). */
public record CsvTable(String name, List<String> header, List<Map<String, String>> rows) {

    public static CsvTable parse(String name, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new ReferenceDataException(name + ": empty file, a header line is required");
        }
        List<String> header = List.of(lines.get(0).split(";", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(";", -1);
            if (cells.length != header.size()) {
                throw new ReferenceDataException(name + " line " + (i + 1) + ": " + cells.length
                        + " fields where the header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c].trim());
            }
            rows.add(row);
        }
        return new CsvTable(name, header, List.copyOf(rows));
    }

    public List<String> column(String column) {
        if (!header.contains(column)) {
            throw new ReferenceDataException(name + ": no column " + column);
        }
        return rows.stream().map(r -> r.get(column)).toList();
    }
}
