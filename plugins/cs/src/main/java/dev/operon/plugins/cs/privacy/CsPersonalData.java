package dev.operon.plugins.cs.privacy;

import dev.operon.plugins.cs.support.Sql;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer-service part of privacy requests: a subject's conversations (found by profile id, or by customer id
 * equal to one of their user or anonymous ids), their messages, and the training examples made from them. Erasure
 * deletes all three in one transaction; it is idempotent.
 */
public final class CsPersonalData implements PersonalData {

    private static final String SUBJECT = "(profile_id = ANY(?) OR customer_id = ANY(?))";

    @Override
    public Map<String, Object> export(DataSubject subject, PluginData data) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = data.dataSource().getConnection()) {
            List<Map<String, Object>> conversations = Sql.rows(c, "SELECT id, channel, customer_id, profile_id,"
                    + " language, state, intent, confidence, sentiment, operator, csat, csat_comment, created_at,"
                    + " resolved_at FROM cs_conversation WHERE " + SUBJECT + " ORDER BY id", profiles(subject),
                    ids(subject));
            for (Map<String, Object> conversation : conversations) {
                conversation.put("messages", Sql.rows(c, "SELECT direction, author, text, created_at FROM cs_message"
                        + " WHERE conversation_id = ? ORDER BY id", conversation.get("id")));
            }
            if (!conversations.isEmpty()) {
                out.put("conversations", conversations);
            }
            List<Map<String, Object>> examples = Sql.rows(c, "SELECT e.text, e.label, e.created_at"
                    + " FROM cs_training_example e WHERE e.conversation_id IN (SELECT id FROM cs_conversation WHERE "
                    + SUBJECT + ") ORDER BY e.id", profiles(subject), ids(subject));
            if (!examples.isEmpty()) {
                out.put("trainingExamples", examples);
            }
        }
        return out;
    }

    @Override
    public void erase(DataSubject subject, PluginData data) throws Exception {
        data.inTransactionWithoutResult(c -> {
            Sql.update(c, "DELETE FROM cs_training_example WHERE conversation_id IN (SELECT id FROM cs_conversation"
                    + " WHERE " + SUBJECT + ")", profiles(subject), ids(subject));
            Sql.update(c, "DELETE FROM cs_conversation WHERE " + SUBJECT, profiles(subject), ids(subject));
        });
    }

    private static Long[] profiles(DataSubject subject) {
        return subject.profileIds().toArray(new Long[0]);
    }

    private static String[] ids(DataSubject subject) {
        java.util.Set<String> all = new java.util.HashSet<>(subject.userIds());
        all.addAll(subject.anonymousIds());
        return all.toArray(new String[0]);
    }
}
