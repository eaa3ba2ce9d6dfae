package dev.clearbox.core.checkout;

/**
 * A symbolic link in the commit. Clearbox never creates symbolic links: the checkout holds a plain file at
 * {@code path} whose content is the link's target text, so no later stage can follow a link out of the tree.
 *
 * @param path    the link's path in the tree
 * @param target  the target text the link holds
 * @param escapes whether the target is absolute or leads outside the tree
 */
public record SymlinkEntry(String path, String target, boolean escapes) {
}
