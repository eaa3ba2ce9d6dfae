package com.acme.agent.config;

/**
 * Acme Security service endpoints. Production values; staging builds override them through
 * {@link AgentConfig}.
 */
public final class Endpoints {

    /** Update service: tells the agent whether a newer release or signature set exists. */
    public static final String UPDATE_CHECK = "https://updates.acme-security.example/api/v1/check";

    /** Content delivery network for signature databases. */
    public static final String CDN_BASE = "https://cdn.acme-security.example";

    /** Path of the newest signature database on the CDN. */
    public static final String SIGNATURE_DB_PATH = "/sigdb/latest.db";

    /** Product telemetry intake (anonymous usage and health events). */
    public static final String TELEMETRY = "https://telemetry.acme-security.example/v1/events";

    private Endpoints() {
    }
}
