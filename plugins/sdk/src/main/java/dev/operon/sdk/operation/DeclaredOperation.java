package dev.operon.sdk.operation;

/**
 * An operation declared from its parts rather than written as a class (since SDK 1.5): made by
 * {@link Operation#query} or {@link Operation#action}, refined with the {@code with...} methods, each of which returns
 * a new declaration.
 *
 * <pre>{@code
 * Operation.query("list-segments", "Segments", NoInput.class, List.class, (context, in) -> store.all())
 *         .withDescription("Every segment with its current size.");
 * Operation.action("erase-model", "Erase a model", EraseInput.class, Erased.class, this::erase)
 *         .withRole(Operation.Role.ADMIN);
 * }</pre>
 *
 * @param <I> the input record
 * @param <O> the output
 */
public final class DeclaredOperation<I, O> implements Operation<I, O> {

    private final String name;
    private final String title;
    private final String description;
    private final Kind kind;
    private final Role role;
    private final boolean auditsInput;
    private final Class<I> inputType;
    private final Class<?> outputType;
    private final Body<I, O> body;

    DeclaredOperation(String name, String title, String description, Kind kind, Role role, boolean auditsInput,
                      Class<I> inputType, Class<?> outputType, Body<I, O> body) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.title = java.util.Objects.requireNonNull(title, "title");
        this.description = description == null ? "" : description;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.role = role;
        this.auditsInput = auditsInput;
        this.inputType = java.util.Objects.requireNonNull(inputType, "inputType");
        this.outputType = java.util.Objects.requireNonNull(outputType, "outputType");
        this.body = java.util.Objects.requireNonNull(body, "body");
    }

    /** The same operation with this description (shown in the console and the API's operation list). */
    public DeclaredOperation<I, O> withDescription(String newDescription) {
        return new DeclaredOperation<>(name, title, newDescription, kind, role, auditsInput, inputType, outputType,
                body);
    }

    /** The same operation open from this role upwards instead of the kind's default. */
    public DeclaredOperation<I, O> withRole(Role lowest) {
        return new DeclaredOperation<>(name, title, description, kind, lowest, auditsInput, inputType, outputType,
                body);
    }

    /**
     * The same action, with its input kept out of the platform's audit record: for inputs that carry end users'
     * free text, which the body masks and audits itself (see {@link Operation#auditsInput()}).
     */
    public DeclaredOperation<I, O> withoutInputInAudit() {
        return new DeclaredOperation<>(name, title, description, kind, role, false, inputType, outputType, body);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Role role() {
        return role != null ? role : Operation.super.role();
    }

    @Override
    public boolean auditsInput() {
        return auditsInput;
    }

    @Override
    public Class<I> inputType() {
        return inputType;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<O> outputType() {
        // a generic output (List<Segment>) can only be named by its raw class (List.class)
        return (Class<O>) outputType;
    }

    @Override
    public O call(OperationContext context, I input) throws Exception {
        return body.call(context, input);
    }

    @Override
    public String toString() {
        return "operation " + name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
