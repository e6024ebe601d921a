package ma.amo.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the key comes from, and every way a key is refused; the key never appears in a message. */
class PseudonymKeyTest {
    private static final String GOOD = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f9012345";

    @TempDir
    Path dir;

    private Warehouse warehouse() {
        return new Warehouse(dir.resolve("warehouse"));
    }

    private Path keyFile(String key, String perms) throws IOException {
        Path f = dir.resolve("key-" + perms);
        Files.writeString(f, key + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void demoModeWithoutAKeyGeneratesAPrivateDemoKeyAndWarns() throws IOException {
        List<String> warnings = new ArrayList<>();
        PseudonymKey.resolve(Optional.empty(), warehouse(), Map.of(), warnings::add);
        Path demo = warehouse().root().resolve("_keys/demo-pseudonym.key");
        assertThat(demo).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demo))).isEqualTo("rw-------");
        assertThat(warnings).singleElement().asString().contains("DEMO key");
        String key = Files.readString(demo).trim();
        assertThat(warnings.get(0)).doesNotContain(key);
    }

    @Test
    void productionModeRefusesToRunWithoutAKeyAndGeneratesNothing() {
        assertThatThrownBy(() -> PseudonymKey.resolve(Optional.empty(), warehouse(),
                Map.of(PseudonymKey.ENV_MODE, "production"), w -> { }))
                .hasMessageContaining("production mode").hasMessageContaining("needs a pseudonymisation key");
        assertThat(warehouse().root().resolve("_keys")).doesNotExist();
    }

    @Test
    void productionModeRefusesTheDemoKeyEvenWhenGivenExplicitly() {
        PseudonymKey.resolve(Optional.empty(), warehouse(), Map.of(), w -> { });
        Path demo = warehouse().root().resolve("_keys/demo-pseudonym.key");
        assertThatThrownBy(() -> PseudonymKey.resolve(Optional.of(demo), warehouse(),
                Map.of(PseudonymKey.ENV_MODE, "production"), w -> { }))
                .hasMessageContaining("refuses the demo key");
    }

    @Test
    void productionModeAcceptsAStrongPrivateKeyFile() throws IOException {
        Path f = keyFile(GOOD, "rw-------");
        Pseudonymizer p = PseudonymKey.resolve(Optional.of(f), warehouse(), Map.of(PseudonymKey.ENV_MODE, "production"), w -> {
            throw new AssertionError("no warning expected: " + w);
        });
        assertThat(p).isNotNull();
    }

    @Test
    void shortWeakAndExposedKeysAreRefusedWithoutQuotingThem() throws IOException {
        String shortKey = "abcdefghijklmnop"; // 16 < 32 characters
        assertThatThrownBy(() -> PseudonymKey.resolve(Optional.empty(), warehouse(), Map.of(PseudonymKey.ENV_KEY, shortKey), w -> { }))
                .hasMessageContaining("too short (16 characters)").message().doesNotContain(shortKey);
        String weak = "abab".repeat(10); // 40 characters, 2 distinct < 12
        assertThatThrownBy(() -> PseudonymKey.resolve(Optional.empty(), warehouse(), Map.of(PseudonymKey.ENV_KEY, weak), w -> { }))
                .hasMessageContaining("is weak").message().doesNotContain(weak);
        Path exposed = keyFile(GOOD, "rw-r--r--");
        assertThatThrownBy(() -> PseudonymKey.resolve(Optional.of(exposed), warehouse(), Map.of(), w -> { }))
                .hasMessageContaining("readable by other users").message().doesNotContain(GOOD);
    }

    @Test
    void theKeyFileWinsOverTheEnvironment() throws IOException {
        Path f = keyFile(GOOD, "rw-------");
        Pseudonymizer fromFile = PseudonymKey.resolve(Optional.of(f), warehouse(),
                Map.of(PseudonymKey.ENV_KEY, "0123456789abcdefghijklmnopqrstuvwxyz"), w -> { });
        Pseudonymizer direct = new Pseudonymizer(GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(fromFile.fingerprint()).isEqualTo(direct.fingerprint());
    }
}
