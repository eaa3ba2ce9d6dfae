package com.acme.agent.telemetry;

import com.acme.agent.config.AgentConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sends anonymous usage and health events. A random session id groups the events of one agent run;
 * nothing identifies the user or the device. Disabled with {@code telemetry.enabled=false}.
 */
public final class TelemetryClient {

    private static final System.Logger LOG = System.getLogger(TelemetryClient.class.getName());

    private final AgentConfig config;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String sessionId = UUID.randomUUID().toString();

    public TelemetryClient(AgentConfig config) {
        this.config = config;
    }

    public void record(String type, Map<String, String> attributes) {
        if (!config.telemetryEnabled()) {
            return;
        }
        TelemetryEvent event = new TelemetryEvent(type, sessionId, Instant.now(), attributes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.telemetryUrl()))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toJson()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> {
                    LOG.log(System.Logger.Level.DEBUG, "telemetry not sent: " + e);
                    return null;
                });
    }
}
