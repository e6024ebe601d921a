package ma.amo.dashboards;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published marts' data dictionary (resource {@code dictionary.yaml}): French labels of the marts and their
 * columns, the grain (key) of each mart and the indexes the dashboards need.
 */
public final class DataDictionary {
    /** One mart as the dictionary describes it. */
    public record Mart(String name, String label, List<String> grain, List<List<String>> indexes) {
    }

    private final Map<String, String> columns;
    private final Map<String, Mart> marts = new LinkedHashMap<>();
    private final String publicationLabel;
    private final Map<String, String> publicationColumns;
    private final Map<String, String> regimeShortLabels;

    private DataDictionary(Map<String, Object> yaml) {
        this.columns = strings(yaml.get("columns"));
        for (Map.Entry<String, Object> e : map(yaml.get("marts")).entrySet()) {
            Map<String, Object> m = map(e.getValue());
            marts.put(e.getKey(), new Mart(e.getKey(), (String) m.get("label"), list(m.get("grain")),
                    m.containsKey("indexes") ? list(m.get("indexes")) : List.of()));
        }
        Map<String, Object> publication = map(yaml.get("publication"));
        this.publicationLabel = (String) publication.get("label");
        this.publicationColumns = strings(publication.get("columns"));
        this.regimeShortLabels = strings(yaml.get("regime_short_labels"));
    }

    public static DataDictionary load() {
        try (InputStream in = DataDictionary.class.getResourceAsStream("dictionary.yaml")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.yaml missing from the dashboards jar");
            }
            return new DataDictionary(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mart named {@code name} (without the layer), or a failure naming the missing entry. */
    public Mart mart(String name) {
        Mart m = marts.get(name);
        if (m == null) {
            throw new IllegalStateException("the data dictionary has no entry for the mart " + name);
        }
        return m;
    }

    public Optional<String> columnLabel(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** The label of a column; every published column must have one, so a missing label is an error here. */
    public String requireColumnLabel(String mart, String column) {
        return columnLabel(column).orElseThrow(() -> new IllegalStateException(
                "the data dictionary has no label for column " + column + " of mart " + mart));
    }

    /** A short French name of a regime for axes and selectors; its code when the dictionary has none. */
    public String regimeShortLabel(String regimeCode) {
        return regimeShortLabels.getOrDefault(regimeCode, regimeCode);
    }

    public String publicationLabel() {
        return publicationLabel;
    }

    public Map<String, String> publicationColumns() {
        return publicationColumns;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object o) {
        return (List<T>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        return new LinkedHashMap<>((Map<String, String>) o);
    }
}
