package dev.clearbox.core.checkout;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;
import java.util.List;

/**
 * The source tree at the pinned commit, and the facts about that commit that go into the report.
 *
 * @param tree        the checked-out working tree (inside the workspace; not part of the report)
 * @param location    where the repository came from, as given
 * @param ref         the ref as given
 * @param resolvedRef the full ref name it matched, or the commit id when a commit was given
 * @param commitId    the commit checked out
 * @param treeId      the git tree id of that commit
 * @param tag         the annotated tag's name and tagger, or {@code null} when the ref is not an annotated tag
 * @param author      "Name &lt;email&gt;" of the commit's author
 * @param committer   "Name &lt;email&gt;" of the commit's committer
 * @param commitTime  the committer time, seconds since the epoch (the rebuild's SOURCE_DATE_EPOCH)
 * @param subject     the first line of the commit message
 * @param fileCount   number of files in the commit's tree
 * @param tagSignature    the annotated tag's signature check, or {@code null} when the ref is not an annotated tag
 * @param commitSignature the commit's signature check
 * @param submodules      the commit's submodules (gitlinks), by path
 * @param lfsPointers     Git LFS pointer files, by path: their content is not in the repository
 * @param symlinks        symbolic links, by path, checked out as plain files holding the target text
 * @param caseCollisions  groups of paths that are equal ignoring case (each group sorted; refused on a
 *                        case-insensitive file system)
 * @param treeDigest      the digest of the checked-out tree (docs/checkout.md)
 */
public record CheckoutResult(
        @JsonIgnore Path tree,
        String location,
        String ref,
        String resolvedRef,
        String commitId,
        String treeId,
        TagInfo tag,
        String author,
        String committer,
        long commitTime,
        String subject,
        int fileCount,
        SignatureCheck tagSignature,
        SignatureCheck commitSignature,
        List<SubmoduleCheckout> submodules,
        List<LfsPointer> lfsPointers,
        List<SymlinkEntry> symlinks,
        List<List<String>> caseCollisions,
        TreeDigest treeDigest) {

    public CheckoutResult {
        submodules = List.copyOf(submodules);
        lfsPointers = List.copyOf(lfsPointers);
        symlinks = List.copyOf(symlinks);
        caseCollisions = caseCollisions.stream().map(List::copyOf).toList();
    }

    /** An annotated tag: its name, tagger and the tag object's id. */
    public record TagInfo(String name, String objectId, String tagger) {
    }
}
