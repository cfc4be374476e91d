package dev.operon.sdk.operation;

/**
 * A synchronous query or action of a plugin, served by the platform at
 * {@code POST /api/v1/plugins/<plugin-id>/operations/<name>} with the input record as JSON body. Authentication, the
 * role check, input validation (the record's Jakarta Validation constraints) and, for actions, the audit record are
 * done by the platform, once, for every plugin.
 *
 * <p>Threading: called concurrently from request threads; keep it short (long work belongs in a task).
 *
 * @param <I> the input record
 * @param <O> the output (a record, a list of records, a map)
 */
public interface Operation<I, O> {

    /** The operation's name within its plugin, kebab-case: {@code classify}, {@code list-incidents}. */
    String name();

    /** Short human-readable title. */
    String title();

    default String description() {
        return "";
    }

    /** A query reads; an action changes something and is always audited. */
    Kind kind();

    /** The lowest role allowed to call it; by default viewer for queries and operator for actions. */
    default Role role() {
        return kind() == Kind.QUERY ? Role.VIEWER : Role.OPERATOR;
    }

    /**
     * Whether the platform keeps this action's input in its audit record (since SDK 1.2; default true). An action
     * whose input carries end users' free text, which may hold personal data the plugin masks before storing it,
     * answers false: the audit record then has no input, and the operation puts what matters, masked, in
     * {@link OperationContext#audit}.
     */
    default boolean auditsInput() {
        return true;
    }

    Class<I> inputType();

    Class<O> outputType();

    /** Does it. Throw {@link OperationException} for an error the caller should see (bad input, not found). */
    O call(OperationContext context, I input) throws Exception;

    /**
     * Declares a query from its records and a function (since SDK 1.5): viewer role by default.
     *
     * @param output the output's class; a generic output ({@code List<Segment>}) is named by its raw class
     */
    static <I, O> DeclaredOperation<I, O> query(String name, String title, Class<I> input, Class<?> output,
                                                Body<I, O> body) {
        return new DeclaredOperation<>(name, title, "", Kind.QUERY, null, true, input, output, body);
    }

    /** {@link #query(String, String, Class, Class, Body)} with a description. */
    static <I, O> DeclaredOperation<I, O> query(String name, String title, String description, Class<I> input,
                                                Class<?> output, Body<I, O> body) {
        return new DeclaredOperation<>(name, title, description, Kind.QUERY, null, true, input, output, body);
    }

    /**
     * Declares an action from its records and a function (since SDK 1.5): operator role by default, audited with
     * its input.
     */
    static <I, O> DeclaredOperation<I, O> action(String name, String title, Class<I> input, Class<?> output,
                                                 Body<I, O> body) {
        return new DeclaredOperation<>(name, title, "", Kind.ACTION, null, true, input, output, body);
    }

    /** {@link #action(String, String, Class, Class, Body)} with a description. */
    static <I, O> DeclaredOperation<I, O> action(String name, String title, String description, Class<I> input,
                                                 Class<?> output, Body<I, O> body) {
        return new DeclaredOperation<>(name, title, description, Kind.ACTION, null, true, input, output, body);
    }

    /** What a declared operation does (since SDK 1.5). */
    @FunctionalInterface
    interface Body<I, O> {
        /** Throw {@link OperationException} for an error the caller should see. */
        O call(OperationContext context, I input) throws Exception;
    }

    /**
     * Read or write. A {@code QUERY} changes nothing: it is not audited, and a console panel form bound to it is sent
     * with GET, so that its answer has an address operators can reload and share (unless an input's name marks a
     * secret). An {@code ACTION} changes something: it is audited, its form is a POST, and a reload of its answer
     * never sends it again.
     */
    enum Kind { QUERY, ACTION }

    /** Operator roles, lowest first. */
    enum Role { VIEWER, OPERATOR, ADMIN }
}
