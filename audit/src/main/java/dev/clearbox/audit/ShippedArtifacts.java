package dev.clearbox.audit;

import dev.clearbox.core.Stage;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.workspace.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each build output of the manifest was shipped: the join of the manifest's artifacts with the unpacked
 * packages' entries, made once after the unpack stage and used by the rebuild (its reference artifacts) and by
 * the compare stage (what to compare, and what is missing).
 *
 * @param copies every shipped copy, in package order, then in the manifest's artifact order, then in entry order
 *               (the order of the verdicts)
 * @param missing the artifacts that no package ships, in the manifest's order
 */
record ShippedArtifacts(List<Copy> copies, List<SessionManifest.Artifact> missing) {
    ShippedArtifacts {
        copies = List.copyOf(copies);
        missing = List.copyOf(missing);
    }

    /**
     * One shipped copy of a build output.
     *
     * @param artifact the manifest's artifact
     * @param inventory the package that ships it
     * @param entry     its entry in that package
     * @param file      the unpacked file in the workspace
     */
    record Copy(SessionManifest.Artifact artifact, PackageInventory inventory, InventoryEntry entry, Path file) {
        /** The name verdicts and errors use: {@code PACKAGE!/ENTRY}. */
        String name() {
            return inventory.packageName() + "!/" + entry.path();
        }
    }

    static ShippedArtifacts join(List<SessionManifest.Artifact> artifacts, List<PackageInventory> inventories,
                                 Path unpackDir) {
        List<Copy> copies = new ArrayList<>();
        for (PackageInventory inv : inventories) {
            Path root = unpackDir.resolve(inv.packageName());
            for (SessionManifest.Artifact artifact : artifacts) {
                for (InventoryEntry entry : inv.entries()) {
                    if (entry.path().equals(artifact.shippedAs())) {
                        copies.add(new Copy(artifact, inv, entry, Workspace.resolveInside(root, entry.path(),
                                Stage.UNPACK, inv.packageName() + "!/" + entry.path())));
                    }
                }
            }
        }
        List<SessionManifest.Artifact> missing = artifacts.stream()
                .filter(a -> copies.stream().noneMatch(c -> c.artifact().equals(a))).toList();
        return new ShippedArtifacts(copies, missing);
    }

    /** The first shipped copy of each artifact that is a regular file, as the rebuild's reference artifacts. */
    List<Path> references(List<SessionManifest.Artifact> artifacts) {
        List<Path> refs = new ArrayList<>();
        for (SessionManifest.Artifact artifact : artifacts) {
            firstFile(artifact).ifPresent(refs::add);
        }
        return refs;
    }

    private Optional<Path> firstFile(SessionManifest.Artifact artifact) {
        return copies.stream().filter(c -> c.artifact().equals(artifact)).map(Copy::file)
                .filter(Files::isRegularFile).findFirst();
    }
}
