package ma.amo.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * rag_Y.html: one self-contained page (inline CSS, inline SVG charts drawn here; no script, no external
 * resource), French labels and French number formatting.
 */
public final class HtmlExport {
    /** Inline style of the HTML pages (this report and the quality report: ma.amo.report.quality). */
    public static final String STYLE = "body{font-family:Arial,Helvetica,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:0 0 2em 0;font-size:13px}"
            + "th,td{border:1px solid #bbb;padding:3px 8px}th{background:#e8eef5}"
            + "td.n{text-align:right}td.s{background:#ddd}td.sp{background:#bbb}td.ss{background:#e4e4e4}caption{font-weight:bold;text-align:left;padding:4px 0}"
            + ".prov{font-size:12px;color:#555}";

    private HtmlExport() {
    }

    static Path write(List<RagTable> tables, Provenance p, Path dir) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Rapport annuel global AMO ")
                .append(p.year()).append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Rapport annuel global AMO ").append(p.year()).append("</h1>\n");
        h.append("<p class=\"prov\">Plateforme ").append(esc(Provenance.platformVersion()))
                .append(" — état de construction ").append(p.stateVersion())
                .append(" — données de référence ").append(esc(p.referenceHash().substring(0, 12)))
                .append(" — seuil de secret statistique ").append(p.options().minCell()).append("</p>\n");
        RagTable t07 = find(tables, "T07");
        RagTable t12 = find(tables, "T12");
        h.append("<h2>Graphiques</h2>\n");
        h.append(barChart("Montant remboursé par catégorie de soins (tous régimes, MAD)",
                totals(t07, "care_category", "amount_reimbursed")));
        h.append(barChart("Ressources par régime (MAD)", totals(t12, "regime_code", "resources")));
        h.append(barChart("Prestations payées par régime (MAD)", totals(t12, "regime_code", "benefits_paid")));
        for (RagTable t : tables) {
            h.append(table(t));
        }
        h.append("</body>\n</html>\n");
        Path file = dir.resolve("rag_" + p.year() + ".html");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static RagTable find(List<RagTable> tables, String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** (label, value) of the TOTAL rows (or the regime rows, for a regime label), in table order. */
    private static List<Map.Entry<String, BigDecimal>> totals(RagTable t, String labelColumn, String valueColumn) {
        int label = t.column(labelColumn);
        int value = t.column(valueColumn);
        boolean byRegime = labelColumn.equals("regime_code");
        List<Map.Entry<String, BigDecimal>> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            boolean total = RagTables.TOTAL.equals(t.value(r, 0));
            if (byRegime != total && t.value(r, value) != null) {
                out.add(Map.entry((String) t.value(r, label), (BigDecimal) t.value(r, value)));
            }
        }
        return out;
    }

    static String barChart(String title, List<Map.Entry<String, BigDecimal>> bars) {
        int rowHeight = 22;
        int height = 30 + rowHeight * Math.max(1, bars.size());
        double max = bars.stream().mapToDouble(e -> Math.abs(e.getValue().doubleValue())).max().orElse(0);
        StringBuilder s = new StringBuilder();
        s.append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
        s.append("<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">").append(esc(title)).append("</text>\n");
        int y = 30;
        for (Map.Entry<String, BigDecimal> e : bars) {
            double w = max == 0 ? 0 : 380 * Math.abs(e.getValue().doubleValue()) / max;
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(esc(e.getKey())).append("</text>\n");
            s.append("<rect x=\"200\" y=\"").append(y + 3).append("\" width=\"").append(String.format(java.util.Locale.ROOT, "%.1f", w))
                    .append("\" height=\"16\" fill=\"#3b6ea5\"/>\n");
            s.append("<text x=\"").append(String.format(java.util.Locale.ROOT, "%.1f", 205 + w)).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">").append(esc(french(e.getValue(), 2))).append("</text>\n");
            y += rowHeight;
        }
        s.append("</svg>\n</figure>\n");
        return s.toString();
    }

    /** One table as an HTML {@code <table>} with its caption, French labels and French numbers. */
    public static String table(RagTable t) {
        boolean anySuppressed = IntStream.range(0, t.size()).anyMatch(t::suppressed);
        StringBuilder s = new StringBuilder("<table>\n<caption>").append(esc(t.id() + " — " + t.title()))
                .append(anySuppressed ? "<br/><small>" + SECRET_NOTE + "</small>" : "").append("</caption>\n<tr>");
        t.columns().forEach(c -> s.append("<th>").append(esc(c.label())).append("</th>"));
        if (t.suppressible()) {
            s.append("<th>").append(ExcelExport.SUPPRESSED_LABEL).append("</th>");
        }
        s.append("</tr>\n");
        for (int r = 0; r < t.size(); r++) {
            s.append("<tr>");
            for (int c = 0; c < t.columns().size(); c++) {
                RagColumn col = t.columns().get(c);
                Object v = t.value(r, c);
                boolean number = col.kind() != RagColumn.Kind.TEXT;
                String cls = v == null && t.suppressed(r) && number
                        ? " class=\"" + (t.suppression(r) == Suppression.PRIMARY ? "sp" : "ss") + "\""
                        : number ? " class=\"n\"" : "";
                s.append("<td").append(cls).append(">").append(esc(cell(col, v))).append("</td>");
            }
            if (t.suppressible()) {
                s.append("<td>").append(t.suppression(r).label()).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    static final String SECRET_NOTE = "Cases gris foncé : secret primaire (effectif inférieur au seuil) ; gris clair : "
            + "secret secondaire (masqué pour qu'un effectif secret ne puisse pas être retrouvé par différence avec un total "
            + "publié). Les valeurs qui dérivent d'un effectif masqué le sont aussi.";

    private static String cell(RagColumn col, Object v) {
        if (v == null) {
            return "";
        }
        return switch (col.kind()) {
            case AMOUNT -> french((BigDecimal) v, 2);
            case RATIO -> col.isPercent() ? french(((BigDecimal) v).movePointRight(2), 4) + " %" : french((BigDecimal) v, 6);
            case COUNT -> french(new BigDecimal(v.toString()), 0);
            default -> v.toString();
        };
    }

    /** French number: no-break space between thousands, comma before decimals. */
    static String french(BigDecimal v, int decimals) {
        String plain = v.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                g.append('\u00a0');
            }
            g.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + g + (dot < 0 ? "" : "," + digits.substring(dot + 1));
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
