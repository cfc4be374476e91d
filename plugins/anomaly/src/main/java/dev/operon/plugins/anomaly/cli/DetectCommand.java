package dev.operon.plugins.anomaly.cli;

import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.sdk.cli.OfflineCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code operon anomaly detect INPUT OUTPUT [--detector NAME]}: scores {@code timestamp,value} CSV files online and
 * writes them back with an {@code anomaly_score} column in [0, 1]. A stable contract that external evaluations
 * call: arguments and formats do not change.
 */
public final class DetectCommand implements OfflineCommand {

    @Override
    public String name() {
        return "detect";
    }

    @Override
    public String description() {
        return "Score timestamp,value CSV files online; writes each row's anomaly_score in [0, 1]";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: operon anomaly detect INPUT OUTPUT [--detector NAME] [--threads N]",
                "",
                "  INPUT            a CSV file, or a folder searched recursively for *.csv files, each with the header",
                "                   'timestamp,value'; an empty value, 'nan' or 'null' is a missing point (scored 0)",
                "  OUTPUT           for a file: the output file (or an existing folder to write it into); for a",
                "                   folder: the output folder, each file at the same relative path, with the same",
                "                   rows and a third column anomaly_score in [0, 1] (higher = more anomalous)",
                "  --detector NAME  one of " + String.join(", ", Detectors.names()) + " (default "
                        + Detectors.DEFAULT + ")",
                "  --threads N      files scored in parallel (default: the number of processors)",
                "",
                "Scores are computed online in file order: a row's score depends only on the rows above it. Every file",
                "gets the same configuration. Timestamps: " + Timestamps.examples() + ".",
                "Exit codes: 0 done, 2 bad usage or bad input (file:line:column on stderr), 1 an output could not be",
                "written, 5 unexpected error.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        DetectArgs parsed;
        try {
            parsed = DetectArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("operon anomaly detect: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (parsed.help()) {
            out.println(usage());
            return 0;
        }
        Path input = parsed.input();
        if (!Files.exists(input)) {
            err.println("operon anomaly detect: input not found: " + input);
            return 2;
        }
        List<Job> jobs = jobs(input, parsed.output());
        if (jobs.isEmpty()) {
            err.println("operon anomaly detect: no .csv file found under " + input);
            return 2;
        }
        return runAll(jobs, parsed, out, err);
    }

    /** One input file and where its output goes. */
    private record Job(Path input, String displayName, Path output) {
    }

    private static List<Job> jobs(Path input, Path output) throws IOException {
        if (!Files.isDirectory(input)) {
            Path target = Files.isDirectory(output) ? output.resolve(input.getFileName()) : output;
            return List.of(new Job(input, input.toString(), target));
        }
        Path inputReal = input.toAbsolutePath().normalize();
        Path outputReal = output.toAbsolutePath().normalize();
        List<Job> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(input)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv")).sorted().toList()) {
                if (!outputReal.equals(inputReal) && file.toAbsolutePath().normalize().startsWith(outputReal)) {
                    continue; // an output folder inside the input folder: never score our own outputs
                }
                Path relative = input.relativize(file);
                jobs.add(new Job(file, file.toString(), output.resolve(relative.toString())));
            }
        }
        return jobs;
    }

    private static int runAll(List<Job> jobs, DetectArgs args, PrintStream out, PrintStream err)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(args.threads(), jobs.size()), r -> {
            Thread t = new Thread(r, "anomaly-detect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Job job : jobs) {
                results.add(pool.submit(() -> SeriesFile.score(job.input(), job.displayName(), job.output(),
                        Detectors.create(args.detector()))));
            }
            int exit = 0;
            long rows = 0;
            int failed = 0;
            for (Future<Long> result : results) {
                try {
                    rows += result.get();
                } catch (ExecutionException e) {
                    failed++;
                    Throwable cause = e.getCause();
                    if (cause instanceof CsvInputException) {
                        err.println("operon anomaly detect: " + cause.getMessage());
                        exit = Math.max(exit, 2);
                    } else if (cause instanceof IOException) {
                        err.println("operon anomaly detect: " + cause);
                        exit = exit == 0 ? 1 : exit;
                    } else {
                        err.println("operon anomaly detect: unexpected error: " + cause);
                        exit = 5;
                    }
                }
            }
            out.println("scored " + rows + " rows in " + (jobs.size() - failed) + " of " + jobs.size()
                    + " file(s) with detector " + args.detector() + (failed > 0 ? "; " + failed + " failed" : ""));
            return exit;
        } finally {
            pool.shutdownNow();
        }
    }
}
