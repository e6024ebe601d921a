package ma.amo.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * rag_Y.xlsx: a cover sheet with the provenance, then one sheet per table (French title and labels, number
 * formats). A suppressed cell is left empty and greyed (dark grey: primary, light grey: secondary) and its row
 * marked "secret primaire" or "secret secondaire" in the "Secret statistique" column.
 */
final class ExcelExport {
    static final String SUPPRESSED_LABEL = "Secret statistique";

    private ExcelExport() {
    }

    static Path write(List<RagTable> tables, Provenance p, Path dir) throws IOException {
        Path file = dir.resolve("rag_" + p.year() + ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Styles styles = new Styles(wb);
            cover(wb, styles, p);
            for (RagTable t : tables) {
                sheet(wb, styles, t, p);
            }
            wb.write(out);
        }
        return file;
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final Map<Suppression, CellStyle> suppressed = new EnumMap<>(Suppression.class);
        final Map<RagColumn.Kind, CellStyle> numbers = new EnumMap<>(RagColumn.Kind.class);
        final CellStyle percent;

        Styles(XSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            suppressed.put(Suppression.PRIMARY, fill(wb, IndexedColors.GREY_40_PERCENT));
            suppressed.put(Suppression.SECONDARY, fill(wb, IndexedColors.GREY_25_PERCENT));
            numbers.put(RagColumn.Kind.COUNT, format(wb, "#,##0"));
            numbers.put(RagColumn.Kind.AMOUNT, format(wb, "#,##0.00"));
            numbers.put(RagColumn.Kind.RATIO, format(wb, "0.000000"));
            numbers.put(RagColumn.Kind.YEAR, format(wb, "0"));
            percent = format(wb, "0.0000%");
        }

        private static CellStyle fill(XSSFWorkbook wb, IndexedColors colour) {
            CellStyle s = wb.createCellStyle();
            s.setFillForegroundColor(colour.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            return s;
        }

        private static CellStyle format(XSSFWorkbook wb, String pattern) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(pattern));
            return s;
        }
    }

    private static void cover(XSSFWorkbook wb, Styles styles, Provenance p) {
        Sheet s = wb.createSheet("Couverture");
        int r = 0;
        text(s, r++, styles.title, "Rapport annuel global AMO " + p.year());
        r++;
        r = line(s, r, "Exercice", String.valueOf(p.year()));
        r = line(s, r, "Version de la plateforme", Provenance.platformVersion());
        r = line(s, r, "Version de l'état de construction (silver._build_state)", String.valueOf(p.stateVersion()));
        r = line(s, r, "Paramètre --as-of", p.options().asOf() == null ? "(dernière construction)" : p.options().asOf());
        r = line(s, r, "Seuil de secret statistique", p.options().minCell() == 0 ? "désactivé" : String.valueOf(p.options().minCell()));
        r = line(s, r, "Empreinte des données de référence (SHA-256)", p.referenceHash());
        r = line(s, r, "Source des données de référence", p.referenceSource());
        r++;
        text(s, r++, styles.header, "Versions Delta des tables lues");
        for (Map.Entry<String, Long> e : p.versions().entrySet()) {
            r = line(s, r, e.getKey(), String.valueOf(e.getValue()));
        }
        r++;
        text(s, r++, styles.header, "Livraisons prises en compte");
        for (String d : p.deliveries()) {
            text(s, r++, null, d);
        }
        s.setColumnWidth(0, 60 * 256);
        s.setColumnWidth(1, 70 * 256);
    }

    private static int line(Sheet s, int r, String label, String value) {
        Row row = s.createRow(r);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value);
        return r + 1;
    }

    private static void text(Sheet s, int r, CellStyle style, String value) {
        Cell c = s.createRow(r).createCell(0);
        c.setCellValue(value);
        if (style != null) {
            c.setCellStyle(style);
        }
    }

    private static void sheet(XSSFWorkbook wb, Styles styles, RagTable t, Provenance p) {
        Sheet s = wb.createSheet(t.id());
        text(s, 0, styles.title, t.id() + " — " + t.title() + " — " + p.year());
        Row header = s.createRow(2);
        List<RagColumn> columns = t.columns();
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(columns.get(c).label());
            cell.setCellStyle(styles.header);
            s.setColumnWidth(c, 22 * 256);
        }
        if (t.suppressible()) {
            Cell cell = header.createCell(columns.size());
            cell.setCellValue(SUPPRESSED_LABEL);
            cell.setCellStyle(styles.header);
        }
        for (int r = 0; r < t.size(); r++) {
            Row row = s.createRow(3 + r);
            for (int c = 0; c < columns.size(); c++) {
                RagColumn column = columns.get(c);
                Object v = t.value(r, c);
                Cell cell = row.createCell(c);
                if (v == null) {
                    if (t.suppressed(r) && column.kind() != RagColumn.Kind.TEXT) {
                        cell.setCellStyle(styles.suppressed.get(t.suppression(r)));
                    }
                } else if (v instanceof BigDecimal d) {
                    cell.setCellValue(new BigDecimal(t.text(r, c)).doubleValue());
                    cell.setCellStyle(column.isPercent() ? styles.percent : styles.numbers.get(column.kind()));
                } else if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                    cell.setCellStyle(styles.numbers.get(column.kind()));
                } else {
                    cell.setCellValue(v.toString());
                }
            }
            if (t.suppressible() && t.suppressed(r)) {
                row.createCell(columns.size()).setCellValue(t.suppression(r).label());
            }
        }
        if (t.suppressible() && p.options().minCell() > 0) {
            text(s, 4 + t.size(), null, "Gris foncé : effectif inférieur à " + p.options().minCell()
                    + " (secret primaire). Gris clair : effectif masqué pour qu'un effectif secret ne puisse pas être "
                    + "retrouvé par différence avec un total publié (secret secondaire). Les valeurs qui dérivent d'un "
                    + "effectif masqué le sont aussi.");
        }
        s.createFreezePane(0, 3);
    }
}
