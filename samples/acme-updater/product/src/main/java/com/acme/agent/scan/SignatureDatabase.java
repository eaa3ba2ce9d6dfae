package com.acme.agent.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature database: a text file with a {@code # acme-sigdb <serial>} header and one
 * {@code name:hex-pattern} line per signature.
 */
public final class SignatureDatabase {

    private static final String HEADER = "# acme-sigdb ";

    private final long serial;
    private final List<Signature> signatures;

    private SignatureDatabase(long serial, List<Signature> signatures) {
        this.serial = serial;
        this.signatures = List.copyOf(signatures);
    }

    /** An empty database, used until the first download succeeds. */
    public static SignatureDatabase empty() {
        return new SignatureDatabase(0, List.of());
    }

    public static SignatureDatabase load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static SignatureDatabase parse(String text) {
        long serial = 0;
        List<Signature> signatures = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(HEADER)) {
                serial = Long.parseLong(trimmed.substring(HEADER.length()).strip());
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("malformed signature line: " + trimmed);
                }
                byte[] pattern = HexFormat.of().parseHex(trimmed.substring(colon + 1));
                signatures.add(new Signature(trimmed.substring(0, colon), pattern));
            }
        }
        return new SignatureDatabase(serial, signatures);
    }

    public long serial() {
        return serial;
    }

    public List<Signature> signatures() {
        return signatures;
    }
}
