package dev.clearbox.cli;

/** How a standalone command prints its result. */
enum OutputFormat {
    text, json
}
