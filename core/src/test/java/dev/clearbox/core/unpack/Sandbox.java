package dev.clearbox.core.unpack;

import dev.clearbox.core.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scratch area: {@code <tmp>/in/<package>} and destination {@code <tmp>/ws/<out>}. It records every path
 * that existed before a run so a test can prove nothing appeared outside the destination.
 */
final class Sandbox {
    final Path tmp;
    final Path in;
    final Path out;
    private Set<String> before;

    Sandbox(Path tmp, String outName) {
        this.tmp = tmp;
        try {
            this.in = Files.createDirectories(tmp.resolve("in"));
            this.out = Files.createDirectories(tmp.resolve("ws")).resolve(outName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Sandbox(Path tmp) {
        this(tmp, "out");
    }

    Path write(String name, byte[] data) {
        try {
            Path p = in.resolve(name);
            Files.write(p, data);
            before = snapshot();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PackageInventory unpack(String name, byte[] data) {
        return unpack(name, data, UnpackLimits.defaults());
    }

    PackageInventory unpack(String name, byte[] data, UnpackLimits limits) {
        Path pkg = write(name, data);
        return new Unpacker().unpack(new UnpackRequest(pkg, out, limits), ProgressListener.NONE);
    }

    /** With {@code threads} threads in all (1: everything on this thread). */
    PackageInventory unpack(String name, byte[] data, UnpackLimits limits, int threads) {
        Path pkg = write(name, data);
        return new Unpacker(threads).unpack(new UnpackRequest(pkg, out, limits), ProgressListener.NONE);
    }

    /** Every path now under tmp either existed before the run or lies under the destination. */
    void assertNothingOutsideDestination() {
        Set<String> now = snapshot();
        now.removeAll(before);
        String outPrefix = tmp.relativize(out).toString();
        now.removeIf(p -> p.equals(outPrefix) || p.startsWith(outPrefix + "/"));
        assertEquals(Set.of(), now, "paths created outside the destination");
    }

    /** After a refused run the destination holds nothing (it is removed, since the run created it). */
    void assertDestinationClean() {
        assertTrue(!Files.exists(out) || isEmptyDir(out), "destination left with content: " + out);
        assertNothingOutsideDestination();
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private Set<String> snapshot() {
        try (Stream<Path> s = Files.walk(tmp)) {
            Set<String> paths = new TreeSet<>();
            s.forEach(p -> paths.add(tmp.relativize(p).toString()));
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
