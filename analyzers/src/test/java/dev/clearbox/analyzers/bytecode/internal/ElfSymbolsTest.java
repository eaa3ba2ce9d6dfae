package dev.clearbox.analyzers.bytecode.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfSymbolsTest {
    @Test
    void listsDefinedVisibleGlobalSymbolsOnly() {
        ElfSymbols.Result r = ElfSymbols.read(ElfImage.sharedObject());
        assertEquals("", r.problem());
        assertEquals("ELF 64-bit LSB", r.format());
        assertEquals(List.of("Java_com_acme_Loader_peek", "helper_init"), r.symbols());
    }

    @Test
    void everyTruncationGivesAProblemNotAnException() {
        byte[] full = ElfImage.sharedObject();
        for (int n = 0; n < full.length; n++) {
            ElfSymbols.Result r = ElfSymbols.read(Arrays.copyOf(full, n));
            assertFalse(r.problem().isEmpty() && r.symbols().size() == 2 && n < full.length - 64, "truncated at " + n);
        }
        assertTrue(ElfSymbols.read(Arrays.copyOf(full, 40)).problem().contains("outside"));
    }

    @Test
    void hostileHeadersAndTablesAreRefusedWithTheReason() {
        assertEquals("no ELF magic", ElfSymbols.read(new byte[] {1, 2, 3}).problem());
        assertTrue(mutate(b -> b.putLong(0x28, -1L)).contains("out of range"));
        assertTrue(mutate(b -> b.putLong(0x28, 1L << 40)).contains("outside"));
        assertTrue(mutate(b -> b.putShort(0x3A, (short) 8)).contains("too small"));
        int sh = ElfImage.sharedObject().length - 64;
        assertTrue(mutate(b -> b.putLong(sh + 0x38, 0)).contains("symbol entry size 0"));
        assertTrue(mutate(b -> b.putLong(sh + 0x20, 24L * 10_000_000)).contains("outside"));
        assertTrue(mutate(b -> b.putInt(sh + 0x28, 77)).contains("string table 77"));
        assertTrue(mutate(b -> b.putInt(sh + 4, 0)).contains("no symbol table"));
        int firstSym = (64 + 60 + 7) & ~7;
        assertTrue(mutate(b -> b.putInt(firstSym + 24, 1 << 30)).contains("beyond the string table"));
        assertTrue(mutate(b -> b.put(4, (byte) 9)).contains("unknown ELF class"));
    }

    @Test
    void randomMutationsNeverThrow() {
        byte[] full = ElfImage.sharedObject();
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] copy = full.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            ElfSymbols.read(copy); // must return, whatever the bytes
        }
    }

    private static String mutate(java.util.function.Consumer<ByteBuffer> change) {
        byte[] bytes = ElfImage.sharedObject();
        change.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return ElfSymbols.read(bytes).problem();
    }
}
