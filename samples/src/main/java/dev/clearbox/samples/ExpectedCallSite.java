package dev.clearbox.samples;

/**
 * A call site that an audit of a sample must find (in the product source, or for the tampered class in the
 * tamper source): part of the sample's answer key.
 *
 * @param file      path relative to the product root, with forward slashes
 *                  (e.g. {@code src/main/java/com/acme/agent/update/UpdateChecker.java})
 * @param line      1-based line number of the call
 * @param api       the called API as {@code fully.qualified.Type#method}, or {@code Type#<init>} for a
 *                  constructor (e.g. {@code java.net.http.HttpClient#send})
 * @param concealed true when the call is part of what the sample hides (among the network call sites: the sink
 *                  of the concealed exfiltration path), false when it is a documented, legitimate call
 */
public record ExpectedCallSite(String file, int line, String api, boolean concealed) {

    /** The simple method name of {@link #api()}: {@code send}, {@code getByName}, or {@code <init>}. */
    public String methodName() {
        return api.substring(api.indexOf('#') + 1);
    }

    /** The simple name of the declaring type of {@link #api()}: {@code HttpClient}, {@code Socket}. */
    public String typeSimpleName() {
        String type = api.substring(0, api.indexOf('#'));
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
