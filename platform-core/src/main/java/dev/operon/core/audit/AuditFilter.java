package dev.operon.core.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which audit records a query or an export selects. Absent values select everything; the rest are combined with
 * AND. Every value reaches the database as a bound parameter.
 *
 * @param actorType    wire name of the actor type ({@code operator}, {@code api-key}, ...)
 * @param actorId      exact actor id
 * @param action       exact action, or its prefix when {@code actionPrefix}
 * @param target       exact target, or its prefix when {@code targetPrefix}
 * @param outcome      {@code success}, {@code failure} or {@code denied}
 * @param from         records at or after this time
 * @param to           records strictly before this time
 * @param afterSeq     records with a greater seq
 * @param beforeSeq    records with a smaller seq
 */
public record AuditFilter(String actorType, String actorId, String action, boolean actionPrefix, String target,
                          boolean targetPrefix, String outcome, Instant from, Instant to, Long afterSeq,
                          Long beforeSeq) {

    public static final AuditFilter ALL =
            new AuditFilter(null, null, null, false, null, false, null, null, null, null, null);

    /** Appends {@code and ...} conditions for the set values to {@code sql}, and their values to {@code params}. */
    void appendConditions(StringBuilder sql, List<Object> params) {
        condition(sql, params, "actor_type = ?", actorType);
        condition(sql, params, "actor_id = ?", actorId);
        if (action != null) {
            condition(sql, params, actionPrefix ? "action like ? escape '\\'" : "action = ?",
                    actionPrefix ? likePrefix(action) : action);
        }
        if (target != null) {
            condition(sql, params, targetPrefix ? "target like ? escape '\\'" : "target = ?",
                    targetPrefix ? likePrefix(target) : target);
        }
        condition(sql, params, "outcome = ?", outcome);
        condition(sql, params, "at >= ?", from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        condition(sql, params, "at < ?", to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        condition(sql, params, "seq > ?", afterSeq);
        condition(sql, params, "seq < ?", beforeSeq);
    }

    /** The set values, for the audit record of an export. */
    Map<String, Object> describe() {
        Map<String, Object> set = new LinkedHashMap<>();
        put(set, "actorType", actorType);
        put(set, "actorId", actorId);
        put(set, "action", action == null ? null : actionPrefix ? action + "*" : action);
        put(set, "target", target == null ? null : targetPrefix ? target + "*" : target);
        put(set, "outcome", outcome);
        put(set, "from", from == null ? null : from.toString());
        put(set, "to", to == null ? null : to.toString());
        put(set, "after", afterSeq);
        put(set, "before", beforeSeq);
        return set;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
