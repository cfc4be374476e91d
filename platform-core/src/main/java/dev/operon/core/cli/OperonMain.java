package dev.operon.core.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The one entry point: {@code operon serve} runs the platform, every other command is a CLI call. */
@QuarkusMain
public final class OperonMain {

    public static void main(String... args) {
        int early = new Launcher(System.err).prepare(args);
        if (early >= 0) {
            System.exit(early);
            return;
        }
        Quarkus.run(OperonApplication.class, args);
    }
}
