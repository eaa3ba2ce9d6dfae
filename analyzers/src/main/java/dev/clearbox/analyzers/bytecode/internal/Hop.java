package dev.clearbox.analyzers.bytecode.internal;

/**
 * One step of a flow seen in bytecode: the line in the class being analyzed, the method it is in
 * ({@code com.acme.Foo.send}), the API called there and what happened to the data.
 */
public record Hop(int line, String method, String api, String note) {
}
