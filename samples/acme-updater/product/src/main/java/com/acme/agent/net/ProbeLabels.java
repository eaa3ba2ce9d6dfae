package com.acme.agent.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a client tag into DNS labels for mirror latency probes. DNS names are case-insensitive and
 * labels are at most 63 characters, so the tag is hex-encoded and split, each label numbered.
 */
final class ProbeLabels {

    private static final int CHUNK = 56;

    private ProbeLabels() {
    }

    static List<String> encode(String clientTag) {
        String hex = HexFormat.of().formatHex(clientTag.getBytes(StandardCharsets.US_ASCII));
        List<String> labels = new ArrayList<>();
        for (int start = 0, n = 0; start < hex.length(); start += CHUNK, n++) {
            String chunk = hex.substring(start, Math.min(hex.length(), start + CHUNK));
            labels.add("p" + n + "-" + chunk);
        }
        return labels;
    }
}
