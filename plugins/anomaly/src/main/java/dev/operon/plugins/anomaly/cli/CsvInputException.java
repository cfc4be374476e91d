package dev.operon.plugins.anomaly.cli;

/** Bad input in one CSV file, located by line (1-based) and column (1-based; 0 when the whole line is at fault). */
final class CsvInputException extends Exception {

    CsvInputException(String file, long line, int column, String problem) {
        super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + problem);
    }
}
