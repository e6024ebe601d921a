package ma.amo.common.reference;

/** Reference data that cannot be read or does not hold together. */
public class ReferenceDataException extends RuntimeException {
    public ReferenceDataException(String message) {
        super(message);
    }
}
