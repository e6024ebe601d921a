package ma.amo.dashboards.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one publication did.
 *
 * @param publicationId  its number in amo.publication
 * @param tables         every table published, with the Delta version read and the rows written
 * @param missingRoles   managed roles absent from the server (not granted; {@code --create-roles} creates them)
 */
public record PublishReport(long publicationId, Instant publishedAt, long buildStateVersion, List<PublishedTable> tables,
                            List<String> missingRoles, Duration elapsed) {

    public record PublishedTable(String name, long deltaVersion, long rows) {
    }

    public long rows() {
        return tables.stream().mapToLong(PublishedTable::rows).sum();
    }
}
