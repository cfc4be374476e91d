package dev.operon.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder that holds the embedded database, plugins and other local state: {@code OPERON_DATA_DIR}. */
public final class DataDir {

    private DataDir() {
    }

    public static Path resolve() {
        String configured = System.getProperty("operon.data-dir", System.getenv("OPERON_DATA_DIR"));
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".operon");
        }
        return Path.of(configured).toAbsolutePath();
    }

    /** Creates the folder if needed and checks that it can be written; the message says why not. */
    public static void prepare(Path dir) throws UnusableException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnusableException("cannot create data folder " + dir + " (" + e.getClass().getSimpleName()
                    + "); set OPERON_DATA_DIR to a writable folder");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UnusableException("data folder " + dir + " is not a writable folder;"
                    + " set OPERON_DATA_DIR to a writable folder");
        }
        try {
            Path probe = Files.createTempFile(dir, ".probe", null);
            Files.delete(probe);
        } catch (IOException e) {
            throw new UnusableException("cannot write in data folder " + dir + "; set OPERON_DATA_DIR to a"
                    + " writable folder");
        }
    }

    /** The data folder cannot be used; the message is one line for the operator. */
    public static final class UnusableException extends Exception {
        public UnusableException(String message) {
            super(message);
        }
    }
}
