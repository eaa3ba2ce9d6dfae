package dev.clearbox.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "unpack",
        description = {"Unpack an update package safely and print its inventory: every entry, nested ones included,",
                "with size, sha256 and type. Formats are recognised by content. Entries that would land outside",
                "--out, links that escape, bombs and corrupt archives are refused with a one-line error."},
        footer = {"", "Example:", "  clearbox unpack acme-updater-1.4.0.zip --out /audit/unpack --format json"})
final class UnpackCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The update package (zip, jar, tar.gz, 7z, ...).")
    Path pkg;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to extract; nothing is written outside it.")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--max-depth", paramLabel = "N", description = "Nested archives unpacked at most this deep.")
    Integer maxDepth;

    @Option(names = "--max-ratio", paramLabel = "R", description = "Largest compression ratio accepted per entry.")
    Double maxRatio;

    @Override
    protected ExitCode execute() throws Exception {
        UnpackLimits d = UnpackLimits.defaults();
        UnpackLimits limits = new UnpackLimits(d.maxTotalBytes(), d.maxEntryBytes(), d.maxEntries(),
                maxRatio != null ? maxRatio : d.maxCompressionRatio(), maxDepth != null ? maxDepth : d.maxNestingDepth());
        PackageInventory inv = new Unpacker().unpack(new UnpackRequest(pkg, out, limits), progress());
        if (format == OutputFormat.json) {
            out().println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(inv));
            return ExitCode.OK;
        }
        out().println(inv.packageName() + "  " + inv.format() + "  " + inv.size() + " bytes  sha256 " + inv.sha256());
        for (InventoryEntry e : inv.entries()) {
            out().printf("%-64s %-14s %10d  %s%s%n", e.path(), e.type(), e.size(), e.sha256(),
                    e.detail() == null || e.detail().isEmpty() ? "" : "  " + e.detail());
        }
        out().println(inv.entries().size() + " entries");
        return ExitCode.OK;
    }
}
