package dev.operon.plugins.marketing.uplift;

/** Bad usage or bad input of the uplift command (exit code 2); the message names the file and line. */
public final class UpliftInputException extends Exception {

    public UpliftInputException(String message) {
        super(message);
    }
}
