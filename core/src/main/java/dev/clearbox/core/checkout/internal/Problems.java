package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns exception messages and untrusted names into text that fits on one line; checks auditor-given files. */
public final class Problems {
    private Problems() {
    }

    /**
     * Refuses an auditor-given file ({@code what}: "keyring", "allowed-signers file") that is not a regular file
     * or is larger than {@code maxBytes}, before anything reads it.
     */
    static void requireSmallFile(Path file, String stage, String input, String what, long maxBytes)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(stage, input, what + " not found");
        }
        if (Files.size(file) > maxBytes) {
            throw new InvalidInputException(stage, input, what + " larger than " + maxBytes + " bytes");
        }
    }

    /** The first non-blank message in the cause chain, on one line. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return clean(msg.replaceAll("\\s+", " ").trim());
    }

    /** Untrusted text with control characters shown as {@code \xNN}, so it cannot break a line. */
    public static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
