package dev.clearbox.audit;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A session workspace on disk. A directory Clearbox made carries a marker file; a rerun clears the stage
 * directories of the earlier run (keeping {@code keys/}), and a directory without the marker that is not
 * empty is refused, so an audit never deletes files it did not write.
 */
final class SessionWorkspace {
    static final String MARKER = ".clearbox-workspace";
    /** Where the report is made before it is signed and moved to {@code report/}. */
    static final String INCOMPLETE_REPORT = "report.incomplete";
    /** The keys' directory (the demo key), which a rerun keeps. */
    static final String KEYS = Stage.KEYS.directory().orElseThrow();
    /** The directories a run writes, cleared by the next run: one per {@link AuditStage}, and the unfinished report. */
    static final List<String> STAGES = Stream.concat(Stream.of(AuditStage.values()).map(AuditStage::directory),
            Stream.of(INCOMPLETE_REPORT)).toList();

    private static final Stage STAGE = Stage.WORKSPACE;

    private SessionWorkspace() {
    }

    static Workspace prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new InvalidInputException(STAGE, dir.toString(), "exists and is not a directory");
                }
                boolean marked = Files.isRegularFile(dir.resolve(MARKER));
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.allMatch(p -> p.getFileName().toString().equals(KEYS));
                }
                if (!marked && !empty) {
                    throw new InvalidInputException(STAGE, dir.toString(),
                            "directory is not empty and is not a Clearbox workspace; choose another --workspace");
                }
                for (String directory : STAGES) {
                    Workspace.deleteTree(dir.resolve(directory), false);
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Clearbox session workspace; rerunning an audit here replaces its stage directories.\n");
            return Workspace.at(dir);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw StageFiles.failed(STAGE, dir, "cannot prepare the workspace", cause);
        }
    }
}
