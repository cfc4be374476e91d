package dev.operon.plugins.cs.cli;

import java.nio.file.Path;

/** A CSV file that cannot be used, with the file and line. */
public final class CsvFormatException extends RuntimeException {

    public CsvFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
