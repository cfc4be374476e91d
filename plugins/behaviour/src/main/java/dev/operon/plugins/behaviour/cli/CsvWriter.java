package dev.operon.plugins.behaviour.cli;

import dev.operon.sdk.cli.OutputFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CSV file with LF line ends, quoting only fields that need it. The file is written next to its target and
 * moved into place at the end, so a failed command never leaves a half-written output behind.
 */
public final class CsvWriter implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final Writer out;
    private boolean done;

    public CsvWriter(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        this.temporary = OutputFile.temporaryBeside(this.target);
        this.out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16);
    }

    public void row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields[i]));
        }
        out.write('\n');
    }

    /** Keeps the file: flushes it and moves it to its target. */
    public void commit() throws IOException {
        out.close();
        OutputFile.moveOver(temporary, target);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** A number in plain decimal notation with at most {@code digits} significant digits; empty for NaN. */
    public static String number(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        String text = rounded.toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
