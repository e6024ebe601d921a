package ma.amo.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the pseudonymisation key comes from, in this order: a key file given on the command line,
 * {@code $AMO_PSEUDONYM_KEY_FILE}, {@code $AMO_PSEUDONYM_KEY}. Without any, a demo key is generated once in
 * the warehouse ({@code _keys/demo-pseudonym.key}) and a warning says so: fine for sample data, never for
 * real deliveries. The key itself is never printed or logged.
 *
 * <p>With {@code AMO_MODE=production} there is no demo key: a run without a configured key, or with a key
 * file inside the warehouse's {@code _keys/} folder, is refused. In every mode a key is refused when it is
 * shorter than {@value #MIN_LENGTH} characters or has fewer than {@value #MIN_DISTINCT} distinct characters
 * ("aaaa…", "abcabc…"), and a key file readable by group or others is refused.
 */
public final class PseudonymKey {
    public static final String ENV_KEY = "AMO_PSEUDONYM_KEY";
    public static final String ENV_KEY_FILE = "AMO_PSEUDONYM_KEY_FILE";
    public static final String ENV_MODE = "AMO_MODE";
    static final int MIN_LENGTH = 32;
    static final int MIN_DISTINCT = 12;

    private PseudonymKey() {
    }

    public static Pseudonymizer resolve(Optional<Path> keyFile, Warehouse warehouse, Map<String, String> env,
                                        Consumer<String> warn) {
        Optional<Path> file = keyFile.or(() -> Optional.ofNullable(env.get(ENV_KEY_FILE)).filter(s -> !s.isBlank()).map(Path::of));
        boolean production = "production".equalsIgnoreCase(String.valueOf(env.get(ENV_MODE)).trim());
        Path demoFolder = warehouse.stateFolder().resolve("_keys");
        if (production && file.isPresent() && file.get().toAbsolutePath().normalize().startsWith(demoFolder)) {
            throw new IllegalArgumentException("production mode (" + ENV_MODE + "=production) refuses the demo key "
                    + file.get() + ": give the key the key custodian issued (--key-file, " + ENV_KEY_FILE + ")");
        }
        if (file.isPresent()) {
            return new Pseudonymizer(checked(readFile(file.get()), "key file " + file.get()));
        }
        String value = env.get(ENV_KEY);
        if (value != null && !value.isBlank()) {
            return new Pseudonymizer(checked(value.trim(), "$" + ENV_KEY));
        }
        if (production) {
            throw new IllegalArgumentException("production mode (" + ENV_MODE + "=production) needs a pseudonymisation key:"
                    + " --key-file FILE, $" + ENV_KEY_FILE + " or $" + ENV_KEY + " (no demo key is generated)");
        }
        Path demo = demoFolder.resolve("demo-pseudonym.key");
        if (!Files.exists(demo)) {
            writeDemoKey(demo);
        }
        warn.accept("no pseudonymisation key configured: using the DEMO key " + demo
                + " (set " + ENV_KEY_FILE + " or " + ENV_KEY + " for real data)");
        return new Pseudonymizer(checked(readFile(demo), "demo key " + demo));
    }

    private static byte[] checked(String key, String where) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the pseudonymisation key from " + where + " is too short ("
                    + key.length() + " characters): use at least " + MIN_LENGTH + " random characters");
        }
        if (key.chars().distinct().count() < MIN_DISTINCT) {
            throw new IllegalArgumentException("the pseudonymisation key from " + where + " is weak (fewer than "
                    + MIN_DISTINCT + " distinct characters): use random characters, e.g. openssl rand -hex 32");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("pseudonymisation key file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                throw new IllegalArgumentException("pseudonymisation key file " + file
                        + " is readable by other users: chmod 600 it");
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (UnsupportedOperationException e) {
            return readPlain(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pseudonymisation key file " + file + ": " + e.getMessage());
        }
    }

    private static String readPlain(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pseudonymisation key file " + file + ": " + e.getMessage());
        }
    }

    private static void writeDemoKey(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: nothing stricter to set
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the demo key " + file + ": " + e.getMessage(), e);
        }
    }
}
