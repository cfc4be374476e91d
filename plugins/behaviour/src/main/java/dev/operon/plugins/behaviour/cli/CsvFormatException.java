package dev.operon.plugins.behaviour.cli;

/** An input file that cannot be used as given; the message names the file and, where it helps, the line. */
public final class CsvFormatException extends Exception {

    public CsvFormatException(String message) {
        super(message);
    }
}
