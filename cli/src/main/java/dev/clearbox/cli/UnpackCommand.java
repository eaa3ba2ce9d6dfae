package dev.clearbox.cli;

import dev.clearbox.core.Finding;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.JarSignature;
import dev.clearbox.core.unpack.SignatureFindings;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import dev.clearbox.reports.sbom.PackageSbom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(name = "unpack",
        description = {"Unpack an update package safely and print its inventory: every entry, nested ones included,",
                "with size, sha256 and type. Formats are recognised by content. Entries that would land outside",
                "--out, links that escape, bombs and corrupt archives are refused with a one-line error."},
        footer = {"", "Examples:", "  clearbox unpack acme-updater-1.4.0.zip --out /audit/unpack --format json",
                "  clearbox unpack big-dist.tar.gz --out /audit/dist --sbom /audit/dist.cdx.json --max-total-bytes 16G"})
final class UnpackCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The update package (zip, jar, tar.gz, 7z, ...).")
    Path pkg;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to extract; nothing is written outside it.")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--sbom", paramLabel = "FILE",
            description = "Also write a CycloneDX 1.6 SBOM of the package (JSON) to FILE; it must not be inside --out.")
    Path sbom;

    @Mixin
    LimitOptions limits;

    @Override
    protected ExitCode execute() throws Exception {
        UnpackLimits unpackLimits = limits.resolve(spec.commandLine());
        if (sbom != null && sbom.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sbom " + sbom + " is inside --out " + out + "; write it elsewhere");
        }
        PackageInventory inv = new Unpacker().unpack(new UnpackRequest(pkg, out, unpackLimits), progress());
        if (sbom != null) {
            PackageSbom.write(inv, Main.Version.number(), sbom);
        }
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), inv);
            return ExitCode.OK;
        }
        out().println(inv.packageName() + "  " + inv.format() + "  " + inv.size() + " bytes  sha256 " + inv.sha256());
        if (inv.jar() != null) {
            out().println("  the package is a jar: " + jarLine(inv.jar()));
        }
        for (InventoryEntry e : inv.entries()) {
            out().printf("%-64s %-14s %10d  %s%s%s%n", e.path(), e.type(), e.size(), e.sha256(),
                    e.detail() == null || e.detail().isEmpty() ? "" : "  " + e.detail(),
                    e.jar() == null ? "" : "  [" + jarLine(e.jar()) + "]");
        }
        UnpackLimits l = inv.limits();
        out().println(inv.entries().size() + " entries; limits in force: --max-total-bytes " + l.maxTotalBytes()
                + " --max-entry-bytes " + l.maxEntryBytes() + " --max-entries " + l.maxEntries()
                + " --max-ratio " + l.maxCompressionRatio() + " --max-depth " + l.maxNestingDepth());
        List<Finding> findings = SignatureFindings.of(inv);
        for (Finding f : findings) {
            out().println(f.ruleId() + " " + f.severity() + " " + f.location().file() + ": " + f.message());
        }
        if (sbom != null) {
            out().println("SBOM: " + sbom);
        }
        return ExitCode.OK;
    }

    /** {@code signature VERIFIED by CN=..., com.acme:agent:1.4.0}. */
    private static String jarLine(JarInfo jar) {
        JarSignature s = jar.signature();
        StringBuilder b = new StringBuilder("signature ").append(s.status());
        if (!s.signers().isEmpty()) {
            b.append(" by ").append(s.signers().get(0).subject());
        }
        if (!s.failedEntry().isEmpty()) {
            b.append(" at ").append(s.failedEntry());
        }
        if (!jar.maven().isEmpty()) {
            b.append(", ").append(jar.maven().get(0));
            if (jar.maven().size() > 1) {
                b.append(" +").append(jar.maven().size() - 1);
            }
        }
        return b.toString();
    }
}
