package dev.clearbox.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what the stages produced into the workspace. A file that cannot be written is a
 * {@link StageFailedException} naming the stage and the file, never an unchecked I/O error: the audit stops
 * with one line and exit code 2, as for any other stage failure.
 */
final class StageFiles {
    private static final ObjectMapper STAGE_JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private StageFiles() {
    }

    /** The stage's directory of the workspace, created if needed. */
    static Path dir(Workspace ws, AuditStage stage) {
        Path dir = ws.root().resolve(stage.directory());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failed(stage, dir, "cannot create the stage directory", e);
        }
        return dir;
    }

    /** Writes {@code value} as the stage's JSON (indented, map keys sorted) to {@code file}. */
    static void writeJson(AuditStage stage, Path file, Object value) {
        try (OutputStream out = Files.newOutputStream(file)) {
            STAGE_JSON.writeValue(out, value);
        } catch (IOException e) {
            throw failed(stage, file, "cannot write", e);
        }
    }

    /** Runs a writer of the reports module, turning its unchecked I/O error into the stage's failure. */
    static void write(AuditStage stage, Path file, Runnable writer) {
        try {
            writer.run();
        } catch (UncheckedIOException e) {
            throw failed(stage, file, "cannot write", e.getCause());
        }
    }

    static StageFailedException failed(AuditStage stage, Path file, String what, IOException e) {
        return failed(stage.stage(), file, what, e);
    }

    static StageFailedException failed(Stage stage, Path file, String what, IOException e) {
        return new StageFailedException(stage, file.toString(), what + ": " + reason(e), e);
    }

    /** The operating system's reason without the path (which the error names already), or the exception's kind. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
