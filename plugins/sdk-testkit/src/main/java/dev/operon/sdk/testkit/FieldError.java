package dev.operon.sdk.testkit;

/**
 * One invalid field of a task's or an operation's input.
 *
 * @param field   the field's path in the input, such as {@code epochs} or {@code items[2].name}; {@code ""} for the
 *                input as a whole
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
