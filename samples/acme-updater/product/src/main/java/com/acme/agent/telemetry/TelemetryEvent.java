package com.acme.agent.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** An anonymous usage or health event: what happened, when, and a few counters. */
public record TelemetryEvent(String type, String sessionId, Instant time, Map<String, String> attributes) {

    public TelemetryEvent {
        attributes = new TreeMap<>(attributes);
    }

    /** The event as a JSON object, the format the telemetry intake expects. */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\"type\":").append(quote(type))
                .append(",\"session\":").append(quote(sessionId))
                .append(",\"time\":").append(quote(time.toString()))
                .append(",\"attributes\":{");
        String separator = "";
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            json.append(separator).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
