package dev.clearbox.analyzers.bytecode.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * A minimal, bounds-checked reader of an ELF file's exported dynamic symbols: the defined, global or
 * weak, default- or protected-visibility entries of {@code .dynsym} (or {@code .symtab} when there is
 * no dynamic table). Every offset and size is checked against the file before it is used, so hostile
 * input gives a problem, never an exception or a read outside the buffer.
 *
 * <p>No maintained ELF library on Maven Central fitted (the ones there are unmaintained or pull in
 * native code), and listing symbols needs only the section headers and one symbol table.
 */
public final class ElfSymbols {
    /** Files larger than this are not parsed. */
    public static final int MAX_BYTES = 256 * 1024 * 1024;
    /** At most this many symbols are read from a table. */
    public static final int MAX_SYMBOLS = 200_000;
    private static final int MAX_NAME = 1024;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;

    /** The exported symbols (sorted) and the format, or the problem that stopped the reader. */
    public record Result(String format, List<String> symbols, String problem) {
        public Result {
            symbols = List.copyOf(symbols);
        }
    }

    private final byte[] b;
    private final boolean wide;
    private final boolean little;

    private ElfSymbols(byte[] bytes, boolean wide, boolean little) {
        this.b = bytes;
        this.wide = wide;
        this.little = little;
    }

    /** Reads the exported symbols of an ELF image. */
    public static Result read(byte[] bytes) {
        if (bytes.length < 16 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            return new Result("not ELF", List.of(), "no ELF magic");
        }
        if (bytes[4] != 1 && bytes[4] != 2 || bytes[5] != 1 && bytes[5] != 2) {
            return new Result("ELF", List.of(), "unknown ELF class or byte order");
        }
        boolean wide = bytes[4] == 2;
        String format = "ELF " + (wide ? "64" : "32") + "-bit " + (bytes[5] == 1 ? "LSB" : "MSB");
        try {
            return new Result(format, new ElfSymbols(bytes, wide, bytes[5] == 1).exported(), "");
        } catch (Malformed e) {
            return new Result(format, List.of(), e.getMessage());
        }
    }

    private List<String> exported() throws Malformed {
        int headerSize = wide ? 64 : 52;
        need(0, headerSize, "ELF header");
        long shoff = wide ? u64(0x28) : u32(0x20);
        int shentsize = u16(wide ? 0x3A : 0x2E);
        int shnum = u16(wide ? 0x3C : 0x30);
        if (shoff == 0 || shnum == 0) {
            throw new Malformed("no section headers (stripped of sections)");
        }
        int minEntry = wide ? 64 : 40;
        if (shentsize < minEntry) {
            throw new Malformed("section header entry size " + shentsize + " is too small");
        }
        need(shoff, (long) shentsize * shnum, "section header table");
        int table = -1;
        for (int pass = 0; pass < 2 && table < 0; pass++) {
            int wanted = pass == 0 ? SHT_DYNSYM : SHT_SYMTAB;
            for (int i = 0; i < shnum; i++) {
                if (u32(shoff + (long) i * shentsize + 4) == wanted) {
                    table = i;
                    break;
                }
            }
        }
        if (table < 0) {
            throw new Malformed("no symbol table");
        }
        long sh = shoff + (long) table * shentsize;
        long symOff = wide ? u64(sh + 0x18) : u32(sh + 0x10);
        long symSize = wide ? u64(sh + 0x20) : u32(sh + 0x14);
        long link = u32(sh + (wide ? 0x28 : 0x18));
        long entSize = wide ? u64(sh + 0x38) : u32(sh + 0x24);
        int minSym = wide ? 24 : 16;
        if (entSize < minSym || entSize > 1024) {
            throw new Malformed("symbol entry size " + entSize + " is invalid");
        }
        need(symOff, symSize, "symbol table");
        if (link >= shnum) {
            throw new Malformed("symbol table links to string table " + link + " of " + shnum);
        }
        long str = shoff + link * shentsize;
        long strOff = wide ? u64(str + 0x18) : u32(str + 0x10);
        long strSize = wide ? u64(str + 0x20) : u32(str + 0x14);
        need(strOff, strSize, "string table");
        long count = symSize / entSize;
        if (count > MAX_SYMBOLS) {
            throw new Malformed("symbol table claims " + count + " symbols, more than " + MAX_SYMBOLS);
        }
        TreeSet<String> out = new TreeSet<>();
        for (long i = 1; i < count; i++) {
            long s = symOff + i * entSize;
            long name = u32(s);
            int info = u8(s + (wide ? 4 : 12));
            int other = u8(s + (wide ? 5 : 13));
            int shndx = u16(s + (wide ? 6 : 14));
            int bind = info >> 4;
            int visibility = other & 3;
            if (shndx == 0 || bind != 1 && bind != 2 || visibility == 1 || visibility == 2) {
                continue;
            }
            String text = string(strOff, strSize, name);
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    private String string(long tableOff, long tableSize, long index) throws Malformed {
        if (index >= tableSize) {
            throw new Malformed("symbol name offset " + index + " beyond the string table");
        }
        long start = tableOff + index;
        long limit = Math.min(tableOff + tableSize, start + MAX_NAME);
        long end = start;
        while (end < limit && b[(int) end] != 0) {
            end++;
        }
        StringBuilder s = new StringBuilder();
        for (char c : new String(b, (int) start, (int) (end - start), StandardCharsets.ISO_8859_1).toCharArray()) {
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.toString();
    }

    private void need(long offset, long length, String what) throws Malformed {
        if (offset < 0 || length < 0 || offset > b.length || length > b.length - offset) {
            throw new Malformed(what + " at " + offset + " (+" + length + " bytes) lies outside the " + b.length + "-byte file");
        }
    }

    private int u8(long off) throws Malformed {
        need(off, 1, "byte");
        return b[(int) off] & 0xFF;
    }

    private int u16(long off) throws Malformed {
        need(off, 2, "field");
        int x = b[(int) off] & 0xFF;
        int y = b[(int) off + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private long u32(long off) throws Malformed {
        need(off, 4, "field");
        long v = 0;
        for (int i = 0; i < 4; i++) {
            long byteAt = b[(int) off + (little ? 3 - i : i)] & 0xFF;
            v = v << 8 | byteAt;
        }
        return v;
    }

    private long u64(long off) throws Malformed {
        need(off, 8, "field");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[(int) off + (little ? 7 - i : i)] & 0xFF);
        }
        if (v < 0) {
            throw new Malformed("64-bit field at " + off + " is out of range");
        }
        return v;
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
