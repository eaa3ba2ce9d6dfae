package dev.clearbox.samples;

import java.time.Instant;
import java.util.List;

/**
 * One commit of a sample's scripted history: its message, its author and commit time, and the files
 * it adds (paths relative to the product root). Each commit keeps the files of the commits before it.
 */
record PlannedCommit(String message, Instant time, List<String> addedFiles) {

    PlannedCommit {
        addedFiles = List.copyOf(addedFiles);
    }
}
