package ma.amo.report.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.reference.ReferenceData;
import ma.amo.report.Provenance;
import ma.amo.report.RagTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * manifest.json of a quality report, like the RAG's: parameters, platform version, build-state version, the
 * Delta version of every table read, reference hash, and the findings per table with the decision.
 */
final class QualityManifest {
    private QualityManifest() {
    }

    static Path write(QualityResult result, QualityOptions options, ReferenceData reference, List<Path> files)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode root = json.createObjectNode();
        root.put("report", "quality");
        root.put("platform_version", Provenance.platformVersion());
        ObjectNode params = root.putObject("parameters");
        if (options.year() == null) {
            params.putNull("year");
        } else {
            params.put("year", options.year());
        }
        params.put("landing", options.landing() == null ? null : options.landing().toAbsolutePath().toString());
        params.put("max_quarantine_share_percent", options.maxQuarantineShare());
        params.put("jump_threshold_percent", options.jumpThreshold());
        if (result.stateVersion() == null) {
            root.putNull("build_state_version");
        } else {
            root.put("build_state_version", result.stateVersion());
        }
        ObjectNode tables = root.putObject("tables_read");
        result.versions().forEach((t, v) -> tables.putObject(t).put("version", v));
        ObjectNode ref = root.putObject("reference_data");
        ref.put("hash", reference.hash());
        ref.put("source", reference.source());
        ObjectNode findings = root.putObject("findings");
        for (RagTable t : result.tables()) {
            ObjectNode n = findings.putObject(t.id());
            n.put("file", t.file() + ".csv");
            n.put("rows", t.size());
            n.put("blocking", QualityTables.count(t, Severity.BLOCKING));
            n.put("warnings", QualityTables.count(t, Severity.WARNING));
        }
        root.put("blocking", result.count(Severity.BLOCKING));
        root.put("warnings", result.count(Severity.WARNING));
        ArrayNode notes = root.putArray("notes");
        result.notes().forEach(notes::add);
        ArrayNode out = root.putArray("files");
        files.forEach(f -> out.add(f.getFileName().toString()));
        Path file = options.out().resolve("manifest.json");
        json.writeValue(file.toFile(), root);
        return file;
    }
}
