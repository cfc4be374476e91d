package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.operation.OperationException;
import java.util.List;

/** A rule that does not validate: every problem found, each with the JSON path of the bad node. */
public final class RuleException extends Exception {

    private final List<OperationException.FieldError> errors;

    public RuleException(List<OperationException.FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).toString() : errors.size() + " problems in the rule: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<OperationException.FieldError> errors() {
        return errors;
    }

    /** The same problems as the 422 an operation answers. */
    public OperationException toOperationException() {
        return OperationException.invalid(errors);
    }
}
