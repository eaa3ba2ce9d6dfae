package com.acme.agent.update;

import com.acme.agent.config.AgentConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Asks the Acme update service whether a newer agent release or signature database is available. */
public final class UpdateChecker {

    private final AgentConfig config;
    private final HttpClient http;

    public UpdateChecker(AgentConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What the update service answered. */
    public record UpdateInfo(String latestVersion, long signatureSerial) {

        public boolean isNewerThan(String version) {
            return !latestVersion.isEmpty() && !latestVersion.equals(version);
        }
    }

    public UpdateInfo check() throws IOException, InterruptedException {
        String query = "?product=agent"
                + "&version=" + encode(config.productVersion())
                + "&channel=" + encode(config.updateChannel())
                + "&compat=" + encode(CompatibilityHints.collect())
                + "&os=" + encode(System.getProperty("os.name"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.updateCheckUrl() + query))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/plain")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("update service answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static UpdateInfo parse(String body) {
        Map<String, String> values = new HashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new UpdateInfo(values.getOrDefault("latest", ""),
                Long.parseLong(values.getOrDefault("sigdb.serial", "0")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
