package ma.amo.report;

import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.marts.GoldMart;
import ma.amo.marts.GoldMarts;
import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /** Writes the report; returns the files written, manifest.json last. */
    public List<Path> run(ReportOptions options) {
        try {
            RagData data = new RagData(io, options.year(), options.asOf());
            List<RagTable> tables = new RagTables(data, reference, options.minCell()).all();
            Files.createDirectories(options.out());
            Map<String, Long> rowCounts = new TreeMap<>();
            for (GoldMart mart : GoldMarts.ALL) {
                rowCounts.put(mart.table(), data.rowCount(mart));
            }
            Provenance provenance = new Provenance(options.year(), data.versions(), rowCounts, data.stateVersion(),
                    data.deliveries(), reference.hash(), reference.source(), options);
            List<Path> files = new ArrayList<>();
            if (options.formats().contains(ReportOptions.Format.CSV)) {
                for (RagTable t : tables) {
                    files.add(CsvExport.write(t, options.out()));
                }
            }
            if (options.formats().contains(ReportOptions.Format.XLSX)) {
                files.add(ExcelExport.write(tables, provenance, options.out()));
            }
            if (options.formats().contains(ReportOptions.Format.HTML)) {
                files.add(HtmlExport.write(tables, provenance, options.out()));
            }
            files.add(ManifestExport.write(provenance, files, options.out()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
