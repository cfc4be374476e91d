package dev.operon.plugins.recommend.catalog;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue table {@code recommend_item}. Each write is one transaction: all of it or nothing. */
public final class ItemStore {

    private static final String COLUMNS = "item_id, title, category, price, available, properties::text, updated_at";

    private final PluginData data;

    public ItemStore(PluginData data) {
        this.data = data;
    }

    /** Inserts or replaces the items, all in one transaction; returns how many were written. */
    public int upsertAll(List<Item> items) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        data.inTransactionWithoutResult(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO recommend_item (item_id, title, category,"
                    + " price, available, properties, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)"
                    + " ON CONFLICT (item_id) DO UPDATE SET title = excluded.title, category = excluded.category,"
                    + " price = excluded.price, available = excluded.available, properties = excluded.properties,"
                    + " updated_at = excluded.updated_at")) {
                int pending = 0;
                for (Item item : items) {
                    s.setString(1, item.itemId());
                    s.setString(2, item.title());
                    s.setString(3, item.category());
                    if (item.price() == null) {
                        s.setNull(4, Types.DOUBLE);
                    } else {
                        s.setDouble(4, item.price());
                    }
                    s.setBoolean(5, item.available());
                    s.setString(6, Json.write(item.properties()));
                    s.setTimestamp(7, now);
                    s.addBatch();
                    if (++pending == 1000) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                s.executeBatch();
            }
        });
        return items.size();
    }

    public Optional<Item> get(String itemId) throws SQLException {
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recommend_item WHERE item_id = ?")) {
            s.setString(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /**
     * A page of items in id order.
     *
     * @param category  only this category, or null
     * @param available only available (true) or unavailable (false) items, or null for both
     * @param after     only ids after this one (a cursor), or null
     */
    public List<Item> list(String category, Boolean available, String after, int offset, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM recommend_item WHERE true");
        List<Object> args = new ArrayList<>();
        if (category != null) {
            sql.append(" AND category = ?");
            args.add(category);
        }
        if (available != null) {
            sql.append(" AND available = ?");
            args.add(available);
        }
        if (after != null) {
            sql.append(" AND item_id > ?");
            args.add(after);
        }
        sql.append(" ORDER BY item_id OFFSET ? LIMIT ?");
        args.add(offset);
        args.add(limit);
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Item> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r));
                }
            }
            return out;
        }
    }

    /** Every item, for the in-memory catalogue. */
    public List<Item> all() throws SQLException {
        // in a transaction so that the driver streams with a fetch size
        return data.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recommend_item")) {
                s.setFetchSize(5000);
                List<Item> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes an item; returns it as it was, or empty when there was none. */
    public Optional<Item> delete(String itemId) throws SQLException {
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM recommend_item WHERE item_id = ? RETURNING "
                     + COLUMNS)) {
            s.setString(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    public long count() throws SQLException {
        return count("SELECT count(*) FROM recommend_item");
    }

    public long countAvailable() throws SQLException {
        return count("SELECT count(*) FROM recommend_item WHERE available");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static Item read(ResultSet r) throws SQLException {
        double price = r.getDouble(4);
        Double boxed = r.wasNull() ? null : price;
        Object properties = Json.parse(r.getString(6));
        return new Item(r.getString(1), r.getString(2), r.getString(3), boxed, r.getBoolean(5),
                properties instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                r.getTimestamp(7).toInstant());
    }
}
