package dev.operon.core.models;

/** The champion was there but could not predict for this input (the translator or the model refused it). */
public class PredictionFailedException extends RuntimeException {

    public PredictionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
