package ma.amo.ingestion;

import java.nio.charset.StandardCharsets;

/**
 * Delivery ids are derived from what was delivered (path, data bytes, manifest bytes), never from the clock,
 * so a rerun after a crash finds the same id and its idempotent writes are recognised.
 */
final class DeliveryIds {
    private DeliveryIds() {
    }

    static String identity(String relativeName, String dataSha, String manifestSha) {
        return FileFingerprint.sha256((relativeName + "|" + dataSha + "|" + manifestSha).getBytes(StandardCharsets.UTF_8));
    }

    static String of(Manifest m, String identity) {
        return m.ogCode() + "-" + m.feed().code() + "-" + m.period() + "-s" + m.sequence() + "-" + identity.substring(0, 10);
    }

    static String rejected(String identity) {
        return "rejected-" + identity.substring(0, 16);
    }
}
