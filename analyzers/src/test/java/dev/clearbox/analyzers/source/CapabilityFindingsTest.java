package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.bytecode.Corpus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One or more calls per capability family besides the network. */
class CapabilityFindingsTest {
    @TempDir
    Path root;

    @Test
    @Tag("positive:CBX-SRC-FILE_READ")
    @Tag("positive:CBX-SRC-FILE_WRITE")
    @Tag("positive:CBX-SRC-ENV")
    @Tag("positive:CBX-SRC-SYSTEM_PROPERTY")
    void filesEnvironmentAndSystemProperties() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Harvest.java", """
                        package com.acme;
                        import java.io.FileInputStream;
                        import java.nio.file.Files;
                        import java.nio.file.Path;
                        import static java.lang.System.getenv;
                        class Harvest {
                            void run() throws Exception {
                                String key = Files.readString(Path.of(System.getProperty("user.home"), ".ssh/id_rsa")); // expect: FILE_READ; SYSTEM_PROPERTY
                                Files.writeString(Path.of("out.txt"), key); // expect: FILE_WRITE
                                try (var in = new FileInputStream("/etc/passwd")) { } // expect: FILE_READ, api=java.io.FileInputStream#<init>
                                String token = getenv("API_TOKEN"); // expect: ENV, resolution=symbol-solver
                                java.util.function.Function<String, String> env = System::getenv; // expect: ENV
                            }
                        }
                        """)
                .verify();
    }

    @Test
    @Tag("positive:CBX-SRC-PROCESS_EXEC")
    @Tag("positive:CBX-SRC-REFLECTION")
    @Tag("positive:CBX-SRC-CLASS_LOADING")
    @Tag("positive:CBX-SRC-NATIVE")
    void processesReflectionClassLoadingAndNativeCode() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Loader.java", """
                        package com.acme;
                        import java.lang.reflect.Method;
                        import java.net.URL;
                        import java.net.URLClassLoader;
                        import java.util.ServiceLoader;
                        class Loader {
                            native int peek(long address); // expect: NATIVE, api=com.acme.Loader#peek
                            void run(URL[] urls) throws Exception {
                                Runtime.getRuntime().exec("id"); // expect: PROCESS_EXEC
                                new ProcessBuilder("sh", "-c", "id").start(); // expect: PROCESS_EXEC
                                Class<?> c = Class.forName("com.acme.Plugin"); // expect: REFLECTION
                                Method m = c.getMethod("go"); // expect: REFLECTION
                                m.invoke(null); // expect: REFLECTION
                                new URLClassLoader(urls); // expect: CLASS_LOADING
                                ServiceLoader.load(Runnable.class); // expect: CLASS_LOADING
                                System.loadLibrary("helper"); // expect: NATIVE
                            }
                        }
                        """)
                .verify();
    }

    @Test
    @Tag("positive:CBX-SRC-SERIALIZATION")
    @Tag("positive:CBX-SRC-CRYPTO")
    @Tag("positive:CBX-SRC-SCRIPT_ENGINE")
    @Tag("positive:CBX-SRC-CLIPBOARD")
    @Tag("positive:CBX-SRC-SCREEN_CAPTURE")
    @Tag("positive:CBX-SRC-SYSTEM_INFO")
    void serializationCryptoScriptsAndMachineIdentity() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Misc.java", """
                        package com.acme;
                        import java.awt.Robot;
                        import java.awt.Rectangle;
                        import java.awt.Toolkit;
                        import java.awt.datatransfer.DataFlavor;
                        import java.io.InputStream;
                        import java.io.ObjectInputStream;
                        import java.net.NetworkInterface;
                        import javax.crypto.Cipher;
                        import javax.script.ScriptEngine;
                        import javax.script.ScriptEngineManager;
                        class Misc {
                            void run(InputStream in, NetworkInterface nic) throws Exception {
                                ObjectInputStream ois = new ObjectInputStream(in); // expect: SERIALIZATION
                                Object o = ois.readObject(); // expect: SERIALIZATION
                                Cipher.getInstance("AES/GCM/NoPadding"); // expect: CRYPTO
                                ScriptEngine js = new ScriptEngineManager().getEngineByName("js"); // expect: SCRIPT_ENGINE
                                js.eval("1 + 1"); // expect: SCRIPT_ENGINE
                                Object clip = Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor); // expect: CLIPBOARD; CLIPBOARD
                                new Robot().createScreenCapture(new Rectangle(0, 0, 10, 10)); // expect: SCREEN_CAPTURE
                                byte[] mac = nic.getHardwareAddress(); // expect: SYSTEM_INFO
                                ProcessHandle.allProcesses().count(); // expect: SYSTEM_INFO
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aWildcardEntryMatchesAnyMethodOfItsType() {
        SourceFixture.in(root)
                .file("Raw.java", """
                        import sun.misc.Unsafe;
                        class Raw {
                            long read(Unsafe u, long address) {
                                return u.getLong(address); // expect: NATIVE, api=sun.misc.Unsafe#getLong
                            }
                        }
                        """)
                .verify();
    }

    /** Fails on any finding: {@link SourceFixture#verify()} refuses findings the (absent) markers do not announce. */
    @Test
    @Tag("negative:CBX-SRC-NETWORK")
    @Tag("negative:CBX-SRC-DNS")
    @Tag("negative:CBX-SRC-FILE_READ")
    @Tag("negative:CBX-SRC-FILE_WRITE")
    @Tag("negative:CBX-SRC-ENV")
    @Tag("negative:CBX-SRC-SYSTEM_PROPERTY")
    @Tag("negative:CBX-SRC-PROCESS_EXEC")
    @Tag("negative:CBX-SRC-REFLECTION")
    @Tag("negative:CBX-SRC-CLASS_LOADING")
    @Tag("negative:CBX-SRC-NATIVE")
    @Tag("negative:CBX-SRC-SERIALIZATION")
    @Tag("negative:CBX-SRC-CRYPTO")
    @Tag("negative:CBX-SRC-SCRIPT_ENGINE")
    @Tag("negative:CBX-SRC-CLIPBOARD")
    @Tag("negative:CBX-SRC-SCREEN_CAPTURE")
    @Tag("negative:CBX-SRC-SYSTEM_INFO")
    @Tag("negative:CBX-SRC-EXFIL")
    @Tag("negative:CBX-SRC-HIDDEN-STRING")
    @Tag("negative:CBX-SRC-SHADOWED-API")
    void methodsNamedLikeModelledApisOnTheVendorsOwnTypesAreNotCapabilities() {
        SourceFixture.in(root).file("src/main/java/" + Corpus.LOOKALIKES_FILE, Corpus.LOOKALIKES).verify();
    }
}
