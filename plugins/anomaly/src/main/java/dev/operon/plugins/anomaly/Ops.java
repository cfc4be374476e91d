package dev.operon.plugins.anomaly;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;

/** Declares an operation from its name, kind, records and a function. */
public final class Ops {

    private Ops() {
    }

    /** The body of an operation. */
    @FunctionalInterface
    public interface Body<I, O> {
        O call(OperationContext context, I input) throws Exception;
    }

    /** A read (viewer role). */
    public static <I, O> Operation<I, O> query(String name, String title, Class<I> in, Class<?> out, Body<I, O> body) {
        return new Declared<>(name, title, Operation.Kind.QUERY, in, out, body);
    }

    /** A change (operator role, audited by the platform). */
    public static <I, O> Operation<I, O> action(String name, String title, Class<I> in, Class<?> out, Body<I, O> body) {
        return new Declared<>(name, title, Operation.Kind.ACTION, in, out, body);
    }

    private record Declared<I, O>(String name, String title, Kind kind, Class<I> in, Class<?> out, Body<I, O> body)
            implements Operation<I, O> {

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
            return body.call(context, input);
        }
    }
}
