package dev.clearbox.core.compare.internal;

import dev.clearbox.core.Sha256;
import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** The fallback: two members whose bytes differ, with sizes, digests and the first differing offset. */
final class BytesComparator implements FormatComparator {
    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return true;
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException {
        compare(shipped, rebuilt, context, "");
    }

    static void compare(Member shipped, Member rebuilt, CompareContext context, String note) throws IOException {
        Facts s = facts(shipped);
        Facts r = facts(rebuilt);
        long offset = firstDifference(shipped, rebuilt);
        context.report(shipped.path(), DifferenceClass.RESOURCE_CONTENT,
                describe(shipped) + " differs: " + s.size + " bytes shipped, " + r.size + " rebuilt, first difference at byte "
                        + offset + (note.isEmpty() ? "" : "; " + note),
                List.of("shipped sha256 " + s.sha256, "rebuilt sha256 " + r.sha256));
    }

    static String describe(Member m) {
        return m.path().isEmpty() ? "the file" : "entry " + m.path();
    }

    private record Facts(long size, String sha256) {
    }

    private static Facts facts(Member m) throws IOException {
        if (m.data() != null) {
            return new Facts(m.data().length, HexFormat.of().formatHex(Sha256.newDigest().digest(m.data())));
        }
        MessageDigest md = Sha256.newDigest();
        long size = 0;
        try (InputStream in = m.open()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new Facts(size, HexFormat.of().formatHex(md.digest()));
    }

    private static long firstDifference(Member a, Member b) throws IOException {
        try (InputStream x = new java.io.BufferedInputStream(a.open()); InputStream y = new java.io.BufferedInputStream(b.open())) {
            long i = 0;
            while (true) {
                int p = x.read();
                int q = y.read();
                if (p != q || p < 0) {
                    return i;
                }
                i++;
            }
        }
    }
}
