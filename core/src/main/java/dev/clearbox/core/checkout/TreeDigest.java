package dev.clearbox.core.checkout;

/**
 * A digest of the checked-out tree that anyone can recompute with standard tools (docs/checkout.md).
 *
 * @param recipe the recipe's name, {@value #RECIPE}
 * @param sha256 the digest, 64 lowercase hex digits
 * @param files  how many files it covers
 */
public record TreeDigest(String recipe, String sha256, int files) {
    /** sha256 over the sorted lines {@code "<sha256 of file>  <path>\n"} of every regular file, .git excluded. */
    public static final String RECIPE = "clearbox-dirhash-v1";
}
