package ma.amo.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manifest as an ordered map, written as JSON by hand so that amounts keep exactly two decimals and the
 * bytes never depend on a library's formatting. Values: String, Integer/Long, {@link Cents}, nested Map.
 */
final class Manifest {
    /** An amount written as a JSON number with two decimals. */
    record Cents(long value) {
    }

    private Manifest() {
    }

    static Map<String, Object> of(String og, String feed, String period, int sequence, long rows, String sha256,
                                  Map<String, Object> controlTotals, String producedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("og_code", og);
        m.put("feed", feed);
        m.put("period", period);
        m.put("sequence", sequence);
        m.put("format", "csv");
        m.put("schema_version", 1);
        m.put("row_count", rows);
        m.put("sha256", sha256);
        m.put("control_totals", controlTotals);
        m.put("produced_at", producedAt);
        return m;
    }

    static String json(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder(512);
        write(sb, m, "");
        return sb.append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, String indent) {
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            boolean nested = !indent.isEmpty();
            sb.append(nested ? "{" : "{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (nested) {
                    sb.append(i > 0 ? ", " : "");
                } else {
                    sb.append("  ");
                }
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent + "  ");
                if (!nested) {
                    sb.append(++i < map.size() ? ",\n" : "\n");
                } else {
                    i++;
                }
            }
            sb.append('}');
        } else if (v instanceof Cents c) {
            sb.append(SampleGenerator.cents(c.value()));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v == null) {
            sb.append("null");
        } else {
            string(sb, v.toString());
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
