package ma.amo.report;

import ma.amo.common.CrashPoint;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.marts.GoldMart;
import ma.amo.marts.GoldMarts;
import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code amo report}: the RAG of one year from the gold marts, as CSV, Excel, HTML and a manifest. */
public final class RagReport {
    private final DeltaIO io;
    private final ReferenceData reference;

    public RagReport(SparkSession spark, Warehouse warehouse, ReferenceData reference) {
        this.io = new DeltaIO(spark, warehouse);
        this.reference = reference;
    }

    /** The fourteen tables, computed but not written (for tests and other front ends). */
    public List<RagTable> tables(ReportOptions options) {
        return new RagTables(new RagData(io, options.year(), options.asOf()), reference, options.minCell()).all();
    }

    /**
     * Writes the report; returns the files written, manifest.json last. The files are written into a staging
     * folder beside the output and the finished folder then takes the output's place, so the output folder is
     * never half-written: a crash leaves the previous report (or none) and a staging folder the next run removes.
     */
    public List<Path> run(ReportOptions options) {
        try {
            RagData data = new RagData(io, options.year(), options.asOf());
            List<RagTable> tables = new RagTables(data, reference, options.minCell()).all();
            Map<String, Long> rowCounts = new TreeMap<>();
            for (GoldMart mart : GoldMarts.ALL) {
                rowCounts.put(mart.table(), data.rowCount(mart));
            }
            Provenance provenance = new Provenance(options.year(), data.versions(), rowCounts, data.stateVersion(),
                    data.deliveries(), reference.hash(), reference.source(), options);
            CrashPoint.reach("report.computed");
            ReportFolder folder = ReportFolder.prepare(options.out());
            Path staging = folder.staging();
            List<Path> files = new ArrayList<>();
            if (options.formats().contains(ReportOptions.Format.CSV)) {
                for (RagTable t : tables) {
                    files.add(written(CsvExport.write(t, staging)));
                }
            }
            if (options.formats().contains(ReportOptions.Format.XLSX)) {
                files.add(written(ExcelExport.write(tables, provenance, staging)));
            }
            if (options.formats().contains(ReportOptions.Format.HTML)) {
                files.add(written(HtmlExport.write(tables, provenance, staging)));
            }
            files.add(written(ManifestExport.write(provenance, files, staging)));
            CrashPoint.reach("report.before-publish");
            folder.publish();
            CrashPoint.reach("report.published");
            return files.stream().map(f -> folder.target().resolve(f.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path written(Path file) {
        CrashPoint.reach("report.file-written");
        return file;
    }
}
