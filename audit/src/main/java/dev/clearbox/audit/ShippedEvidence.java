package dev.clearbox.audit;

import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.workspace.Workspace;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The shipped bytes, checked again after the vendor's build has run and before anything is compared: each
 * update package against the sha256 its manifest declares, and every unpacked file against the sha256 its
 * inventory recorded when the unpack stage wrote it. The build runs in a sandbox that cannot see the workspace;
 * this is the second line, so that a verdict is only ever computed from bytes whose digest was recorded before
 * the build ran — whatever isolation the build had.
 */
final class ShippedEvidence {
    private static final Stage STAGE = Stage.COMPARE;

    private ShippedEvidence() {
    }

    /** Throws an {@link IntegrityException} naming the first file whose bytes are not the recorded ones. */
    static void verifyUnchanged(SessionManifest manifest, List<PackageInventory> inventories, Path unpackDir) {
        for (SessionManifest.UpdatePackage p : manifest.packages()) {
            check(p.path(), p.path().toString(), p.sha256(), "the manifest declares");
        }
        for (PackageInventory inv : inventories) {
            Path root = unpackDir.resolve(inv.packageName());
            for (InventoryEntry e : inv.entries()) {
                if (e.sha256() == null) {
                    continue;
                }
                String name = inv.packageName() + "!/" + e.path();
                check(Workspace.resolveInside(root, e.path(), STAGE, name), name, e.sha256(), "the unpack stage recorded");
            }
        }
    }

    private static void check(Path file, String name, String expected, String source) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IntegrityException(STAGE, name, "shipped file changed during the audit: it is no longer a regular file"
                    + " (" + source + " sha256 " + expected + ")");
        }
        String actual = Sha256.hex(file);
        if (!actual.equals(expected)) {
            throw new IntegrityException(STAGE, name, "shipped file changed during the audit: sha256 is " + actual
                    + ", but " + source + " " + expected);
        }
    }
}
