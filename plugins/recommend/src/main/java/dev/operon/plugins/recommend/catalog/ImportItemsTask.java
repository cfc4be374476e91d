package dev.operon.plugins.recommend.catalog;

import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * {@code recommend.import-items}: imports a catalogue file from a path on the node that runs the task (CSV or JSON
 * Lines, by the format given or the file's extension), all or nothing like the {@code import-items} operation.
 */
public final class ImportItemsTask implements TaskType<ImportItemsTask.Input, CatalogOperations.ImportResult> {

    private final CatalogCache cache;

    public ImportItemsTask(CatalogCache cache) {
        this.cache = cache;
    }

    /**
     * @param path   the file on the node running the task
     * @param format {@code csv} or {@code jsonl}; by default from the extension ({@code .csv}, {@code .jsonl},
     *               {@code .ndjson})
     */
    public record Input(@NotBlank @Size(max = 4000) String path, String format) {
    }

    @Override
    public String id() {
        return "recommend.import-items";
    }

    @Override
    public String title() {
        return "Import catalogue items from a file";
    }

    @Override
    public String description() {
        return "Adds or replaces items from a CSV or JSON Lines file; a file with any bad record changes nothing.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<CatalogOperations.ImportResult> outputType() {
        return CatalogOperations.ImportResult.class;
    }

    @Override
    public CatalogOperations.ImportResult run(TaskContext context, Input input) throws Exception {
        Path path = Path.of(input.path());
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String formatName = input.format() != null && !input.format().isBlank() ? input.format()
                : name.substring(name.lastIndexOf('.') + 1);
        ItemFile.Format format = ItemFile.Format.parse(formatName);
        if (format == null) {
            throw new PermanentTaskFailure("format of " + path + " unknown: give format csv or jsonl");
        }
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PermanentTaskFailure("cannot read " + path + ": " + e.getMessage());
        }
        context.progress(10, "checking " + path);
        ItemFile.Parsed parsed = ItemFile.parse(content, format);
        if (!parsed.ok()) {
            parsed.problems().forEach(p -> context.log().warn(path + " " + p));
            throw new PermanentTaskFailure(parsed.problemCount() + " bad record(s) in " + path
                    + ", nothing was imported: " + parsed.problems().stream().limit(5).map(Object::toString)
                    .collect(Collectors.joining("; ")));
        }
        context.checkCancelled();
        context.progress(50, "writing " + parsed.items().size() + " items");
        ItemStore store = new ItemStore(context.data());
        int written = store.upsertAll(parsed.items());
        cache.invalidate();
        context.log().info("imported " + written + " items from " + path);
        return new CatalogOperations.ImportResult(written, store.count());
    }
}
