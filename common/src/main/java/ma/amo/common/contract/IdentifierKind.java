package ma.amo.common.contract;

/**
 * How an identifier column is pseudonymised. Identifiers scoped by managing body are keyed together with
 * the og_code (the same number at CNSS and CNOPS are two people); national ids are not, so that one
 * person can be matched across managing bodies.
 */
public enum IdentifierKind {
    NONE(null),
    /** beneficiary_id and insured_id: one namespace, so insured_id joins to beneficiary_id. */
    PERSON("person"),
    /** CNIE or other national person identifier: matched across managing bodies. */
    NATIONAL("national"),
    /** Payer of contributions. */
    CONTRIBUTOR("contributor");

    private final String domain;

    IdentifierKind(String domain) {
        this.domain = domain;
    }

    /** The namespace mixed into the keyed hash; null when the column is not pseudonymised. */
    public String domain() {
        return domain;
    }

    public boolean scopedByManagingBody() {
        return this == PERSON || this == CONTRIBUTOR;
    }
}
