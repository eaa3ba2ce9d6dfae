package dev.clearbox.core.unpack;

/** The archive and compression formats the unpack stage opens. */
enum Format {
    ZIP("zip", false),
    TAR("tar", false),
    SEVEN_Z("7z", false),
    AR("ar", false),
    CPIO("cpio", false),
    GZIP("gzip", true),
    BZIP2("bzip2", true),
    XZ("xz", true),
    ZSTD("zstd", true);

    private final String id;
    private final boolean compressor;

    Format(String id, boolean compressor) {
        this.id = id;
        this.compressor = compressor;
    }

    /** The name shown in inventories and messages. */
    String id() {
        return id;
    }

    /** True for single-stream compression formats (gzip, bzip2, xz, zstd). */
    boolean isCompressor() {
        return compressor;
    }

    /** The short suffix used in combined names such as {@code tar.gz}. */
    String suffix() {
        return switch (this) {
            case GZIP -> "gz";
            case BZIP2 -> "bz2";
            case ZSTD -> "zst";
            default -> id;
        };
    }
}
