package dev.clearbox.core.compare.internal;

import java.util.List;

/** Every comparator, in the order they are tried. The byte-level comparator comes last and handles anything. */
public final class Comparators {
    public static final List<FormatComparator> ALL = List.of(
            new ZipComparator(),
            new TarComparator(),
            new ClassFileComparator(),
            new ManifestComparator(),
            new PropertiesComparator(true),
            new PropertiesComparator(false),
            new TextComparator(),
            new BytesComparator());

    private Comparators() {
    }
}
