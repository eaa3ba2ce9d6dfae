package com.acme.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Agent settings, read from {@code ~/.acme/agent.properties} when present. Every setting has a safe
 * default so that the agent runs without a configuration file.
 */
public final class AgentConfig {

    private final Properties properties;

    private AgentConfig(Properties properties) {
        this.properties = properties;
    }

    /** Loads the configuration from the user's Acme directory, or the defaults when there is none. */
    public static AgentConfig load() throws IOException {
        Path file = dataDirectory().resolve("agent.properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return new AgentConfig(properties);
    }

    /** The directory holding the configuration, the signature database and the logs. */
    public static Path dataDirectory() {
        return Path.of(System.getProperty("user.home"), ".acme");
    }

    public String productVersion() {
        return properties.getProperty("product.version", "1.4.0");
    }

    public String updateChannel() {
        return properties.getProperty("update.channel", "stable");
    }

    public String updateCheckUrl() {
        return properties.getProperty("update.url", Endpoints.UPDATE_CHECK);
    }

    public String cdnBaseUrl() {
        return properties.getProperty("cdn.url", Endpoints.CDN_BASE);
    }

    public String telemetryUrl() {
        return properties.getProperty("telemetry.url", Endpoints.TELEMETRY);
    }

    public boolean telemetryEnabled() {
        return Boolean.parseBoolean(properties.getProperty("telemetry.enabled", "true"));
    }

    public Path signatureDatabase() {
        return dataDirectory().resolve("signatures.db");
    }

    public Path scanRoot() {
        return Path.of(properties.getProperty("scan.root", System.getProperty("user.home")));
    }

    public Duration updateInterval() {
        return Duration.ofMinutes(Long.parseLong(properties.getProperty("update.interval.minutes", "240")));
    }

    public Duration scanInterval() {
        return Duration.ofMinutes(Long.parseLong(properties.getProperty("scan.interval.minutes", "60")));
    }
}
