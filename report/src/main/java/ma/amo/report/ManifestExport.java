package ma.amo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** manifest.json: table versions and row counts, deliveries, reference hash, parameters, platform version. */
final class ManifestExport {
    private ManifestExport() {
    }

    static Path write(Provenance p, List<Path> files, Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode root = json.createObjectNode();
        root.put("report", "rag");
        root.put("year", p.year());
        root.put("platform_version", Provenance.platformVersion());
        ObjectNode params = root.putObject("parameters");
        params.put("year", p.options().year());
        params.put("min_cell", p.options().minCell());
        params.put("as_of", p.options().asOf());
        ArrayNode formats = params.putArray("formats");
        p.options().formats().stream().map(f -> f.name().toLowerCase()).sorted().forEach(formats::add);
        root.put("build_state_version", p.stateVersion());
        ObjectNode tables = root.putObject("tables");
        p.versions().forEach((t, v) -> {
            ObjectNode n = tables.putObject(t);
            n.put("version", v);
            if (p.rowCounts().containsKey(t)) {
                n.put("rows_read", p.rowCounts().get(t));
            }
        });
        ArrayNode deliveries = root.putArray("deliveries");
        p.deliveries().forEach(deliveries::add);
        ObjectNode ref = root.putObject("reference_data");
        ref.put("hash", p.referenceHash());
        ref.put("source", p.referenceSource());
        ArrayNode out = root.putArray("files");
        files.forEach(f -> out.add(f.getFileName().toString()));
        Path file = dir.resolve("manifest.json");
        json.writeValue(file.toFile(), root);
        return file;
    }
}
