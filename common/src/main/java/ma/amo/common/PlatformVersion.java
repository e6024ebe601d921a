package ma.amo.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The platform's version (the Maven project version), recorded with every output. */
public final class PlatformVersion {
    private static final String VERSION = load();

    private PlatformVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PlatformVersion.class.getResourceAsStream("/ma/amo/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
