package dev.clearbox.analyzers.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One or more calls per capability family besides the network. */
class CapabilityFindingsTest {
    @TempDir
    Path root;

    @Test
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
}
