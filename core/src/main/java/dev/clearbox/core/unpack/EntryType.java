package dev.clearbox.core.unpack;

/**
 * What an inventory entry is, decided from its content (magic bytes), never from its name.
 * Directories are not inventoried: they carry no content.
 */
public enum EntryType {
    /** A Java class file (magic {@code CAFEBABE} with a class-file major version). */
    CLASS,
    /** A zip archive that holds class files or a {@code META-INF/MANIFEST.MF}: jar, war, ear. */
    JAR,
    /** Any other archive or compressed file Clearbox recognises (zip, tar, 7z, ar, cpio, gzip, ...). */
    ARCHIVE,
    /** ELF, PE ({@code MZ}) or Mach-O code. */
    NATIVE_LIBRARY,
    /** A file starting with {@code #!}. */
    SCRIPT,
    /** Anything else. */
    DATA,
    /** A symbolic or hard link; never created on disk, its target is in the detail. */
    LINK,
    /** A device node, FIFO or other special file; never created on disk. */
    SPECIAL
}
