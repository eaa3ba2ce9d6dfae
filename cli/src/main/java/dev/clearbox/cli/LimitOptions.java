package dev.clearbox.cli;

import dev.clearbox.core.unpack.UnpackLimits;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * The unpack limits as options, shared by {@code unpack} and {@code audit}. Each option left out keeps its
 * default from {@link UnpackLimits#defaults()}; sizes take a K, M, G or T suffix (powers of 1024).
 */
final class LimitOptions {
    @Option(names = "--max-total-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Most bytes written for one package, nested archives included (default 4G).")
    Long maxTotalBytes;

    @Option(names = "--max-entry-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Most bytes of one entry once decompressed (default 1G).")
    Long maxEntryBytes;

    @Option(names = "--max-entries", paramLabel = "N", description = "Most entries of any kind in one package (default 100000).")
    Integer maxEntries;

    @Option(names = "--max-ratio", paramLabel = "R", description = "Largest compression ratio accepted per entry (default 100).")
    Double maxRatio;

    @Option(names = "--max-depth", paramLabel = "N", description = "Nested archives unpacked at most this deep (default 3).")
    Integer maxDepth;

    /** The limits in force; an impossible value is a usage error naming the problem. */
    UnpackLimits resolve(CommandLine commandLine) {
        UnpackLimits d = UnpackLimits.defaults();
        try {
            return new UnpackLimits(
                    maxTotalBytes != null ? maxTotalBytes : d.maxTotalBytes(),
                    maxEntryBytes != null ? maxEntryBytes : d.maxEntryBytes(),
                    maxEntries != null ? maxEntries : d.maxEntries(),
                    maxRatio != null ? maxRatio : d.maxCompressionRatio(),
                    maxDepth != null ? maxDepth : d.maxNestingDepth());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "invalid unpack limit: " + e.getMessage());
        }
    }

    /** {@code 1048576}, {@code 512K}, {@code 64M}, {@code 4G}, {@code 1T}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            if (v.endsWith("B")) {
                v = v.substring(0, v.length() - 1);
            }
            int shift = 0;
            if (!v.isEmpty()) {
                switch (v.charAt(v.length() - 1)) {
                    case 'K' -> shift = 10;
                    case 'M' -> shift = 20;
                    case 'G' -> shift = 30;
                    case 'T' -> shift = 40;
                    default -> shift = 0;
                }
            }
            String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
            long n;
            try {
                n = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (for example 4G, 512M, 1048576)");
            }
            if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive size that fits in 63 bits");
            }
            return n << shift;
        }
    }
}
