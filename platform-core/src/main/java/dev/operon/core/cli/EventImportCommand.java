package dev.operon.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.ingest.EventImporter;
import dev.operon.core.ingest.ImportSummary;
import dev.operon.core.ingest.SourceService;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code operon events import FILE}: streams the file into the event store (same validation and dedupe as the API);
 * a progress bar on standard error, one JSON summary line on standard output.
 */
@Leaf
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import historical events from a CSV (with a header) or JSON Lines file, gzipped or not.",
        footer = {"", "Standard output gets one JSON line: {\"lines\", \"imported\", \"duplicates\",",
                "\"suppressed\" (events of erased people, dropped), \"rejected\", \"committed\",",
                "\"errors\": [{\"line\", \"field\", \"message\"}], ...}. Exit code 0 when every line",
                "was valid, 1 when some were rejected (see errors), 2 for unusable input.",
                "CSV columns: docs/ingestion.md (type,event,userId,anonymousId,timestamp,messageId,properties.*,...)."})
public class EventImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--source", description = "The source (name or id) the events are stored under.")
    String source;

    @Option(names = "--format",
            description = "csv or jsonl; by default from the file name (.csv, .jsonl, .ndjson, each also .gz).")
    String format;

    @Option(names = "--mode", defaultValue = "valid-only",
            description = "valid-only (default: store valid lines, report bad ones) or all-or-nothing.")
    String mode;

    @Spec
    CommandSpec spec;

    @Inject
    EventImporter importer;

    @Inject
    SourceService sources;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            spec.commandLine().getErr().println("operon: cannot read " + file);
            return CliErrors.USAGE;
        }
        EventImporter.Format chosen = EventImporter.Format.parse(format != null ? format : formatOf(file));
        EventImporter.Mode chosenMode = EventImporter.Mode.parse(mode);
        Long sourceId = source == null ? null : sources.get(source).id();
        long size = Files.size(file);
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong read = new AtomicLong();
        Progress bar = new Progress(err, size);
        ImportSummary summary;
        try (InputStream in = contents(new Counting(Files.newInputStream(file), read))) {
            summary = importer.importEvents(in, chosen, chosenMode, sourceId, lines -> bar.show(read.get(), lines));
        }
        bar.done(read.get(), summary.lines());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.getFileName().toString());
        details.put("lines", summary.lines());
        details.put("imported", summary.imported());
        details.put("duplicates", summary.duplicates());
        details.put("suppressed", summary.suppressed());
        details.put("rejected", summary.rejected());
        details.put("committed", summary.committed());
        audit.record(AuditEvent.success(CliActor.current(), "events.import",
                sourceId == null ? null : "source:" + sourceId).withDetails(details));
        spec.commandLine().getOut().println(json.writeValueAsString(summary));
        spec.commandLine().getOut().flush();
        return summary.rejected() == 0 ? 0 : CliErrors.FAILED;
    }

    /** The file's text: a {@code .gz} file decompressed as it is read (the progress counts its compressed bytes). */
    private InputStream contents(InputStream raw) throws IOException {
        if (!gzipped(file)) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 64 * 1024);
        } catch (IOException e) {
            raw.close();
            throw ApiException.badRequest(file.getFileName() + " is named .gz but is not gzip data: "
                    + e.getMessage());
        }
    }

    private static boolean gzipped(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "jsonl";
        }
        throw ApiException.invalid("--format", "cannot tell the format of " + file.getFileName()
                + " from its name: say --format csv or --format jsonl");
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /** {@code [#########           ]  45%  120,000 events  8,100 events/s}, redrawn at most 5 times a second. */
    static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final long total;
        private final long started = System.nanoTime();
        private long drawnAt;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void show(long bytes, long events) {
            long now = System.nanoTime();
            if (now - drawnAt < 200_000_000L) {
                return;
            }
            drawnAt = now;
            draw(bytes, events, now);
        }

        void done(long bytes, long events) {
            draw(bytes, events, System.nanoTime());
            err.println();
            err.flush();
        }

        private void draw(long bytes, long events, long now) {
            int percent = total <= 0 ? 100 : (int) Math.min(100, bytes * 100 / total);
            int filled = percent * WIDTH / 100;
            double seconds = Math.max(1e-3, (now - started) / 1e9);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %,d events  %,.0f events/s", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), percent, events, events / seconds));
            err.flush();
        }
    }
}
