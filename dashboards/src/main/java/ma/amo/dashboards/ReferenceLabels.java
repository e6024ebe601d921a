package ma.amo.dashboards;

import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;

import java.util.LinkedHashMap;
import java.util.Map;

/** French labels of the codes the dashboards show, from the reference data (regimes, care categories, regions, ALD). */
public final class ReferenceLabels {
    private ReferenceLabels() {
    }

    public static Map<String, String> regimes(ReferenceData reference) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Regime r : reference.regimes()) {
            labels.putIfAbsent(r.regimeCode(), r.name());
        }
        return labels;
    }

    public static Map<String, String> careCategories(ReferenceData reference) {
        return of(reference, "care_categories.csv", "care_category", "label");
    }

    public static Map<String, String> regions(ReferenceData reference) {
        return of(reference, "regions.csv", "region_code", "name");
    }

    public static Map<String, String> ald(ReferenceData reference) {
        return of(reference, "ald_list.csv", "ald_code", "label");
    }

    private static Map<String, String> of(ReferenceData reference, String file, String code, String label) {
        Map<String, String> labels = new LinkedHashMap<>();
        reference.table(file).rows().forEach(r -> labels.put(r.get(code), r.get(label)));
        return labels;
    }
}
