package ma.amo.transforms;

import org.apache.spark.sql.Column;

import java.util.Collection;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Column lists named once (schemas, keys) as the {@code Column[]} that select and groupBy take. */
final class Columns {
    private Columns() {
    }

    static Column[] of(Collection<String> names) {
        return names.stream().map(c -> col(c)).toArray(Column[]::new);
    }

    static Column[] of(String... names) {
        return of(List.of(names));
    }
}
