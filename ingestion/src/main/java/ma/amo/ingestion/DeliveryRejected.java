package ma.amo.ingestion;

import ma.amo.common.contract.DeliveryCheck;

/** A whole delivery fails a contract check: nothing of it is loaded, the ledger records why. */
public class DeliveryRejected extends Exception {
    private final DeliveryCheck check;

    public DeliveryRejected(DeliveryCheck check, String detail) {
        super(check + ": " + detail);
        this.check = check;
    }

    public DeliveryCheck check() {
        return check;
    }
}
