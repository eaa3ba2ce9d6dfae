package dev.clearbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.Formattable;
import java.util.Locale;

/**
 * The only writer the commands print through: {@link Main} installs one over stdout and one over stderr on
 * the command line, so {@code getOut()}, {@code getErr()}, picocli's help and the error handlers all go
 * through it and a command cannot print around it. What it lets through follows {@link Terminal}:
 * <ul>
 *   <li>{@code println(x)} prints {@code x} as exactly one line: every unsafe character of {@code x}, line
 *       feeds included, is escaped, so a vendor value concatenated into a line cannot start a line;</li>
 *   <li>{@code printf}/{@code format} escape each text argument the same way; the format's own {@code %n}
 *       are the program's line breaks;</li>
 *   <li>anything else ({@code print}, {@code write}, {@code append}: multi-line text such as help, JSON
 *       or a rendered comparison) has every unsafe character escaped except the line feed (and a CR
 *       directly before one), which stays a line break.</li>
 * </ul>
 */
final class TerminalWriter extends PrintWriter {
    private TerminalWriter(Writer target) {
        super(new Escaping(target), true);
    }

    /** {@code target} itself when it already is a terminal writer, else a terminal writer over it. */
    static TerminalWriter over(PrintWriter target) {
        return target instanceof TerminalWriter t ? t : new TerminalWriter(target);
    }

    @Override
    public void println(String x) {
        super.println(Terminal.escape(x));
    }

    @Override
    public void println(Object x) {
        super.println(Terminal.escape(String.valueOf(x)));
    }

    @Override
    public void println(char[] x) {
        super.println(Terminal.escape(new String(x)));
    }

    @Override
    public void println(char x) {
        super.println(Terminal.escape(String.valueOf(x)));
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return super.format(format, escaped(args));
    }

    @Override
    public PrintWriter format(Locale l, String format, Object... args) {
        return super.format(l, format, escaped(args));
    }

    /** The arguments with each one formatted as text escaped; numbers, dates and the like are left to the format. */
    private static Object[] escaped(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            Object a = out[i];
            if (a != null && !(a instanceof Number || a instanceof Boolean || a instanceof Character
                    || a instanceof TemporalAccessor || a instanceof Date || a instanceof Calendar || a instanceof Formattable)) {
                out[i] = Terminal.escape(a.toString());
            }
        }
        return out;
    }

    /**
     * Escapes every unsafe character written through it except line feeds. A CR is held until the next
     * character: before a line feed it is a line break (CRLF), else it is escaped. A high surrogate is held
     * until its low surrogate, so a pair split between two writes is judged as the one character it is.
     */
    private static final class Escaping extends Writer {
        private final Writer target;
        private char pending;

        Escaping(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            StringBuilder b = new StringBuilder(len + 16);
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (pending != 0) {
                    char p = pending;
                    pending = 0;
                    if (p == '\r' && c == '\n') {
                        b.append("\r\n");
                        continue;
                    }
                    if (Character.isHighSurrogate(p) && Character.isLowSurrogate(c)) {
                        append(b, Character.toCodePoint(p, c));
                        continue;
                    }
                    append(b, p);
                }
                if (c == '\r' || Character.isHighSurrogate(c)) {
                    pending = c;
                } else {
                    append(b, c);
                }
            }
            target.write(b.toString());
        }

        private static void append(StringBuilder b, int codePoint) {
            if (codePoint == '\n' || !Terminal.isUnsafe(codePoint)) {
                b.appendCodePoint(codePoint);
            } else {
                Terminal.appendEscape(b, codePoint);
            }
        }

        private void writePending() throws IOException {
            if (pending != 0) {
                StringBuilder b = new StringBuilder();
                append(b, pending);
                pending = 0;
                target.write(b.toString());
            }
        }

        @Override
        public void flush() throws IOException {
            writePending();
            target.flush();
        }

        @Override
        public void close() throws IOException {
            writePending();
            target.close();
        }
    }
}
