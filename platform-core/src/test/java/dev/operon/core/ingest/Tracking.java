package dev.operon.core.ingest;

import static io.restassured.RestAssured.given;

import dev.operon.core.testing.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers: sources made through the admin API, Tracking API calls with a write key, rows read back. */
final class Tracking {

    private Tracking() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD);
    }

    /** A new source; returns its write key. */
    static String newSource() {
        return admin().contentType(ContentType.JSON).body(Map.of("name", unique("src")))
                .post("/api/v1/sources").then().statusCode(201).extract().path("writeKey");
    }

    static RequestSpecification withWriteKey(String key) {
        return given().auth().preemptive().basic(key, "").contentType(ContentType.JSON);
    }

    static Response send(String key, String call, Object body) {
        return withWriteKey(key).body(body).post("/v1/" + call);
    }

    static Map<String, Object> track(String userId, String event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("event", event);
        body.put("properties", Map.of("revenue", 9.5));
        return body;
    }

    /** Rows of {@code sql} as column-name maps. */
    static List<Map<String, Object>> rows(AgroalDataSource dataSource, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A timestamptz column's value as an instant. */
    static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value == null ? null : ((java.time.OffsetDateTime) value).toInstant();
    }

    static long count(AgroalDataSource dataSource, String sql, Object... args) {
        return ((Number) rows(dataSource, sql, args).get(0).values().iterator().next()).longValue();
    }

    static void execute(AgroalDataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
