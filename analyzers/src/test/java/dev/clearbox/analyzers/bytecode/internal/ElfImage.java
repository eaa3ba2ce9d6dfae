package dev.clearbox.analyzers.bytecode.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: a minimal 64-bit little-endian ELF shared object with a dynamic symbol table. */
public final class ElfImage {
    private ElfImage() {
    }

    /** Exports {@code Java_com_acme_Loader_peek} and {@code helper_init}; {@code hidden_fn} is hidden, {@code undefined_fn} undefined. */
    public static byte[] sharedObject() {
        String[] names = {"Java_com_acme_Loader_peek", "helper_init", "hidden_fn", "undefined_fn"};
        ByteArrayOutputStream str = new ByteArrayOutputStream();
        str.write(0);
        int[] offsets = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            offsets[i] = str.size();
            str.writeBytes(names[i].getBytes(StandardCharsets.US_ASCII));
            str.write(0);
        }
        byte[] strtab = str.toByteArray();
        int strOff = 64;
        int symOff = (strOff + strtab.length + 7) & ~7;
        int symSize = 24 * (names.length + 1);
        int shOff = symOff + symSize;
        ByteBuffer b = ByteBuffer.allocate(shOff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1);
        b.putLong(0x28, shOff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3)
                .putShort(0x3E, (short) 0);
        b.put(strOff, strtab);
        int[][] sym = {{1, 0x12, 0}, {1, 0x12, 0}, {1, 0x12, 2}, {0, 0x12, 0}}; // shndx, info (GLOBAL FUNC), other (visibility)
        for (int i = 0; i < names.length; i++) {
            int s = symOff + 24 * (i + 1);
            b.putInt(s, offsets[i]).put(s + 4, (byte) sym[i][1]).put(s + 5, (byte) sym[i][2]).putShort(s + 6, (short) sym[i][0]);
        }
        section(b, shOff + 64, 3, strOff, strtab.length, 0, 0);
        section(b, shOff + 128, 11, symOff, symSize, 1, 24);
        return b.array();
    }

    private static void section(ByteBuffer b, int at, int type, long offset, long size, int link, long entsize) {
        b.putInt(at + 4, type).putLong(at + 0x18, offset).putLong(at + 0x20, size).putInt(at + 0x28, link).putLong(at + 0x38, entsize);
    }
}
