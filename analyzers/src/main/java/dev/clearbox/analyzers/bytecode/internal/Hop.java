package dev.clearbox.analyzers.bytecode.internal;

/**
 * One step of a flow seen in bytecode: the line in the class being analyzed, the method it is in
 * ({@code com.acme.Foo.send}), the API called there and what happened to the data.
 */
public record Hop(int line, String method, String api, String note) {
    /** Encoding inside a SpotBugs string annotation: tab-separated, the fields contain no tabs. */
    String encode() {
        return line + "\t" + method + "\t" + api + "\t" + note;
    }

    static Hop decode(String text) {
        String[] p = text.split("\t", 4);
        return new Hop(Integer.parseInt(p[0]), p[1], p[2], p.length > 3 ? p[3] : "");
    }
}
