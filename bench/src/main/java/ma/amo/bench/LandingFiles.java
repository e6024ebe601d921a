package ma.amo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.contract.Feed;
import ma.amo.ingestion.LandingScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data files of a landing folder with what their manifests say: feed and row count. */
record LandingFiles(List<DataFile> files) {
    record DataFile(Path path, String feed, long rows, long bytes) {
    }

    static LandingFiles of(Path landing) {
        ObjectMapper json = new ObjectMapper();
        List<DataFile> files = new LandingScanner().scan(landing).stream().map(c -> {
            if (c.dataFile() == null || c.manifestFile() == null) {
                throw new IllegalStateException("bench data " + c.relativeName() + " has no "
                        + (c.dataFile() == null ? "data file" : "manifest") + ": delete " + landing + " and run again");
            }
            try {
                JsonNode m = json.readTree(c.manifestFile().toFile());
                return new DataFile(c.dataFile(), m.get("feed").asText(), m.get("row_count").asLong(),
                        Files.size(c.dataFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + c.manifestFile(), e);
            }
        }).toList();
        return new LandingFiles(files);
    }

    /** Rows per feed, in the contract's feed order. */
    Map<String, Long> rowsByFeed() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Feed f : Feed.values()) {
            rows.put(f.code(), files.stream().filter(d -> d.feed().equals(f.code())).mapToLong(DataFile::rows).sum());
        }
        return rows;
    }

    List<Path> paths(String feed) {
        return files.stream().filter(d -> d.feed().equals(feed)).map(DataFile::path).toList();
    }

    long bytes() {
        return files.stream().mapToLong(DataFile::bytes).sum();
    }
}
