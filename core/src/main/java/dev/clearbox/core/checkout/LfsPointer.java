package dev.clearbox.core.checkout;

/**
 * A Git LFS pointer file: the repository holds only this pointer, not the content it names.
 *
 * @param path the file's path in the tree
 * @param oid  the content's id as the pointer gives it (for example {@code sha256:4d7a...})
 * @param size the content's size in bytes as the pointer gives it, or -1 when the pointer has none
 */
public record LfsPointer(String path, String oid, long size) {
}
