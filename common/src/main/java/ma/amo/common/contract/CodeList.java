package ma.amo.common.contract;

/** Reference code lists a column's values must belong to (see reference/README.md). */
public enum CodeList {
    MANAGING_BODY,
    REGIME,
    REGION,
    CARE_CATEGORY,
    ALD
}
