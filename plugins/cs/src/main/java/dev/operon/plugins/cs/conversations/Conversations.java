package dev.operon.plugins.cs.conversations;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.knowledge.ArticleIndex;
import dev.operon.plugins.cs.knowledge.KnowledgeBase;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.plugins.cs.understanding.IntentPrediction;
import dev.operon.plugins.cs.understanding.Language;
import dev.operon.plugins.cs.understanding.MessageSignals;
import dev.operon.plugins.cs.understanding.PiiRedactor;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conversations: the inbound path (understand, answer automatically or hand off), operator replies, macros,
 * assignment, resolution, CSAT and intent corrections. Every text is redacted ({@link PiiRedactor}) before it is
 * stored; nothing here logs message text.
 */
public final class Conversations {

    private final KnowledgeBase knowledge;

    public Conversations(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /** A customer's message: stored, understood, then answered from the knowledge base or handed to a human. */
    public Inbound.Result receive(OperationContext ctx, Inbound.Message in) throws Exception {
        String raw = checkedText(ctx, in.text(), "text");
        String language = language(in.language(), raw);
        String text = PiiRedactor.redact(raw);
        MessageSignals signals = MessageSignals.of(raw);

        Integer version = null;
        IntentPrediction prediction = null;
        try {
            version = ctx.models().champion(IntentModelType.ID).map(ModelVersion::version).orElse(null);
            if (version != null) {
                prediction = ctx.models().predict(IntentModelType.ID, text);
            }
        } catch (ModelUnavailableException e) {
            prediction = null;
        }
        String intent = prediction == null ? null : prediction.label();
        List<ArticleIndex.Hit> hits = knowledge.search(ctx.data(), text, 3, intent);
        Long profileId = ctx.profiles().resolve(in.customerId().strip()).map(Profile::id).orElse(null);
        String reason = handoffReason(ctx, signals, prediction, hits);
        final Integer modelVersion = version;
        final IntentPrediction predicted = prediction;

        Map<String, Object> audit = new LinkedHashMap<>();
        String delivery = ReplyDelivery.initialState(ctx);
        long[] replyId = {0};
        Inbound.Result result = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = openConversation(ctx, c, in, language, profileId, signals.urgent());
            long id = ((Number) conversation.get("id")).longValue();
            if (in.externalId() != null && Sql.row(c, "SELECT 1 FROM cs_message WHERE conversation_id = ?"
                    + " AND external_id = ?", id, in.externalId()) != null) {
                return new Inbound.Result(id, (String) conversation.get("state"), (String) conversation.get("intent"),
                        (Double) conversation.get("confidence"), (Integer) conversation.get("modelVersion"), 0, false,
                        false, null, null, (String) conversation.get("operator"), List.of(), true);
            }
            audit.put("before", conversation.get("new") == Boolean.TRUE ? null : summary(conversation));
            String why = "human".equals(conversation.get("state")) ? "a human already handles the conversation"
                    : reason;
            Sql.update(c, "INSERT INTO cs_message (conversation_id, direction, author, text, external_id, intent,"
                    + " confidence) VALUES (?, 'in', 'customer', ?, ?, ?, ?)", id, text, in.externalId(),
                    predicted == null ? null : predicted.label(), predicted == null ? null : predicted.confidence());
            String reply = null;
            String operator = (String) conversation.get("operator");
            String state;
            if (why == null) {
                reply = (String) KnowledgeBase.get(c, hits.get(0).id()).get("body");
                replyId[0] = Sql.insert(c, "INSERT INTO cs_message (conversation_id, direction, author, text,"
                        + " delivery) VALUES (?, 'out', 'bot', ?, ?) RETURNING id", id, reply, delivery);
                Sql.update(c, "UPDATE cs_conversation SET first_response_at = coalesce(first_response_at, now())"
                        + " WHERE id = ?", id);
                state = "bot";
            } else {
                state = "human";
                Sql.update(c, "UPDATE cs_conversation SET state = 'human', handoff_reason = ? WHERE id = ?", why, id);
                if (operator == null) {
                    operator = Assignment.assign(c, id);
                }
            }
            Sql.update(c, "UPDATE cs_conversation SET intent = ?, confidence = ?, model_version = ?, sentiment = ?,"
                    + " angry = angry OR ?, urgent = urgent OR ?, updated_at = now() WHERE id = ?",
                    predicted == null ? null : predicted.label(), predicted == null ? null : predicted.confidence(),
                    modelVersion, signals.sentiment(), signals.angry(), signals.urgent(), id);
            return new Inbound.Result(id, state, predicted == null ? null : predicted.label(),
                    predicted == null ? null : predicted.confidence(), modelVersion, signals.sentiment(),
                    signals.angry(), signals.urgent(), reply, why, operator,
                    hits.stream().map(h -> new Inbound.Suggestion(h.id(), h.title(), h.intent(), h.similarity()))
                            .toList(), false);
        });
        if (!result.duplicate()) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("conversationId", result.conversationId());
            after.put("state", result.state());
            after.put("intent", result.intent());
            after.put("confidence", result.confidence());
            after.put("modelVersion", result.modelVersion());
            after.put("automaticReply", result.reply() != null);
            if (result.reply() != null) {
                after.put("articleId", hits.get(0).id());
            }
            after.put("handoffReason", result.handoffReason());
            after.put("operator", result.operator());
            after.put("angry", result.angry());
            after.put("urgent", result.urgent());
            ctx.audit(audit.get("before"), after);
            ctx.metrics().increment("messages.received", 1, "channel", in.channel().strip());
            ctx.metrics().increment(result.reply() != null ? "replies.automatic" : "handoffs", 1);
        }
        if (replyId[0] > 0 && delivery != null) {
            ReplyDelivery.attempt(ctx, replyId[0]);
        }
        return result;
    }

    private String handoffReason(OperationContext ctx, MessageSignals signals, IntentPrediction prediction,
                                 List<ArticleIndex.Hit> hits) {
        double minConfidence = ctx.config().getDouble(CsConfig.AUTO_REPLY_MIN_CONFIDENCE);
        double minSimilarity = ctx.config().getDouble(CsConfig.ANSWER_MIN_SIMILARITY);
        if (signals.angry() && !ctx.config().getBoolean(CsConfig.AUTO_REPLY_TO_ANGRY)) {
            return "the message reads as angry";
        }
        if (signals.urgent() && !ctx.config().getBoolean(CsConfig.AUTO_REPLY_TO_URGENT)) {
            return "the message reads as urgent";
        }
        if (prediction == null) {
            return "no intent model has been trained yet";
        }
        if (IntentModel.OUT_OF_SCOPE.equals(prediction.label())) {
            return "the message fits no known intent";
        }
        if (prediction.confidence() < minConfidence) {
            return String.format(Locale.ROOT, "low confidence: %.2f for %s, %.2f needed", prediction.confidence(),
                    prediction.label(), minConfidence);
        }
        if (hits.isEmpty() || hits.get(0).similarity() < minSimilarity) {
            return "no knowledge-base article answers it";
        }
        return null;
    }

    private static Map<String, Object> openConversation(OperationContext ctx, Connection c, Inbound.Message in,
                                                        String language, Long profileId, boolean urgent)
            throws SQLException {
        Map<String, Object> conversation;
        if (in.conversationId() != null) {
            conversation = Sql.row(c, "SELECT * FROM cs_conversation WHERE id = ? FOR UPDATE", in.conversationId());
            if (conversation == null) {
                throw OperationException.notFound("no conversation " + in.conversationId());
            }
            if (!conversation.get("customerId").equals(in.customerId().strip())) {
                throw new OperationException(409, "conversation " + in.conversationId()
                        + " belongs to another customer");
            }
            if ("resolved".equals(conversation.get("state"))) {
                SlaPolicy policy = SlaPolicy.of(ctx.config(), urgent);
                Sql.update(c, "UPDATE cs_conversation SET state = 'bot', resolved_at = NULL, csat = NULL,"
                        + " resolution_due = ?, resolution_breach = NULL WHERE id = ?",
                        policy.resolutionDue(Instant.now()), in.conversationId());
                conversation = Sql.row(c, "SELECT * FROM cs_conversation WHERE id = ?", in.conversationId());
            }
        } else {
            conversation = Sql.row(c, "SELECT * FROM cs_conversation WHERE channel = ? AND customer_id = ?"
                    + " AND state <> 'resolved' ORDER BY id DESC LIMIT 1 FOR UPDATE", in.channel().strip(),
                    in.customerId().strip());
        }
        if (conversation == null) {
            SlaPolicy policy = SlaPolicy.of(ctx.config(), urgent);
            Instant now = Instant.now();
            long id = Sql.insert(c, "INSERT INTO cs_conversation (channel, customer_id, profile_id, language, state,"
                    + " first_response_due, resolution_due) VALUES (?, ?, ?, ?, 'bot', ?, ?) RETURNING id",
                    in.channel().strip(), in.customerId().strip(), profileId, language,
                    policy.firstResponseDue(now), policy.resolutionDue(now));
            conversation = Sql.row(c, "SELECT * FROM cs_conversation WHERE id = ?", id);
            conversation.put("new", true);
            return conversation;
        }
        if (urgent) {
            // an urgent message tightens the SLA of a conversation opened under the standard one
            SlaPolicy policy = SlaPolicy.of(ctx.config(), true);
            Sql.update(c, "UPDATE cs_conversation SET first_response_due = least(first_response_due, ?),"
                    + " resolution_due = least(resolution_due, ?) WHERE id = ?",
                    policy.firstResponseDue(Instant.now()), policy.resolutionDue(Instant.now()), conversation.get("id"));
        }
        if (profileId != null && conversation.get("profileId") == null) {
            Sql.update(c, "UPDATE cs_conversation SET profile_id = ? WHERE id = ?", profileId, conversation.get("id"));
        }
        return conversation;
    }

    /** An operator's answer. */
    public Map<String, Object> reply(OperationContext ctx, long conversationId, String rawText) throws Exception {
        String text = PiiRedactor.redact(checkedText(ctx, rawText, "text"));
        String delivery = ReplyDelivery.initialState(ctx);
        long[] replyId = {0};
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = lockOpen(c, conversationId);
            replyId[0] = Sql.insert(c, "INSERT INTO cs_message (conversation_id, direction, author, text, delivery)"
                    + " VALUES (?, 'out', ?, ?, ?) RETURNING id", conversationId, ctx.actor(), text, delivery);
            Sql.update(c, "UPDATE cs_conversation SET state = 'human', first_response_at = coalesce(first_response_at,"
                    + " now()), updated_at = now() WHERE id = ?", conversationId);
            return Map.of("before", summary(conversation), "after", summary(conversation(c, conversationId)));
        });
        ctx.audit(out.get("before"), out.get("after"));
        if (delivery != null) {
            ReplyDelivery.attempt(ctx, replyId[0]);
        }
        return view(ctx, conversationId);
    }

    /** Applies a canned response: sends its text and, for a macro that resolves, resolves the conversation. */
    public Map<String, Object> applyMacro(OperationContext ctx, long conversationId, String name) throws Exception {
        Map<String, Object> canned;
        try (Connection c = ctx.data().dataSource().getConnection()) {
            canned = Sql.row(c, "SELECT name, text, resolve FROM cs_canned_response WHERE name = ?", name);
        }
        if (canned == null) {
            throw OperationException.notFound("no canned response '" + name + "'");
        }
        reply(ctx, conversationId, (String) canned.get("text"));
        if (Boolean.TRUE.equals(canned.get("resolve"))) {
            resolve(ctx, conversationId);
        }
        return view(ctx, conversationId);
    }

    /** Marks the conversation resolved. */
    public Map<String, Object> resolve(OperationContext ctx, long conversationId) throws Exception {
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = lockOpen(c, conversationId);
            Sql.update(c, "UPDATE cs_conversation SET state = 'resolved', resolved_at = now(), updated_at = now()"
                    + " WHERE id = ?", conversationId);
            Assignment.assignWaiting(c);
            return Map.of("before", summary(conversation), "after", summary(conversation(c, conversationId)));
        });
        ctx.audit(out.get("before"), out.get("after"));
        ctx.metrics().increment("conversations.resolved", 1);
        return view(ctx, conversationId);
    }

    /** The customer's satisfaction score (1 to 5) for a resolved conversation, once. */
    public Map<String, Object> rate(OperationContext ctx, long conversationId, int score, String comment)
            throws Exception {
        String clean = comment == null ? null : PiiRedactor.redact(checkedText(ctx, comment, "comment"));
        Map<String, Object> after = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = lock(c, conversationId);
            if (!"resolved".equals(conversation.get("state"))) {
                throw new OperationException(409, "conversation " + conversationId
                        + " is not resolved: CSAT is asked after resolution");
            }
            if (conversation.get("csat") != null) {
                throw new OperationException(409, "conversation " + conversationId + " was already rated");
            }
            Sql.update(c, "UPDATE cs_conversation SET csat = ?, csat_comment = ?, updated_at = now() WHERE id = ?",
                    score, clean, conversationId);
            return summary(conversation(c, conversationId));
        });
        ctx.audit(null, after);
        ctx.metrics().record("csat", score);
        return after;
    }

    /** Assigns to {@code operator}, or round robin when null. */
    public Map<String, Object> assign(OperationContext ctx, long conversationId, String operator) throws Exception {
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = lockOpen(c, conversationId);
            String chosen;
            if (operator == null || operator.isBlank()) {
                Sql.update(c, "UPDATE cs_conversation SET operator = NULL WHERE id = ?", conversationId);
                Sql.update(c, "UPDATE cs_conversation SET state = 'human' WHERE id = ?", conversationId);
                chosen = Assignment.assign(c, conversationId);
                if (chosen == null) {
                    throw new OperationException(409, "every active operator is at capacity");
                }
            } else {
                Map<String, Object> row = Sql.row(c, "SELECT o.capacity, o.active, (SELECT count(*) FROM"
                        + " cs_conversation v WHERE v.operator = o.name AND v.state = 'human' AND v.id <> ?) AS open"
                        + " FROM cs_operator o WHERE o.name = ? FOR UPDATE OF o", conversationId, operator);
                if (row == null) {
                    throw OperationException.notFound("no operator '" + operator + "'");
                }
                if (!Boolean.TRUE.equals(row.get("active"))
                        || ((Number) row.get("open")).intValue() >= ((Number) row.get("capacity")).intValue()) {
                    throw new OperationException(409, "operator '" + operator + "' is inactive or at capacity");
                }
                Sql.update(c, "UPDATE cs_conversation SET operator = ?, state = 'human', updated_at = now()"
                        + " WHERE id = ?", operator, conversationId);
                chosen = operator;
            }
            return Map.of("before", summary(conversation), "after", summary(conversation(c, conversationId)));
        });
        ctx.audit(out.get("before"), out.get("after"));
        return view(ctx, conversationId);
    }

    /** An operator's correction of a conversation's intent: it becomes a training example. */
    public Map<String, Object> correctIntent(OperationContext ctx, long conversationId, String label) throws Exception {
        String clean = label.strip();
        Map<String, Object> out = ctx.data().inTransaction(c -> {
            Map<String, Object> conversation = lock(c, conversationId);
            Map<String, Object> message = Sql.row(c, "SELECT text FROM cs_message WHERE conversation_id = ?"
                    + " AND direction = 'in' ORDER BY id LIMIT 1", conversationId);
            if (message == null) {
                throw new OperationException(409, "conversation " + conversationId + " has no customer message");
            }
            long example = Sql.insert(c, "INSERT INTO cs_training_example (text, label, source, conversation_id,"
                    + " corrected_by) VALUES (?, ?, 'correction', ?, ?) RETURNING id", message.get("text"), clean,
                    conversationId, ctx.actor());
            Sql.update(c, "UPDATE cs_conversation SET intent = ?, updated_at = now() WHERE id = ?", clean,
                    conversationId);
            Map<String, Object> after = new LinkedHashMap<>(summary(conversation(c, conversationId)));
            after.put("trainingExampleId", example);
            after.put("previousIntent", conversation.get("intent"));
            return Map.of("before", summary(conversation), "after", after);
        });
        ctx.audit(out.get("before"), out.get("after"));
        ctx.metrics().increment("intent.corrections", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) out.get("after");
        return after;
    }

    /** The conversation with its messages, suggested articles and canned responses for its intent. */
    public Map<String, Object> view(OperationContext ctx, long conversationId) throws Exception {
        Map<String, Object> out;
        String lastInbound;
        try (Connection c = ctx.data().dataSource().getConnection()) {
            out = conversation(c, conversationId);
            if (out == null) {
                throw OperationException.notFound("no conversation " + conversationId);
            }
            out.put("messages", Sql.rows(c, "SELECT id, direction, author, text, intent, confidence, created_at,"
                    + " delivery, delivery_attempts, delivery_detail, delivered_at FROM cs_message"
                    + " WHERE conversation_id = ? ORDER BY id", conversationId));
            Map<String, Object> last = Sql.row(c, "SELECT text FROM cs_message WHERE conversation_id = ?"
                    + " AND direction = 'in' ORDER BY id DESC LIMIT 1", conversationId);
            lastInbound = last == null ? null : (String) last.get("text");
            out.put("cannedResponses", Sql.rows(c, "SELECT name, text, resolve FROM cs_canned_response"
                    + " WHERE intent IS NULL OR intent = ? ORDER BY intent NULLS LAST, name", out.get("intent")));
        }
        List<Map<String, Object>> articles = new ArrayList<>();
        if (lastInbound != null) {
            for (ArticleIndex.Hit hit : knowledge.search(ctx.data(), lastInbound, 3, (String) out.get("intent"))) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("articleId", hit.id());
                a.put("title", hit.title());
                a.put("intent", hit.intent());
                a.put("similarity", hit.similarity());
                articles.add(a);
            }
        }
        out.put("suggestedArticles", articles);
        return out;
    }

    /** Open conversations (or those in one state), with SLA timers, oldest first. */
    public List<Map<String, Object>> inbox(OperationContext ctx, String state, int limit) throws Exception {
        String filter = state == null || state.isBlank() || state.equals("open") ? "state <> 'resolved'"
                : "state = ?";
        try (Connection c = ctx.data().dataSource().getConnection()) {
            String sql = "SELECT id, channel, customer_id, state, intent, confidence, sentiment, angry, urgent,"
                    + " operator, handoff_reason, first_response_due, resolution_due, first_response_at,"
                    + " round(extract(epoch FROM (first_response_due - now())) / 60) AS first_response_minutes_left,"
                    + " round(extract(epoch FROM (resolution_due - now())) / 60) AS resolution_minutes_left,"
                    + " (first_response_breach IS NOT NULL OR resolution_breach IS NOT NULL) AS breached, created_at"
                    + " FROM cs_conversation WHERE " + filter + " ORDER BY urgent DESC, created_at, id LIMIT ?";
            return filter.contains("?") ? Sql.rows(c, sql, state, limit) : Sql.rows(c, sql, limit);
        }
    }

    private static Map<String, Object> conversation(Connection c, long id) throws SQLException {
        return Sql.row(c, "SELECT id, channel, customer_id, profile_id, language, state, intent, confidence,"
                + " model_version, sentiment, angry, urgent, handoff_reason, operator, first_response_due,"
                + " resolution_due, first_response_at, resolved_at, first_response_breach, resolution_breach, csat,"
                + " created_at FROM cs_conversation WHERE id = ?", id);
    }

    private static Map<String, Object> lock(Connection c, long id) throws SQLException {
        Map<String, Object> row = Sql.row(c, "SELECT * FROM cs_conversation WHERE id = ? FOR UPDATE", id);
        if (row == null) {
            throw OperationException.notFound("no conversation " + id);
        }
        return row;
    }

    private static Map<String, Object> lockOpen(Connection c, long id) throws SQLException {
        Map<String, Object> row = lock(c, id);
        if ("resolved".equals(row.get("state"))) {
            throw new OperationException(409, "conversation " + id + " is resolved");
        }
        return row;
    }

    private static Map<String, Object> summary(Map<String, Object> conversation) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String key : List.of("id", "state", "intent", "confidence", "modelVersion", "operator", "csat")) {
            s.put(key, conversation.get(key));
        }
        return s;
    }

    private static String checkedText(OperationContext ctx, String text, String field) {
        if (text == null || text.isBlank()) {
            throw OperationException.invalid(List.of(new OperationException.FieldError(field, "must not be blank")));
        }
        int max = ctx.config().getInt(CsConfig.MAX_MESSAGE_LENGTH);
        if (text.length() > max) {
            throw OperationException.invalid(List.of(new OperationException.FieldError(field, "has " + text.length()
                    + " characters, at most " + max + " are accepted")));
        }
        return text.strip();
    }

    private static String language(String given, String text) {
        if (given != null && !given.isBlank()) {
            Language known = Language.ofCode(given);
            return known != null ? known.code() : given.strip().toLowerCase(Locale.ROOT);
        }
        return Language.detect(text).code();
    }
}
