package com.acme.agent.scan;

import java.util.Arrays;

/** One malware signature: a name and the byte pattern that identifies it. */
public record Signature(String name, byte[] pattern) {

    /** True when {@code content} contains this signature's pattern. */
    public boolean matches(byte[] content) {
        outer:
        for (int i = 0; i <= content.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature s && name.equals(s.name) && Arrays.equals(pattern, s.pattern);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(pattern);
    }

    @Override
    public String toString() {
        return "Signature[" + name + ", " + pattern.length + " bytes]";
    }
}
