package dev.clearbox.core.unpack;

import org.objectweb.asm.ClassReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides an entry's {@link EntryType} from its first bytes (and, for class files, its constant pool). */
final class EntryClassifier {
    /** Class files larger than this are typed but their name is not read. */
    static final long MAX_CLASS_PARSE_BYTES = 16L * 1024 * 1024;
    private static final int SUPPORTED_MAJOR = 52;

    private EntryClassifier() {
    }

    /** The type, a detail and, for archives and compressed files, the format to open. */
    record Kind(EntryType type, String detail, Format format) {
    }

    /**
     * From the first bytes alone. A class file's detail is its version only, {@code (Java 17, major 61)}:
     * {@link #classDetail} reads the name from the file.
     */
    static Kind classify(byte[] head) {
        int magic = head.length >= 4 ? u4(head, 0) : 0;
        if (magic == 0xCAFEBABE && head.length >= 8) {
            int major = u2(head, 6);
            if (Integer.toUnsignedLong(u4(head, 4)) >= 45) {
                return new Kind(EntryType.CLASS, "(" + javaVersion(major) + ", major " + major + ")", null);
            }
            return new Kind(EntryType.NATIVE_LIBRARY, "Mach-O universal binary", null);
        }
        if (magic == 0x7F454C46) {
            String bits = head.length > 4 && head[4] == 2 ? "64-bit" : "32-bit";
            return new Kind(EntryType.NATIVE_LIBRARY, "ELF " + bits, null);
        }
        if (magic == 0xFEEDFACE || magic == 0xCEFAEDFE || magic == 0xFEEDFACF || magic == 0xCFFAEDFE) {
            return new Kind(EntryType.NATIVE_LIBRARY, "Mach-O", null);
        }
        if (isPe(head)) {
            return new Kind(EntryType.NATIVE_LIBRARY, "PE (Windows executable or DLL)", null);
        }
        Format format = FormatDetector.detect(head);
        if (format != null) {
            return new Kind(EntryType.ARCHIVE, format.id(), format);
        }
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
            return new Kind(EntryType.SCRIPT, interpreter(head), null);
        }
        return new Kind(EntryType.DATA, "", null);
    }

    /** {@code com.acme.Foo (Java 17, major 61)}, given the version part from {@link #classify}. */
    static String classDetail(Path file, long size, String version) {
        if (size > MAX_CLASS_PARSE_BYTES) {
            return "class file too large to read its name " + version;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            // ASM refuses versions newer than it knows; the constant pool does not depend on the version.
            bytes[6] = 0;
            bytes[7] = SUPPORTED_MAJOR;
            String name = new ClassReader(bytes).getClassName();
            return Failures.printable(name.replace('/', '.')) + " " + version;
        } catch (IOException | RuntimeException e) {
            return "unreadable class file " + version;
        }
    }

    static String javaVersion(int major) {
        if (major >= 49) {
            return "Java " + (major - 44);
        }
        if (major >= 45) {
            return "Java 1." + Math.max(1, major - 44);
        }
        return "unknown Java version";
    }

    private static boolean isPe(byte[] head) {
        if (head.length < 64 || head[0] != 'M' || head[1] != 'Z') {
            return false;
        }
        long peOffset = (head[0x3C] & 0xFF) | (head[0x3D] & 0xFF) << 8 | (head[0x3E] & 0xFF) << 16
                | (long) (head[0x3F] & 0xFF) << 24;
        if (peOffset + 4 > head.length) {
            return true; // the PE header lies beyond what was sampled; trust the MZ stub
        }
        int p = (int) peOffset;
        return head[p] == 'P' && head[p + 1] == 'E' && head[p + 2] == 0 && head[p + 3] == 0;
    }

    private static String interpreter(byte[] head) {
        int end = 2;
        while (end < head.length && end < 120 && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        return "script: " + Failures.printable(new String(head, 0, end, StandardCharsets.UTF_8).strip());
    }

    private static int u4(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static int u2(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }
}
