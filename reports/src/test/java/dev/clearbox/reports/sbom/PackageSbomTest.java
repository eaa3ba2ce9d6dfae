package dev.clearbox.reports.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageSbomTest {
    @TempDir
    Path tmp;

    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61};

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static Map<String, byte[]> files(Object... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put((String) nameThenContent[i], (byte[]) nameThenContent[i + 1]);
        }
        return m;
    }

    static byte[] mavenJar(String group, String artifact, String version) throws IOException {
        return zip(files("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\n\r\n"),
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                utf8("#Created by Maven\ngroupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n"),
                "com/example/A.class", CLASS));
    }

    private PackageInventory unpack(String name, byte[] pkg, String out) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, pkg);
        return new Unpacker().unpack(UnpackRequest.of(file, tmp.resolve(out)), ProgressListener.NONE);
    }

    private static String property(Component c, String name) {
        return c.getProperties().stream().filter(p -> p.getName().equals(name)).map(Property::getValue)
                .findFirst().orElse(null);
    }

    @Test
    void sbomIsValidCycloneDxWithPurlsFromPomPropertiesAndHashes() throws Exception {
        byte[] okio = mavenJar("com.squareup.okio", "okio", "3.9.0");
        byte[] manifestOnly = zip(files("META-INF/MANIFEST.MF",
                utf8("Manifest-Version: 1.0\r\nImplementation-Title: Acme Telemetry\r\nImplementation-Version: 2.1\r\n"
                        + "Implementation-Vendor: Acme Corp\r\n\r\n"), "t/T.class", CLASS));
        byte[] bare = zip(files("x/X.class", CLASS));
        byte[] plugin = zip(files("plugins/okio-3.9.0.jar", okio, "README", utf8("plugin bundle\n")));
        byte[] pkg = zip(files("lib/okio-3.9.0.jar", okio, "lib/telemetry.jar", manifestOnly, "lib/bare-1.0.jar", bare,
                "plugins/bundle.zip", plugin, "bin/start.sh", utf8("#!/bin/sh\nexec java -jar lib/app.jar\n"),
                "docs/notes.txt", utf8("notes\n")));

        PackageInventory inv = unpack("acme-update.zip", pkg, "out");
        String json = PackageSbom.json(inv, "0.1.0-test");

        JsonParser parser = new JsonParser();
        assertEquals(List.of(), parser.validate(json.getBytes(StandardCharsets.UTF_8), PackageSbom.SPEC),
                "CycloneDX schema validation");
        assertFalse(parser.validate(json.replace(sha256(okio), "not-a-sha256").getBytes(StandardCharsets.UTF_8),
                PackageSbom.SPEC).isEmpty(), "the validator does reject a broken BOM");
        Bom bom = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("acme-update.zip", bom.getMetadata().getComponent().getName());
        assertEquals(sha256(pkg), bom.getMetadata().getComponent().getHashes().get(0).getValue());

        Map<String, Component> byRef = bom.getComponents().stream()
                .collect(Collectors.toMap(Component::getBomRef, Function.identity()));
        assertEquals(List.of("bin/start.sh", "lib/bare-1.0.jar", "lib/okio-3.9.0.jar", "lib/telemetry.jar",
                "plugins/bundle.zip", "plugins/bundle.zip!/plugins/okio-3.9.0.jar"),
                bom.getComponents().stream().map(Component::getBomRef).toList(), "docs/notes.txt and classes are not components");

        Component top = byRef.get("lib/okio-3.9.0.jar");
        assertEquals("pkg:maven/com.squareup.okio/okio@3.9.0", top.getPurl());
        assertEquals("com.squareup.okio", top.getGroup());
        assertEquals("okio", top.getName());
        assertEquals("3.9.0", top.getVersion());
        assertEquals("SHA-256", top.getHashes().get(0).getAlgorithm());
        assertEquals(sha256(okio), top.getHashes().get(0).getValue());
        assertEquals(JarIdentity.FROM_MAVEN, property(top, PackageSbom.IDENTIFIED_BY));
        assertEquals("UNSIGNED", property(top, PackageSbom.SIGNATURE));

        Component nested = byRef.get("plugins/bundle.zip!/plugins/okio-3.9.0.jar");
        assertEquals("pkg:maven/com.squareup.okio/okio@3.9.0", nested.getPurl());
        assertEquals("plugins/bundle.zip!/plugins/okio-3.9.0.jar", property(nested, PackageSbom.PATH));

        Component telemetry = byRef.get("lib/telemetry.jar");
        assertNull(telemetry.getPurl());
        assertEquals("Acme Telemetry", telemetry.getName());
        assertEquals("2.1", telemetry.getVersion());
        assertEquals("Acme Corp", telemetry.getPublisher());
        assertEquals(JarIdentity.FROM_MANIFEST, property(telemetry, PackageSbom.IDENTIFIED_BY));

        Component bareJar = byRef.get("lib/bare-1.0.jar");
        assertEquals("bare-1.0", bareJar.getName());
        assertEquals(JarIdentity.FROM_FILE_NAME, property(bareJar, PackageSbom.IDENTIFIED_BY));

        assertEquals("file", byRef.get("bin/start.sh").getType().getTypeName());
        assertEquals("SCRIPT", property(byRef.get("bin/start.sh"), PackageSbom.TYPE));
    }

    @Test
    void shadedJarListsTheCoordinatesItCarriesAsContainedComponents() throws Exception {
        byte[] shaded = zip(files("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\n\r\n"),
                "META-INF/maven/com.acme/agent/pom.properties", utf8("groupId=com.acme\nartifactId=agent\nversion=1.4.0\n"),
                "META-INF/maven/com.google.code.gson/gson/pom.properties",
                utf8("groupId=com.google.code.gson\nartifactId=gson\nversion=2.11.0\n"), "a/A.class", CLASS));
        PackageInventory inv = unpack("p.zip", zip(files("lib/agent-1.4.0-all.jar", shaded)), "out");

        String json = PackageSbom.json(inv, "0.1.0-test");
        assertEquals(List.of(), new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), PackageSbom.SPEC));
        Component c = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8)).getComponents().get(0);

        assertEquals("pkg:maven/com.acme/agent@1.4.0", c.getPurl(), "the file name picks the jar's own coordinates");
        assertEquals(List.of("pkg:maven/com.google.code.gson/gson@2.11.0"),
                c.getComponents().stream().map(Component::getPurl).toList());
    }

    @Test
    void outputIsDeterministicWithoutTimestampAndWithAStableSerialNumber() throws Exception {
        byte[] pkg = zip(files("lib/okio-3.9.0.jar", mavenJar("com.squareup.okio", "okio", "3.9.0")));
        String first = PackageSbom.json(unpack("u.zip", pkg, "one"), "1.0");
        String second = PackageSbom.json(unpack("u.zip", pkg, "two"), "1.0");
        String otherTool = PackageSbom.json(unpack("u.zip", pkg, "three"), "1.1");

        assertEquals(first, second);
        JsonNode tree = JsonMapper.builder().build().readTree(first);
        assertFalse(tree.path("metadata").has("timestamp"));
        String serial = tree.path("serialNumber").asText();
        assertTrue(serial.matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), serial);
        assertFalse(otherTool.contains(serial), "another tool version is another BOM");
        assertEquals("1.6", tree.path("specVersion").asText());
    }

    @Test
    void hostileCoordinatesThatMakeNoValidPurlFallBackToTheManifestOrFileName() throws Exception {
        byte[] jar = zip(files("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\n\r\n"),
                "META-INF/maven/x/y/pom.properties", utf8("groupId=a b\nartifactId=\nversion=1\n"), "a/A.class", CLASS));
        PackageInventory inv = unpack("p.zip", zip(files("lib/y-1.jar", jar)), "out");

        String json = PackageSbom.json(inv, "1.0");

        assertEquals(List.of(), new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), PackageSbom.SPEC));
        Component c = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8)).getComponents().get(0);
        assertNull(c.getPurl());
        assertEquals("y-1", c.getName());
    }
}
