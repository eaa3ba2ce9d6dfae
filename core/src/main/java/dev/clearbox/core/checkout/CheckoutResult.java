package dev.clearbox.core.checkout;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;

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
        int fileCount) {

    /** An annotated tag: its name, tagger and the tag object's id. */
    public record TagInfo(String name, String objectId, String tagger) {
    }
}
