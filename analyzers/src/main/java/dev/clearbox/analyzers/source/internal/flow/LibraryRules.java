package dev.clearbox.analyzers.source.internal.flow;

import java.util.Map;
import java.util.Set;

/**
 * How data moves through calls into code that is not in the sources (the JDK, libraries). The default
 * is conservative: the result carries the receiver and every argument. The exceptions are listed here:
 * calls whose result says almost nothing about the data (a length, a test), calls that put their
 * arguments into their receiver, and calls that write into an argument.
 */
final class LibraryRules {
    /** Results that are a size, a position or a yes/no: a few bits at most, not the data. */
    static final Set<String> NO_DATA = Set.of("length", "size", "isEmpty", "isBlank", "equals", "equalsIgnoreCase",
            "contains", "containsKey", "containsValue", "containsAll", "startsWith", "endsWith", "indexOf",
            "lastIndexOf", "compareTo", "compareToIgnoreCase", "matches", "isPresent", "hasNext", "hasMoreElements",
            "exists", "isFile", "isDirectory", "canRead", "canWrite", "getClass", "notExists", "isRegularFile",
            "isReadable", "available");

    private static final String[] MUTATOR_PREFIXES = {"add", "put", "append", "insert", "set", "write", "push",
        "offer", "update", "print", "merge", "compute", "load", "accept", "fill", "enqueue", "replace"};

    /** Calls that copy data into one of their arguments: name to {source position, destination position}, -1 = receiver. */
    static final Map<String, int[]> INTO_ARGUMENT = Map.ofEntries(
            Map.entry("arraycopy", new int[] {0, 2}),
            Map.entry("read", new int[] {-1, 0}),
            Map.entry("readNBytes", new int[] {-1, 0}),
            Map.entry("readFully", new int[] {-1, 0}),
            Map.entry("getChars", new int[] {-1, 2}),
            Map.entry("drainTo", new int[] {-1, 0}),
            Map.entry("transferTo", new int[] {-1, 0}),
            Map.entry("writeTo", new int[] {-1, 0}),
            Map.entry("copyInto", new int[] {-1, 0}),
            Map.entry("toArray", new int[] {-1, 0}),
            Map.entry("addAll", new int[] {1, 0}),
            Map.entry("copy", new int[] {1, 0}),
            Map.entry("fill", new int[] {1, 0}));

    /** Static calls for which {@link #INTO_ARGUMENT} applies (the others are instance calls). */
    static final Set<String> STATIC_INTO = Set.of("arraycopy", "addAll", "copy", "fill");

    /** Names of calls whose result may carry a connection opened by their receiver. */
    private static final String[] HANDLE_PREFIXES = {"get", "open", "new", "create", "connect"};

    private LibraryRules() {
    }

    /** True when a call of this name stores its arguments in its receiver. */
    static boolean mutates(String name) {
        for (String p : MUTATOR_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean keepsHandle(String name) {
        for (String p : HANDLE_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
