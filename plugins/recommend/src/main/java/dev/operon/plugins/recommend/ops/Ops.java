package dev.operon.plugins.recommend.ops;

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
    public static <I, O> Operation<I, O> query(String name, String title, String description, Class<I> in,
                                               Class<?> out, Handler<I, O> handler) {
        return new Declared<>(name, title, description, Operation.Kind.QUERY, in, out, handler);
    }

    /** An operation that changes something (operator role, audited). */
    public static <I, O> Operation<I, O> action(String name, String title, String description, Class<I> in,
                                                Class<?> out, Handler<I, O> handler) {
        return new Declared<>(name, title, description, Operation.Kind.ACTION, in, out, handler);
    }

    private record Declared<I, O>(String name, String title, String description, Kind kind, Class<I> in,
                                  Class<?> out, Handler<I, O> handler) implements Operation<I, O> {

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
