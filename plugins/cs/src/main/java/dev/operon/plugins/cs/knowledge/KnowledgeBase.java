package dev.operon.plugins.cs.knowledge;

import dev.operon.plugins.cs.support.Sql;
import dev.operon.plugins.cs.understanding.Language;
import dev.operon.plugins.cs.understanding.MessageEncoder;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.operation.OperationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Knowledge-base articles: stored in {@code cs_article} with the embedding of their title and body, searched exactly
 * in the JVM through an {@link ArticleIndex} that is rebuilt when the table changed (checked with one cheap query per
 * search, so every node sees every change). Thread-safe.
 */
public final class KnowledgeBase {

    /** Longest article body accepted, in characters. */
    public static final int MAX_BODY = 50_000;

    private volatile ArticleIndex index = new ArticleIndex(List.of(), "");

    /** The encoder's vector for an article or a query, in its language's own space. */
    public static float[] embed(String text, Language language) {
        return MessageEncoder.shared().encoder(language).encode(text);
    }

    /** Creates ({@code id == null}) or replaces an article; returns it as stored. */
    public Map<String, Object> put(PluginData data, Long id, String title, String body, String intent)
            throws Exception {
        if (title == null || title.isBlank() || body == null || body.isBlank()) {
            throw OperationException.invalid("an article needs a title and a body");
        }
        if (body.length() > MAX_BODY) {
            throw OperationException.invalid("the body has " + body.length() + " characters, at most " + MAX_BODY);
        }
        Language language = Language.detect(title + " " + body);
        float[] vector = embed(title + "\n" + body, language);
        String cleanIntent = intent == null || intent.isBlank() ? null : intent.strip();
        return data.inTransaction(c -> {
            long stored;
            if (id == null) {
                stored = Sql.insert(c, "INSERT INTO cs_article (title, body, intent, language, embedding)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id", title.strip(), body, cleanIntent, language.code(), vector);
            } else {
                int changed = Sql.update(c, "UPDATE cs_article SET title = ?, body = ?, intent = ?, language = ?,"
                        + " embedding = ?, updated_at = clock_timestamp() WHERE id = ?",
                        title.strip(), body, cleanIntent, language.code(), vector, id);
                if (changed == 0) {
                    throw OperationException.notFound("no article " + id);
                }
                stored = id;
            }
            return get(c, stored);
        });
    }

    /** One article without its embedding, or a 404. */
    public static Map<String, Object> get(Connection c, long id) throws SQLException {
        Map<String, Object> row = Sql.row(c, "SELECT id, title, body, intent, language, updated_at FROM cs_article"
                + " WHERE id = ?", id);
        if (row == null) {
            throw OperationException.notFound("no article " + id);
        }
        return row;
    }

    /** Deletes an article; 404 when there is none. */
    public Map<String, Object> delete(PluginData data, long id) throws Exception {
        return data.inTransaction(c -> {
            Map<String, Object> before = get(c, id);
            Sql.update(c, "DELETE FROM cs_article WHERE id = ?", id);
            return before;
        });
    }

    /** The articles most similar to {@code text}, best first. */
    public List<ArticleIndex.Hit> search(PluginData data, String text, int k, String intent) throws Exception {
        Language language = Language.detect(text);
        return current(data).search(embed(text, language), language, k, intent, 0.05);
    }

    /** The index, rebuilt first when the table changed since it was built. */
    public ArticleIndex current(PluginData data) throws SQLException {
        try (Connection c = data.dataSource().getConnection()) {
            Map<String, Object> state = Sql.row(c, "SELECT count(*) AS n, coalesce(sum(id), 0) AS ids,"
                    + " max(updated_at) AS at FROM cs_article");
            String version = state.get("n") + "/" + state.get("ids") + "/" + state.get("at");
            ArticleIndex current = index;
            if (current.version().equals(version)) {
                return current;
            }
            synchronized (this) {
                if (index.version().equals(version)) {
                    return index;
                }
                List<ArticleIndex.Entry> entries = new ArrayList<>();
                for (Map<String, Object> row : Sql.rows(c, "SELECT id, title, intent, language, embedding"
                        + " FROM cs_article ORDER BY id")) {
                    Object[] values = (Object[]) row.get("embedding");
                    float[] vector = new float[values.length];
                    for (int i = 0; i < values.length; i++) {
                        vector[i] = ((Number) values[i]).floatValue();
                    }
                    entries.add(new ArticleIndex.Entry(((Number) row.get("id")).longValue(), (String) row.get("title"),
                            (String) row.get("intent"), Language.ofCode((String) row.get("language")), vector));
                }
                index = new ArticleIndex(entries, version);
                return index;
            }
        }
    }
}
