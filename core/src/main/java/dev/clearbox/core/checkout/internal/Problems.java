package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.VisibleText;

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
    static void requireSmallFile(Path file, Stage stage, String input, String what, long maxBytes)
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

    /** Untrusted text as one line, with what could break or disguise it escaped ({@link VisibleText}). */
    public static String clean(String s) {
        return VisibleText.oneLine(s);
    }
}
