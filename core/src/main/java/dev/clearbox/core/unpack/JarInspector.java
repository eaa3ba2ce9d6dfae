package dev.clearbox.core.unpack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Reads a jar's identity (Maven {@code pom.properties}, manifest attributes) and hands it to
 * {@link JarSignatureVerifier} for the signature. The jar is hostile: only small metadata entries are read
 * here, each bounded, and whatever cannot be read is simply absent from the identity.
 */
final class JarInspector {
    /** Largest manifest or {@code pom.properties} read. */
    static final int MAX_METADATA_BYTES = 1024 * 1024;
    /** Most {@code pom.properties} files read from one jar. */
    static final int MAX_POM_PROPERTIES = 200;
    private static final int MAX_VALUE = 256;
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

    private JarInspector() {
    }

    /** Never throws for a hostile jar: problems become an empty identity and a {@code NOT_CHECKED} signature. */
    static JarInfo inspect(Path jar, UnpackLimits limits) {
        return inspect(jar, limits, false);
    }

    /**
     * For a zip that was not unpacked: its jar facts when its central directory lists a manifest or a class
     * file, {@code null} when it does not or cannot be read (then it is just an archive).
     */
    static JarInfo inspectIfJar(Path zip, UnpackLimits limits) {
        return inspect(zip, limits, true);
    }

    private static JarInfo inspect(Path jar, UnpackLimits limits, boolean onlyIfJar) {
        List<MavenCoordinates> maven = new ArrayList<>();
        Manifest manifest = null;
        boolean signed;
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            List<JarEntry> entries = Collections.list(jf.entries());
            signed = false;
            boolean jarLike = false;
            List<JarEntry> poms = new ArrayList<>();
            for (JarEntry e : entries) {
                String name = e.getName();
                if (name.equals(JarFile.MANIFEST_NAME) || name.endsWith(".class")) {
                    jarLike = true;
                }
                if (JarSignatureVerifier.isSignatureFile(name)) {
                    signed = true;
                }
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")
                        && POM_PROPERTIES.matcher(name).matches() && poms.size() < MAX_POM_PROPERTIES) {
                    poms.add(e);
                }
            }
            if (onlyIfJar && !jarLike) {
                return null;
            }
            JarEntry mf = jf.getJarEntry(JarFile.MANIFEST_NAME);
            if (mf != null) {
                manifest = manifest(read(jf, mf));
            }
            for (JarEntry pom : poms) {
                MavenCoordinates c = coordinates(pom.getName(), read(jf, pom));
                if (c != null) {
                    maven.add(c);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (onlyIfJar) {
                return null;
            }
            return new JarInfo(List.of(), "", "", "", "", "",
                    JarSignature.notChecked("not a readable jar: " + Failures.describe(e)));
        }
        maven.sort(Comparator.comparing(MavenCoordinates::source));
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        JarSignature signature = signed ? JarSignatureVerifier.verify(jar, limits) : JarSignature.unsigned();
        return new JarInfo(maven, value(main, "Implementation-Title"), value(main, "Implementation-Version"),
                value(main, "Implementation-Vendor"), symbolicName(value(main, "Bundle-SymbolicName")),
                value(main, "Bundle-Version"), signature);
    }

    /** The entry's bytes, or {@code null} when it is larger than {@link #MAX_METADATA_BYTES} or unreadable. */
    private static byte[] read(JarFile jf, JarEntry e) {
        if (e.getSize() > MAX_METADATA_BYTES) {
            return null;
        }
        try (InputStream in = jf.getInputStream(e)) {
            byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
            return bytes.length > MAX_METADATA_BYTES ? null : bytes;
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static Manifest manifest(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Coordinates from a {@code pom.properties}; {@code null} unless groupId, artifactId and version are all there. */
    static MavenCoordinates coordinates(String source, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String g = clean(p.getProperty("groupId"));
        String a = clean(p.getProperty("artifactId"));
        String v = clean(p.getProperty("version"));
        if (g.isEmpty() || a.isEmpty() || v.isEmpty()) {
            return null;
        }
        return new MavenCoordinates(g, a, v, source);
    }

    private static String value(Attributes attributes, String name) {
        try {
            return clean(attributes.getValue(name));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** {@code org.acme.core;singleton:=true} → {@code org.acme.core}. */
    private static String symbolicName(String value) {
        int semi = value.indexOf(';');
        return (semi >= 0 ? value.substring(0, semi) : value).strip();
    }

    /** Trimmed, control characters escaped, at most {@value #MAX_VALUE} characters. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        if (t.length() > MAX_VALUE) {
            t = t.substring(0, MAX_VALUE);
        }
        return Failures.printable(t);
    }
}
