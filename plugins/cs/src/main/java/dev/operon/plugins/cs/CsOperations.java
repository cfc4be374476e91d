package dev.operon.plugins.cs;

import dev.operon.plugins.cs.conversations.Conversations;
import dev.operon.plugins.cs.conversations.Inbound;
import dev.operon.plugins.cs.knowledge.ArticleIndex;
import dev.operon.plugins.cs.knowledge.KnowledgeBase;
import dev.operon.plugins.cs.knowledge.MarkdownArticles;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.plugins.cs.understanding.PiiRedactor;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every operation of the plugin ({@code /api/v1/plugins/cs/operations/<name>}). */
public final class CsOperations {

    public record ConversationRef(@NotNull Long conversationId) {
    }

    public record ReplyInput(@NotNull Long conversationId, @NotBlank String text) {
    }

    public record MacroInput(@NotNull Long conversationId, @NotBlank String name) {
    }

    public record AssignInput(@NotNull Long conversationId, String operator) {
    }

    public record CsatInput(@NotNull Long conversationId, @NotNull @Min(1) @Max(5) Integer score, String comment) {
    }

    public record CorrectionInput(@NotNull Long conversationId, @NotBlank @Size(max = 100) String label) {
    }

    public record InboxInput(String state, @Min(1) @Max(1000) Integer limit) {
    }

    public record OperatorInput(@NotBlank @Size(max = 100) String name, @NotNull @Min(0) @Max(1000) Integer capacity,
                                Boolean active) {
    }

    public record CannedInput(@NotBlank @Size(max = 100) String name, @NotBlank String text, String intent,
                              Boolean resolve) {
    }

    public record ArticleInput(Long id, @NotBlank @Size(max = 300) String title, @NotBlank String body,
                               String intent) {
    }

    public record ArticleRef(@NotNull Long id) {
    }

    public record MarkdownInput(@NotBlank String markdown) {
    }

    public record SearchInput(@NotBlank String text, @Min(1) @Max(50) Integer limit) {
    }

    public record Example(@NotBlank String text, @NotBlank @Size(max = 100) String label) {
    }

    public record ExamplesInput(@NotEmpty @Size(max = 100_000) List<@Valid @NotNull Example> examples) {
    }

    public record Empty() {
    }

    private CsOperations() {
    }

    public static List<Operation<?, ?>> all(Conversations conversations, KnowledgeBase knowledge) {
        List<Operation<?, ?>> ops = new ArrayList<>();
        ops.add(Operation.action("receive-message", "Receive a customer message", Inbound.Message.class,
                Inbound.Result.class, conversations::receive).withoutInputInAudit());
        ops.add(Operation.action("webhook", "Generic inbound webhook (channel, customer id, text, language)",
                Inbound.Message.class, Inbound.Result.class, conversations::receive).withoutInputInAudit());
        ops.add(Operation.query("inbox", "Inbox: open conversations with intent, confidence and SLA timers",
                InboxInput.class, List.class, (ctx, in) -> conversations.inbox(ctx, in.state(),
                        in.limit() == null ? 200 : in.limit())));
        ops.add(Operation.query("conversation", "A conversation with suggested replies", ConversationRef.class,
                Map.class,
                (ctx, in) -> conversations.view(ctx, in.conversationId())));
        ops.add(Operation.action("reply", "Reply as an operator", ReplyInput.class, Map.class,
                (ctx, in) -> conversations.reply(ctx, in.conversationId(), in.text())).withoutInputInAudit());
        ops.add(Operation.action("apply-macro", "Apply a canned response or macro", MacroInput.class, Map.class,
                (ctx, in) -> conversations.applyMacro(ctx, in.conversationId(), in.name())));
        ops.add(Operation.action("assign", "Assign to an operator (round robin when none is named)", AssignInput.class,
                Map.class, (ctx, in) -> conversations.assign(ctx, in.conversationId(), in.operator())));
        ops.add(Operation.action("resolve", "Resolve a conversation", ConversationRef.class, Map.class,
                (ctx, in) -> conversations.resolve(ctx, in.conversationId())));
        ops.add(Operation.action("rate", "Record the customer's satisfaction (CSAT 1-5) after resolution",
                CsatInput.class,
                Map.class, (ctx, in) -> conversations.rate(ctx, in.conversationId(), in.score(),
                        in.comment())).withoutInputInAudit());
        ops.add(Operation.action("correct-intent", "Correct a conversation's intent (becomes training data)",
                CorrectionInput.class, Map.class,
                (ctx, in) -> conversations.correctIntent(ctx, in.conversationId(), in.label())));
        ops.add(Operation.action("put-operator", "Add or change an operator and their capacity", OperatorInput.class,
                Map.class, CsOperations::putOperator).withRole(Operation.Role.ADMIN));
        ops.add(Operation.query("operators", "Operators with their open conversations", Empty.class, List.class,
                (ctx, in) -> {
                    try (Connection c = ctx.data().dataSource().getConnection()) {
                        return Sql.rows(c, "SELECT o.name, o.capacity, o.active, o.last_assigned_at, (SELECT count(*)"
                                + " FROM cs_conversation v WHERE v.operator = o.name AND v.state = 'human') AS open"
                                + " FROM cs_operator o ORDER BY o.name");
                    }
                }));
        ops.add(Operation.action("put-canned-response", "Add or change a canned response or macro", CannedInput.class,
                Map.class, CsOperations::putCanned));
        ops.add(Operation.query("canned-responses", "Canned responses and macros", Empty.class, List.class, (ctx,
                in) -> {
            try (Connection c = ctx.data().dataSource().getConnection()) {
                return Sql.rows(c, "SELECT name, text, intent, resolve, updated_at FROM cs_canned_response"
                        + " ORDER BY name");
            }
        }));
        ops.add(Operation.action("put-article", "Create or change a knowledge-base article", ArticleInput.class,
                Map.class,
                (ctx, in) -> {
                    Map<String, Object> before = null;
                    if (in.id() != null) {
                        try (Connection c = ctx.data().dataSource().getConnection()) {
                            before = KnowledgeBase.get(c, in.id());
                        }
                    }
                    Map<String, Object> after = knowledge.put(ctx.data(), in.id(), in.title(), in.body(),
                            in.intent());
                    ctx.audit(before, after);
                    return after;
                }));
        ops.add(Operation.action("delete-article", "Delete a knowledge-base article", ArticleRef.class, Map.class,
                (ctx, in) -> {
                    Map<String, Object> before = knowledge.delete(ctx.data(), in.id());
                    ctx.audit(before, null);
                    return before;
                }));
        ops.add(Operation.action("import-articles", "Import articles from Markdown (one per # or ## heading)",
                MarkdownInput.class, Map.class, (ctx, in) -> {
                    List<MarkdownArticles.Parsed> parsed = MarkdownArticles.parse(in.markdown());
                    if (parsed.isEmpty()) {
                        throw OperationException.invalid(List.of(new OperationException.FieldError("markdown",
                                "has no article: each starts with a '# ' or '## ' heading followed by text")));
                    }
                    List<Object> ids = new ArrayList<>();
                    for (MarkdownArticles.Parsed p : parsed) {
                        ids.add(knowledge.put(ctx.data(), null, p.title(), p.body(), p.intent()).get("id"));
                    }
                    Map<String, Object> out = Map.of("imported", ids.size(), "ids", ids);
                    ctx.audit(null, out);
                    return out;
                }));
        ops.add(Operation.query("articles", "Knowledge-base articles", Empty.class, List.class, (ctx, in) -> {
            try (Connection c = ctx.data().dataSource().getConnection()) {
                return Sql.rows(c, "SELECT id, title, intent, language, length(body) AS body_length, updated_at"
                        + " FROM cs_article ORDER BY id");
            }
        }));
        ops.add(Operation.query("article", "One knowledge-base article", ArticleRef.class, Map.class, (ctx, in) -> {
            try (Connection c = ctx.data().dataSource().getConnection()) {
                return KnowledgeBase.get(c, in.id());
            }
        }));
        ops.add(Operation.query("search-articles", "Semantic search over the knowledge base", SearchInput.class,
                List.class, (ctx, in) -> {
                    List<ArticleIndex.Hit> hits = knowledge.search(ctx.data(), PiiRedactor.redact(in.text()),
                            in.limit() == null ? 5 : in.limit(), null);
                    return hits;
                }));
        ops.add(Operation.action("add-training-examples", "Add labelled messages for the intent classifier",
                ExamplesInput.class, Map.class, (ctx, in) -> {
                    int added = ctx.data().inTransaction(c -> {
                        for (Example e : in.examples()) {
                            Sql.update(c, "INSERT INTO cs_training_example (text, label, source) VALUES (?, ?,"
                                    + " 'import')", PiiRedactor.redact(e.text().strip()), e.label().strip());
                        }
                        return in.examples().size();
                    });
                    Map<String, Object> out = Map.of("added", added);
                    ctx.audit(null, out);
                    return out;
                }).withoutInputInAudit());
        ops.add(Operation.query("model-metrics", "The intent model: champion, validation accuracy, training data",
                Empty.class, Map.class, CsOperations::modelMetrics));
        ops.add(Operation.query("confusion-matrix", "Confusions of the latest intent training on its validation rows",
                Empty.class, List.class, CsOperations::confusion));
        return List.copyOf(ops);
    }

    private static Map<String, Object> putOperator(dev.operon.sdk.operation.OperationContext ctx, OperatorInput in)
            throws Exception {
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> before = Sql.row(c, "SELECT name, capacity, active FROM cs_operator WHERE name = ?",
                    in.name().strip());
            Sql.update(c, "INSERT INTO cs_operator (name, capacity, active) VALUES (?, ?, ?) ON CONFLICT (name)"
                    + " DO UPDATE SET capacity = excluded.capacity, active = excluded.active", in.name().strip(),
                    in.capacity(), in.active() == null || in.active());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("before", before);
            r.put("after", Sql.row(c, "SELECT name, capacity, active FROM cs_operator WHERE name = ?",
                    in.name().strip()));
            return r;
        });
        ctx.audit(out.get("before"), out.get("after"));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) out.get("after");
        return after;
    }

    private static Map<String, Object> putCanned(dev.operon.sdk.operation.OperationContext ctx, CannedInput in)
            throws Exception {
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> before = Sql.row(c, "SELECT name, text, intent, resolve FROM cs_canned_response"
                    + " WHERE name = ?", in.name().strip());
            Sql.update(c, "INSERT INTO cs_canned_response (name, text, intent, resolve) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET text = excluded.text, intent = excluded.intent,"
                    + " resolve = excluded.resolve, updated_at = now()", in.name().strip(), in.text(),
                    in.intent() == null || in.intent().isBlank() ? null : in.intent().strip(),
                    Boolean.TRUE.equals(in.resolve()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("before", before);
            r.put("after", Sql.row(c, "SELECT name, text, intent, resolve FROM cs_canned_response WHERE name = ?",
                    in.name().strip()));
            return r;
        });
        ctx.audit(out.get("before"), out.get("after"));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) out.get("after");
        return after;
    }

    private static Map<String, Object> modelMetrics(dev.operon.sdk.operation.OperationContext ctx, Empty in)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        ModelVersion champion = ctx.models().champion(IntentModelType.ID).orElse(null);
        out.put("championVersion", champion == null ? null : champion.version());
        out.put("championAccuracy", champion == null ? null
                : champion.validationMetrics().get(IntentModelType.ACCURACY));
        try (Connection c = ctx.data().dataSource().getConnection()) {
            out.put("trainingExamples", Sql.row(c, "SELECT count(*) AS n FROM cs_training_example").get("n"));
            out.put("corrections", Sql.row(c, "SELECT count(*) AS n FROM cs_training_example"
                    + " WHERE source = 'correction'").get("n"));
            Map<String, Object> last = Sql.row(c, "SELECT run_id, trained_at, examples, labels, validation_rows,"
                    + " validation_accuracy, threshold FROM cs_training_run ORDER BY trained_at DESC LIMIT 1");
            out.put("lastTraining", last);
            out.put("automaticReplies", Sql.row(c, "SELECT count(*) AS n FROM cs_message WHERE author = 'bot'")
                    .get("n"));
            out.put("csatAverage", Sql.row(c, "SELECT avg(csat)::float8 AS a FROM cs_conversation").get("a"));
        }
        return out;
    }

    private static List<Map<String, Object>> confusion(dev.operon.sdk.operation.OperationContext ctx, Empty in)
            throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = ctx.data().dataSource().getConnection()) {
            Map<String, Object> last = Sql.row(c, "SELECT confusion FROM cs_training_run ORDER BY trained_at DESC"
                    + " LIMIT 1");
            if (last == null || ((String) last.get("confusion")).isEmpty()) {
                return rows;
            }
            for (String line : ((String) last.get("confusion")).split("\n")) {
                String[] f = line.split("\t");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trueIntent", f[0]);
                row.put("predictedIntent", f[1]);
                row.put("count", Integer.parseInt(f[2]));
                row.put("correct", f[0].equals(f[1]));
                rows.add(row);
            }
        }
        // mistakes first, most frequent first: what an operator looks for
        rows.sort((a, b) -> a.get("correct").equals(b.get("correct"))
                ? Integer.compare((Integer) b.get("count"), (Integer) a.get("count"))
                : Boolean.compare((Boolean) a.get("correct"), (Boolean) b.get("correct")));
        return rows;
    }
}
