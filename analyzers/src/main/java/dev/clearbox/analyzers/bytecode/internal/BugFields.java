package dev.clearbox.analyzers.bytecode.internal;

/**
 * The bug types of Clearbox's SpotBugs plugin and the roles of the string annotations its bug
 * instances carry (see {@code plugin/findbugs.xml}).
 */
final class BugFields {
    static final String CALL = "CBX_CAPABILITY_CALL";
    static final String FLOW = "CBX_FLOW";

    static final String CAPABILITY = "CBX_CAPABILITY";
    static final String ROLE = "CBX_ROLE";
    static final String API = "CBX_API";
    static final String CALLEE = "CBX_CALLEE";
    static final String DATA = "CBX_DATA";
    static final String ENDPOINT = "CBX_ENDPOINT";
    static final String CODE = "CBX_CODE";
    static final String STEP = "CBX_STEP";

    private BugFields() {
    }
}
