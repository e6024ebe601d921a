package ma.amo.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.testing.TempFolders;
import ma.amo.dashboards.db.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real headless Chromium driven through chromedriver with the W3C WebDriver protocol (plain HTTP on
 * loopback: no Selenium needed). Debian's chromium and chromium-driver packages, installed by
 * scripts/ensure-test-tools.sh; a missing browser fails the test.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Process driver;
    private final String base;
    private final Path profile;
    private final String session;

    HeadlessChromium(int width, int height) throws IOException, InterruptedException {
        int port = EmbeddedPostgres.freePort();
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(executable("chromedriver"), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        profile = Files.createTempDirectory("amo-chromium");
        waitUntilReady();
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        ObjectNode options = always.putObject("goog:chromeOptions");
        options.put("binary", executable("chromium"));
        ArrayNode args = options.putArray("args");
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile)) {
            args.add(a);
        }
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        session = post("/session", caps).path("value").path("sessionId").asText();
        if (session.isEmpty()) {
            throw new IllegalStateException("chromedriver did not open a session");
        }
    }

    private static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/lib/chromium", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: run scripts/ensure-test-tools.sh (Debian packages "
                + "chromium and chromium-driver)");
    }

    private void waitUntilReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/status").path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("chromedriver did not start on " + base);
    }

    void open(Path file) {
        ObjectNode body = JSON.createObjectNode().put("url", file.toUri().toString());
        post("/session/" + session + "/url", body);
    }

    /** Runs a script in the page (its body is a function body: use return). */
    JsonNode script(String body, Object... args) {
        ObjectNode req = JSON.createObjectNode().put("script", body);
        ArrayNode a = req.putArray("args");
        for (Object o : args) {
            a.add(JSON.valueToTree(o));
        }
        return post("/session/" + session + "/execute/sync", req).path("value");
    }

    String text(String css) {
        return script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css).asText(null);
    }

    /** Clicks an element found by CSS selector, as a user would (WebDriver's element click). */
    void click(String css) {
        ObjectNode find = JSON.createObjectNode().put("using", "css selector").put("value", css);
        JsonNode element = post("/session/" + session + "/element", find).path("value");
        String id = element.path("element-6066-11e4-a52e-4f735466cecf").asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("no element " + css + ": " + element);
        }
        post("/session/" + session + "/element/" + id + "/click", JSON.createObjectNode());
    }

    /** The browser console's entries at SEVERE level (errors), since the last call. */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        JsonNode entries = post("/session/" + session + "/se/log", JSON.createObjectNode().put("type", "browser")).path("value");
        for (JsonNode e : entries) {
            if ("SEVERE".equals(e.path("level").asText())) {
                errors.add(e.path("message").asText());
            }
        }
        return errors;
    }

    /** Resizes the window (a laptop, a projector…). */
    void resize(int width, int height) {
        post("/session/" + session + "/window/rect", JSON.createObjectNode().put("width", width).put("height", height));
    }

    void screenshot(Path file) throws IOException {
        String png = get("/session/" + session + "/screenshot").path("value").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() >= 400) {
                throw new IllegalStateException("WebDriver error " + r.statusCode() + ": " + json.path("value").path("message").asText(r.body()));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            send(HttpRequest.newBuilder(URI.create(base + "/session/" + session)).DELETE());
        } catch (RuntimeException e) {
            // the driver is stopped below anyway
        } finally {
            driver.destroy();
            TempFolders.delete(profile);
        }
    }
}
