package dev.clearbox.reports.sbom;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.JarSignature;
import dev.clearbox.core.unpack.MavenCoordinates;
import dev.clearbox.core.unpack.PackageInventory;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A CycloneDX SBOM of one unpacked package, written with the CycloneDX Java library from its
 * {@link PackageInventory}: the package as the BOM's subject, a {@code library} component for every jar
 * (nested jars included) identified from its Maven metadata, manifest or file name, and a {@code file}
 * component for every native library, script and other archive; each with its SHA-256 and its path in the
 * package. Class files and data files are in the inventory, not in the SBOM.
 *
 * <p>The output is deterministic: no timestamp, and a serial number derived from the package's SHA-256 and
 * the tool version (a name-based UUID), so the same package gives the same bytes.
 */
public final class PackageSbom {
    /** The CycloneDX specification version written. */
    public static final Version SPEC = Version.VERSION_16;
    /** Property names this SBOM uses, in the {@code clearbox:} namespace. */
    public static final String PATH = "clearbox:path";
    public static final String TYPE = "clearbox:type";
    public static final String IDENTIFIED_BY = "clearbox:identified-by";
    public static final String SIGNATURE = "clearbox:signature";
    public static final String SIGNER = "clearbox:signature:signer";
    public static final String SIGNER_SHA256 = "clearbox:signature:signer-sha256";
    public static final String SIGNATURE_PROBLEM = "clearbox:signature:problem";
    public static final String CONTAINED_IN = "clearbox:contained-in";

    private static final Set<EntryType> FILE_COMPONENTS = Set.of(EntryType.NATIVE_LIBRARY, EntryType.SCRIPT,
            EntryType.ARCHIVE);

    private PackageSbom() {
    }

    /** The BOM model of the package. */
    public static Bom bom(PackageInventory inventory, String toolVersion) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(("clearbox-sbom\0" + inventory.sha256() + "\0"
                + toolVersion).getBytes(StandardCharsets.UTF_8)));
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(null); // the library stamps "now" by default; the SBOM must not depend on the day
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("clearbox");
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(packageComponent(inventory));
        metadata.setProperties(List.of(new Property("clearbox:package-format", inventory.format()),
                new Property("clearbox:entries", Integer.toString(inventory.entries().size()))));
        bom.setMetadata(metadata);
        List<Component> components = new ArrayList<>();
        for (InventoryEntry e : inventory.entries()) {
            if (e.type() == EntryType.JAR) {
                components.add(jarComponent(e.path(), e.path(), e.sha256(), e.jar()));
            } else if (FILE_COMPONENTS.contains(e.type()) && e.sha256() != null) {
                Component c = new Component();
                c.setType(Component.Type.FILE);
                c.setBomRef(e.path());
                c.setName(e.path().substring(e.path().lastIndexOf('/') + 1));
                c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, e.sha256())));
                List<Property> props = new ArrayList<>(List.of(new Property(PATH, e.path()),
                        new Property(TYPE, e.type().name())));
                if (!e.detail().isEmpty()) {
                    c.setDescription(e.detail());
                }
                c.setProperties(props);
                components.add(c);
            }
        }
        bom.setComponents(components);
        return bom;
    }

    /** The BOM as CycloneDX JSON, ending with a newline. */
    public static String json(PackageInventory inventory, String toolVersion) {
        try {
            return BomGeneratorFactory.createJson(SPEC, bom(inventory, toolVersion)).toJsonString() + "\n";
        } catch (GeneratorException e) {
            throw new StageFailedException(Stage.SBOM, inventory.packageName(), "cannot render the SBOM: " + e.getMessage(), e);
        }
    }

    /** Writes the BOM as CycloneDX JSON to {@code file}. */
    public static void write(PackageInventory inventory, String toolVersion, Path file) {
        String json = json(inventory, toolVersion);
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StageFailedException(Stage.SBOM, file.toString(), "cannot write the SBOM: " + e.getMessage(), e);
        }
    }

    /** The package itself: a jar component when it is a jar, else a file. Its bom-ref ends with {@code !/}. */
    private static Component packageComponent(PackageInventory inv) {
        if (inv.jar() != null) {
            return jarComponent(inv.packageName() + "!/", inv.packageName(), inv.sha256(), inv.jar());
        }
        Component c = new Component();
        c.setType(Component.Type.FILE);
        c.setBomRef(inv.packageName() + "!/");
        c.setName(inv.packageName());
        c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, inv.sha256())));
        return c;
    }

    private static Component jarComponent(String bomRef, String path, String sha256, JarInfo jar) {
        JarIdentity id = JarIdentity.of(path, jar);
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(bomRef);
        if (!id.group().isEmpty()) {
            c.setGroup(id.group());
        }
        c.setName(id.name());
        if (!id.version().isEmpty()) {
            c.setVersion(id.version());
        }
        if (!id.purl().isEmpty()) {
            c.setPurl(id.purl());
        }
        if (jar != null && !jar.implementationVendor().isEmpty()) {
            c.setPublisher(jar.implementationVendor());
        }
        c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, sha256)));
        List<Property> props = new ArrayList<>(List.of(new Property(PATH, path), new Property(TYPE, EntryType.JAR.name()),
                new Property(IDENTIFIED_BY, id.source())));
        if (jar != null) {
            JarSignature s = jar.signature();
            props.add(new Property(SIGNATURE, s.status().name()));
            for (JarSignature.Signer signer : s.signers()) {
                props.add(new Property(SIGNER, signer.subject()));
                props.add(new Property(SIGNER_SHA256, signer.sha256Fingerprint()));
            }
            if (!s.problem().isEmpty()) {
                props.add(new Property(SIGNATURE_PROBLEM, (s.failedEntry().isEmpty() ? "" : s.failedEntry() + ": ")
                        + s.problem()));
            }
            List<Component> contained = new ArrayList<>();
            for (MavenCoordinates m : jar.maven()) {
                if (m.equals(id.coordinate())) {
                    continue;
                }
                contained.add(containedComponent(bomRef, m));
            }
            if (!contained.isEmpty()) {
                c.setComponents(contained);
            }
        }
        c.setProperties(props);
        return c;
    }

    /** Maven coordinates a shaded jar carries besides its own: a library inside it, without hashes of its own. */
    private static Component containedComponent(String jarRef, MavenCoordinates m) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(jarRef + "#" + m.source());
        c.setGroup(m.groupId());
        c.setName(m.artifactId());
        c.setVersion(m.version());
        String purl = JarIdentity.purl(m);
        if (!purl.isEmpty()) {
            c.setPurl(purl);
        }
        c.setProperties(List.of(new Property(CONTAINED_IN, jarRef), new Property(IDENTIFIED_BY, JarIdentity.FROM_MAVEN)));
        return c;
    }
}
