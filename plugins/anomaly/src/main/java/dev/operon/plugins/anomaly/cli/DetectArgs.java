package dev.operon.plugins.anomaly.cli;

import dev.operon.plugins.anomaly.detect.Detectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parsed arguments of {@code operon anomaly detect}. */
record DetectArgs(Path input, Path output, String detector, int threads, boolean help) {

    /** Parses; throws {@link IllegalArgumentException} with a message for the user. */
    static DetectArgs parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        String detector = Detectors.DEFAULT;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new DetectArgs(null, null, detector, threads, true);
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--detector") || option.equals("--threads")) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                if (option.equals("--detector")) {
                    if (!Detectors.exists(value)) {
                        throw new IllegalArgumentException("unknown detector '" + value + "'; known: "
                                + String.join(", ", Detectors.names()));
                    }
                    detector = value;
                } else {
                    try {
                        threads = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        threads = 0;
                    }
                    if (threads < 1) {
                        throw new IllegalArgumentException("--threads must be a positive integer, got '" + value + "'");
                    }
                }
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException("expected INPUT and OUTPUT, got " + positional.size() + " argument(s)");
        }
        return new DetectArgs(Path.of(positional.get(0)), Path.of(positional.get(1)), detector, threads, false);
    }
}
