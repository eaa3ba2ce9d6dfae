package dev.clearbox.core.checkout.internal;

/** Turns exception messages and untrusted names into text that fits on one line. */
public final class Problems {
    private Problems() {
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
