package ma.amo.common;

import org.apache.spark.sql.Column;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

/**
 * Keyed pseudonyms: HMAC-SHA-256 over "domain|scope|value", kept to its first 128 bits as 32 hex digits.
 * The Spark form is built from sha2/concat so it runs inside the engine (no UDF, no key shipped to
 * executors as an object); {@link #pseudonym} is the same function in plain Java, used by tests and
 * tools that must find a person's pseudonym.
 */
public final class Pseudonymizer {
    static final int HEX_LENGTH = 32;
    private static final int BLOCK = 64;

    private final byte[] key;
    private final String innerPadHex;
    private final String outerPadHex;

    public Pseudonymizer(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty pseudonymisation key");
        }
        this.key = secret.length > BLOCK ? sha256(secret) : secret.clone();
        byte[] padded = Arrays.copyOf(key, BLOCK);
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            inner[i] = (byte) (padded[i] ^ 0x36);
            outer[i] = (byte) (padded[i] ^ 0x5c);
        }
        this.innerPadHex = HexFormat.of().formatHex(inner);
        this.outerPadHex = HexFormat.of().formatHex(outer);
    }

    /** The pseudonym of one value, or null for null. */
    public String pseudonym(String domain, String scope, String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(message(domain, scope, value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out).substring(0, HEX_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same pseudonym as a Spark expression; null stays null. */
    public Column pseudonym(String domain, Column scope, Column value) {
        Column message = encode(concat_ws("|", lit(domain), scope, value), "UTF-8");
        Column inner = sha2(concat(unhex(lit(innerPadHex)), message), 256);
        Column outer = sha2(concat(unhex(lit(outerPadHex)), unhex(inner)), 256);
        return when(value.isNull(), lit(null).cast("string")).otherwise(substring(outer, 1, HEX_LENGTH));
    }

    /** A short non-secret fingerprint of the key, recorded with loads so a key change is visible. */
    public String fingerprint() {
        return pseudonym("fingerprint", "", "amo-warehouse").substring(0, 12);
    }

    private static String message(String domain, String scope, String value) {
        return domain + "|" + (scope == null ? "" : scope) + "|" + value;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
