package ma.amo.report.quality;

import ma.amo.common.reference.ReferenceData;
import ma.amo.report.HtmlExport;
import ma.amo.report.Provenance;
import ma.amo.report.RagTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * quality[_Y].html: one self-contained page in French, styled and tabulated like the RAG's page (HtmlExport):
 * the decision, a summary per table, the notes, then each table with the rule that sets its severities.
 */
final class QualityHtml {
    /** Why a row of each table is blocking or a warning, as the reader needs it. */
    private static final Map<String, String> RULES = Map.of(
            "Q1", "Une livraison attendue (l'OG gérait un régime sur la période) et absente, ou rejetée et non "
                    + "remplacée par une livraison chargée de même séquence ou plus, est bloquante ; le flux "
                    + "facultatif financials manquant n'est qu'un avertissement. Les rejets dont le manifeste est "
                    + "illisible (OG, flux ou période inconnus) sont des avertissements.",
            "Q2", "La ligne TOTAL de chaque livraison porte le constat : bloquant si la part de ses lignes en "
                    + "quarantaine dépasse le seuil, avertissement sinon.",
            "Q3", "Constats calculés par la dernière construction (amo build) : avertissements.",
            "Q4a", "Un écart entre le nombre de lignes du manifeste et les lignes chargées plus celles en "
                    + "quarantaine est bloquant.",
            "Q4b", "Un écart de plus de 0,005 MAD entre un total de contrôle du manifeste et les montants chargés "
                    + "plus ceux en quarantaine est bloquant ; un manifeste introuvable ou modifié depuis le "
                    + "chargement, ou une ligne en quarantaine illisible, est un avertissement.",
            "Q5", "Variation d'un mois sur l'autre (lignes ou montant remboursé) au-delà du seuil, ou apparition "
                    + "depuis zéro : avertissement.",
            "Q6", "Personnes couvertes par deux régimes le même jour : avertissement.");

    private QualityHtml() {
    }

    static Path write(QualityResult result, QualityOptions options, ReferenceData reference) throws IOException {
        String scope = options.year() == null ? "toutes années" : "année " + options.year();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Qualité des données AMO — ")
                .append(scope).append("</title>\n<style>\n").append(HtmlExport.STYLE).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Rapport de qualité des données AMO — ").append(scope).append("</h1>\n");
        h.append("<p class=\"prov\">Plateforme ").append(HtmlExport.esc(Provenance.platformVersion()))
                .append(" — état de construction ")
                .append(result.stateVersion() == null ? "aucun" : result.stateVersion().toString())
                .append(" — données de référence ").append(HtmlExport.esc(reference.hash().substring(0, 12)))
                .append(" — seuil de quarantaine ").append(HtmlExport.esc(percent(options.maxQuarantineShare().toPlainString())))
                .append(" — seuil de variation ").append(HtmlExport.esc(percent(options.jumpThreshold().toPlainString())))
                .append("</p>\n");
        long blocking = result.count(Severity.BLOCKING);
        h.append("<p><strong>").append(blocking > 0
                ? "Publication à suspendre : " + blocking + " constat(s) bloquant(s)"
                : "Aucun constat bloquant").append("</strong>, ").append(result.count(Severity.WARNING))
                .append(" avertissement(s).</p>\n");
        if (!result.notes().isEmpty()) {
            h.append("<ul>\n");
            result.notes().forEach(n -> h.append("<li>").append(HtmlExport.esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append(HtmlExport.table(summary(result.tables())));
        for (RagTable t : result.tables()) {
            h.append("<h2>").append(HtmlExport.esc(t.id() + " — " + t.title())).append("</h2>\n<p>")
                    .append(HtmlExport.esc(RULES.get(t.id()))).append("</p>\n");
            h.append(HtmlExport.table(t));
        }
        h.append("</body>\n</html>\n");
        Path file = options.out().resolve(options.year() == null ? "quality.html" : "quality_" + options.year() + ".html");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static String percent(String value) {
        return value.replace('.', ',') + " %";
    }

    /** One row per table: its rows and findings by severity. */
    static RagTable summary(List<RagTable> tables) {
        List<Object[]> rows = tables.stream().map(t -> new Object[] {t.id(), t.title(), (long) t.size(),
                QualityTables.count(t, Severity.BLOCKING), QualityTables.count(t, Severity.WARNING)}).toList();
        return QualityTables.plain("Synthèse", "summary", "constats par table", List.of(
                QualityTables.text("table", "Table"), QualityTables.text("title", "Contenu"),
                QualityTables.count("rows", "Lignes"), QualityTables.count("blocking", "Bloquants"),
                QualityTables.count("warnings", "Avertissements")), rows);
    }
}
