package dev.clearbox.core.checkout;

/**
 * A submodule of the checked-out commit.
 *
 * @param path     where it sits in the tree
 * @param url      its URL as {@code .gitmodules} gives it (empty when {@code .gitmodules} does not name it)
 * @param commit   the commit the superproject records for it
 * @param status   {@code CHECKED_OUT} or {@code NOT_FETCHED}
 * @param source   where the commit was found (the superproject's source, or the submodule's URL resolved), or empty
 * @param reason   why it was not fetched, or empty
 */
public record SubmoduleCheckout(String path, String url, String commit, Status status, String source, String reason) {

    public enum Status {
        /** Its recorded commit is checked out at its path. */
        CHECKED_OUT,
        /** Not checked out (see the reason); its directory is empty. */
        NOT_FETCHED
    }
}
