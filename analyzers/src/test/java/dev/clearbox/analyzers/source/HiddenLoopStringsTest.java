package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strings decoded by XOR, shift or add loops over literal arrays (CBX-SRC-HIDDEN-STRING). */
class HiddenLoopStringsTest {
    @TempDir
    Path root;

    private static String xor(String text, int key) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(c ^ key);
        }
        return b.toString();
    }

    @Test
    @Tag("positive:CBX-SRC-HIDDEN-STRING")
    void anXorLoopWithAConstantKeyIsDecoded() {
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/p/Beacon.java", """
                        package p;
                        class Beacon {
                            private static final int[] HOST = {%s}; // expect: HIDDEN_STRING, endpoint=c2.evil.example
                            static String host() {
                                char[] out = new char[HOST.length];
                                for (int i = 0; i < HOST.length; i++) {
                                    out[i] = (char) (HOST[i] ^ 0x5A);
                                }
                                return new String(out);
                            }
                        }
                        """.formatted(xor("c2.evil.example", 0x5A)))
                .verify();
        Finding f = result.findings().get(0);
        assertTrue(f.message().contains("decoded with ^ in the loop at line 6 spells \"c2.evil.example\""), f.message());
    }

    @Test
    void aRepeatingKeyStringAndAForEachShiftLoopAreDecoded() {
        String key = "k3y";
        StringBuilder data = new StringBuilder();
        String plain = "https://x.example/u";
        for (int i = 0; i < plain.length(); i++) {
            data.append(i == 0 ? "" : ", ").append(plain.charAt(i) ^ key.charAt(i % key.length()));
        }
        SourceFixture.in(root)
                .file("src/p/A.java", """
                        package p;
                        class A {
                            String url() {
                                byte[] d = {%s}; // expect: HIDDEN_STRING, endpoint=https://x.example/u
                                StringBuilder b = new StringBuilder();
                                for (int i = 0; i < d.length; i++) {
                                    b.append((char) (d[i] ^ "k3y".charAt(i %% 3)));
                                }
                                return b.toString();
                            }
                            String word() {
                                char[] w = {'f' - 1, 'j' - 1, 'o' - 1, 'e' - 1};
                                StringBuilder b = new StringBuilder();
                                for (char c : w) {
                                    b.append((char) (c + 1));
                                }
                                return b.toString();
                            }
                        }
                        """.formatted(data))
                .file("src/p/B.java", """
                        package p;
                        class B {
                            String word() {
                                char[] w = {'e', 'i', 'n', 'd'}; // expect: HIDDEN_STRING
                                StringBuilder b = new StringBuilder();
                                for (char c : w) {
                                    b.append((char) (c + 1));
                                }
                                return b.toString();
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aKeyThatIsNotConstantIsStillFlaggedWhenTheLoopBuildsText() {
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/p/A.java", """
                        package p;
                        class A {
                            String s(int k) {
                                char[] d = {'a', 'b', 'c', 'd', 'e'}; // expect: HIDDEN_STRING
                                char[] o = new char[d.length];
                                for (int i = 0; i < d.length; i++) {
                                    o[i] = (char) (d[i] ^ k);
                                }
                                return new String(o);
                            }
                        }
                        """)
                .verify();
        assertTrue(result.findings().get(0).message().contains("key not constant"), result.findings().get(0).message());
    }

    @Test
    @Tag("negative:CBX-SRC-HIDDEN-STRING")
    void checksumTablesAndCountingLoopsAreNotStrings() {
        SourceFixture.in(root)
                .file("src/p/Crc.java", """
                        package p;
                        class Crc {
                            private static final int[] TABLE = {0x00000000, 0x77073096, 0xEE0E612C, 0x990951BA, 0x076DC419};
                            int crc(byte[] in) {
                                int c = 0;
                                for (byte b : in) {
                                    c = TABLE[(c ^ b) & 0x4] ^ (c >>> 8);
                                }
                                int sum = 0;
                                int[] w = {1, 2, 3, 4, 5};
                                for (int i = 0; i < w.length; i++) {
                                    sum = sum + w[i] * i;
                                }
                                return c + sum;
                            }
                        }
                        """)
                .verify();
    }
}
