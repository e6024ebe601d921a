package ma.amo.report.quality;

import ma.amo.common.BronzeTables;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.marts.GoldMarts;
import ma.amo.report.CsvExport;
import ma.amo.report.RagTable;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code amo quality}: the data-quality report of the deliveries and the warehouse (docs/quality.md): expected
 * versus received deliveries, quarantine, silver findings, control totals, monthly jumps, double
 * registrations; each finding blocking or a warning. Writes one CSV per table, an HTML page and a manifest.
 */
public final class QualityReport {
    private final DeltaIO io;
    private final ReferenceData reference;

    public QualityReport(SparkSession spark, Warehouse warehouse, ReferenceData reference) {
        this.io = new DeltaIO(spark, warehouse);
        this.reference = reference;
    }

    /** The tables, computed but not written. */
    public QualityResult compute(QualityOptions options) {
        QualityInputs in = new QualityInputs(io);
        List<LedgerEntry> current = in.current().stream().filter(d -> options.coversPeriod(d.period())).toList();
        List<RagTable> tables = new ArrayList<>();
        tables.add(ExpectedDeliveries.table(in.ledger(), reference, options));
        tables.add(QuarantineShares.table(in.bronze(BronzeTables.QUARANTINE), current, options.maxQuarantineShare()));
        tables.add(SilverFindings.table(in.built(SilverTables.DQ_FINDINGS), options));
        tables.addAll(ControlTotals.tables(in, current, reference, options.landing()));
        tables.add(MonthlyJumps.table(in.built(GoldMarts.SPENDING.table()), options));
        tables.add(DoubleRegistrationCounts.table(in.built(SilverTables.DOUBLE_REGISTRATIONS), options));
        return new QualityResult(tables, List.of(), notes(in, options), new TreeMap<>(in.versions()), in.stateVersion());
    }

    /** Computes and writes the CSVs, the HTML page and manifest.json (last); the result lists the files. */
    public QualityResult run(QualityOptions options) {
        QualityResult result = compute(options);
        try {
            Files.createDirectories(options.out());
            List<Path> files = new ArrayList<>();
            for (RagTable t : result.tables()) {
                files.add(CsvExport.write(t, options.out()));
            }
            files.add(QualityHtml.write(result, options, reference));
            files.add(QualityManifest.write(result, options, reference, files));
            return result.withFiles(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> notes(QualityInputs in, QualityOptions options) {
        List<String> notes = new ArrayList<>();
        if (options.landing() == null) {
            notes.add("Totaux de contrôle des montants non vérifiés (Q4b) : --landing n'a pas été donné, et "
                    + "bronze.deliveries ne garde pas les totaux des manifestes.");
        }
        Long built = in.ledgerVersionOfBuild();
        Long now = in.versions().get(BronzeTables.DELIVERIES);
        if (in.stateVersion() == null) {
            notes.add("Aucune construction (amo build) : les sections 3, 5 et 6 sont vides.");
        } else if (built != null && !built.equals(now)) {
            notes.add("La dernière construction a lu la version " + built + " de bronze.deliveries, la version "
                    + "actuelle est " + now + " : les sections 3, 5 et 6 ne tiennent pas compte des livraisons "
                    + "enregistrées depuis (lancer amo build).");
        }
        return notes;
    }
}
