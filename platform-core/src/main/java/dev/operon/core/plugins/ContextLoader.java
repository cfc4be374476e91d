package dev.operon.core.plugins;

import java.util.concurrent.Callable;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader, so that libraries a plugin
 * bundles (and look resources up through the context loader) find them in the plugin's jar.
 */
public final class ContextLoader {

    private ContextLoader() {
    }

    /** Calls {@code work} with {@code loader} as context class loader, then restores the previous one. */
    public static <T> T call(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@link #call} for code without a result. */
    public static void run(ClassLoader loader, ThrowingRunnable work) throws Exception {
        call(loader, () -> {
            work.run();
            return null;
        });
    }

    /** A {@link Runnable} that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
