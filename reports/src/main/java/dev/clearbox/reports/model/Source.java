package dev.clearbox.reports.model;

import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SubmoduleCheckout;

import java.util.List;

/**
 * The report's {@code source}: the commit audited, as checked out (docs/report-schema.md, docs/checkout.md).
 *
 * @param location        where the repository came from, as given
 * @param ref             the ref as given
 * @param resolvedRef     the full ref name it matched, or the commit id when a commit was given
 * @param commitId        the commit checked out
 * @param treeId          the git tree id of that commit
 * @param tag             the annotated tag, or {@code null} when the ref is not an annotated tag
 * @param author          "Name &lt;email&gt;" of the commit's author
 * @param committer       "Name &lt;email&gt;" of the commit's committer
 * @param commitTime      the committer time, seconds since the epoch
 * @param subject         the first line of the commit message
 * @param fileCount       number of files in the commit's tree
 * @param tagSignature    the annotated tag's signature check, or {@code null} without an annotated tag
 * @param commitSignature the commit's signature check
 * @param submodules      the commit's submodules, by path
 * @param lfsPointers     Git LFS pointer files, by path
 * @param symlinks        symbolic links, by path, checked out as plain files
 * @param caseCollisions  groups of paths that are equal ignoring case
 * @param treeDigest      the digest of the checked-out tree
 */
public record Source(
        String location,
        String ref,
        String resolvedRef,
        String commitId,
        String treeId,
        Tag tag,
        String author,
        String committer,
        long commitTime,
        String subject,
        int fileCount,
        Signature tagSignature,
        Signature commitSignature,
        List<Submodule> submodules,
        List<LfsPointer> lfsPointers,
        List<Symlink> symlinks,
        List<List<String>> caseCollisions,
        TreeDigest treeDigest) {

    public Source {
        submodules = List.copyOf(submodules);
        lfsPointers = List.copyOf(lfsPointers);
        symlinks = List.copyOf(symlinks);
        caseCollisions = caseCollisions.stream().map(List::copyOf).toList();
    }

    /** An annotated tag: its name, the tag object's id and the tagger. */
    public record Tag(String name, String objectId, String tagger) {
    }

    /**
     * A signature check of the tag or the commit.
     *
     * @param status      GOOD, BAD, UNKNOWN_KEY, UNSIGNED or X509_NOT_VERIFIED
     * @param format      {@code openpgp}, {@code ssh}, {@code x509}, or empty when unsigned
     * @param signer      who signed, when the key is known; else empty
     * @param keyId       the key id (OpenPGP) or {@code SHA256:} fingerprint (SSH); else empty
     * @param fingerprint the key's full fingerprint; else empty
     * @param detail      one line for people
     */
    public record Signature(SignatureCheck.Status status, String format, String signer, String keyId,
                            String fingerprint, String detail) {
    }

    /** A submodule: path, URL, recorded commit, whether it was checked out, where from, and why not. */
    public record Submodule(String path, String url, String commit, SubmoduleCheckout.Status status, String source,
                            String reason) {
    }

    /** A Git LFS pointer: path, the content's id and size as the pointer gives them (size -1 when it has none). */
    public record LfsPointer(String path, String oid, long size) {
    }

    /** A symbolic link: path, target text, and whether the target leads outside the tree. */
    public record Symlink(String path, String target, boolean escapes) {
    }

    /** The tree digest: recipe name, sha256 and how many files it covers. */
    public record TreeDigest(String recipe, String sha256, int files) {
    }
}
