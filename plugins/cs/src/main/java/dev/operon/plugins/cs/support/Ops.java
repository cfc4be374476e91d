package dev.operon.plugins.cs.support;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;

/** Builds operations from a name, a kind and a function, so each operation is its records and its logic only. */
public final class Ops {

    private Ops() {
    }

    /** What an operation does. */
    @FunctionalInterface
    public interface Handler<I, O> {
        O call(OperationContext context, I input) throws Exception;
    }

    /** A read-only operation (viewer role). */
    public static <I, O> Operation<I, O> query(String name, String title, Class<I> in, Class<?> out,
                                               Handler<I, O> handler) {
        return new Simple<>(name, title, Operation.Kind.QUERY, Operation.Role.VIEWER, in, out, true, handler);
    }

    /** An operation that changes something (operator role, audited). */
    public static <I, O> Operation<I, O> action(String name, String title, Class<I> in, Class<?> out,
                                                Handler<I, O> handler) {
        return new Simple<>(name, title, Operation.Kind.ACTION, Operation.Role.OPERATOR, in, out, true, handler);
    }

    /**
     * An action whose input holds end users' free text: the platform keeps the input out of the audit record; the
     * handler audits what matters, masked.
     */
    public static <I, O> Operation<I, O> privateAction(String name, String title, Class<I> in, Class<?> out,
                                                       Handler<I, O> handler) {
        return new Simple<>(name, title, Operation.Kind.ACTION, Operation.Role.OPERATOR, in, out, false, handler);
    }

    /** An action only admins may call. */
    public static <I, O> Operation<I, O> adminAction(String name, String title, Class<I> in, Class<?> out,
                                                     Handler<I, O> handler) {
        return new Simple<>(name, title, Operation.Kind.ACTION, Operation.Role.ADMIN, in, out, true, handler);
    }

    private record Simple<I, O>(String name, String title, Kind kind, Role role, Class<I> in, Class<?> out,
                                boolean auditsInput, Handler<I, O> handler) implements Operation<I, O> {

        @Override
        public Class<I> inputType() {
            return in;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<O> outputType() {
            return (Class<O>) out;
        }

        @Override
        public O call(OperationContext context, I input) throws Exception {
            return handler.call(context, input);
        }
    }
}
