package dev.operon.core.profiles;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Computes {@link dev.operon.sdk.profiles.ProfileFeatures} in PostgreSQL, for some profiles or for all of them in
 * one pass, from the events that resolve to each profile (through {@code profile_identity}). Events appended by
 * plugins ({@code context.operon.plugin}) count in the per-event windows but not as the user's activity (first and
 * last seen, events, sessions, frequency, monetary), so that a plugin's own events never make a user look active.
 */
@ApplicationScoped
public class FeatureCalculator {

    /** Marks events appended by a plugin: {@code context -> 'operon' ->> 'plugin'} is the plugin id. */
    public static final String PLUGIN_MARK = "context -> 'operon' ->> 'plugin'";

    // %1$s restricts the identities (all, or those of some profiles)
    private static final String SQL = """
            with ids as (
                select kind, value, profile_id from profile_identity %1$s
            ), ev as (
                select i.profile_id as pid, e.ts, e.type, e.name, (e.%2$s) is null as by_user,
                       e.properties -> ? as rev_raw
                  from event e join ids i on i.kind = 'user' and i.value = e.user_id
                union all
                select i.profile_id, e.ts, e.type, e.name, (e.%2$s) is null, e.properties -> ?
                  from event e join ids i on i.kind = 'anonymous' and i.value = e.anonymous_id
                 where e.user_id is null
            ), rev as (
                select pid, ts, type, name, by_user,
                       case when jsonb_typeof(rev_raw) = 'number' then (rev_raw #>> '{}')::double precision
                            when jsonb_typeof(rev_raw) = 'string'
                                 and (rev_raw #>> '{}') ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$'
                            then trim(rev_raw #>> '{}')::double precision end as revenue
                  from ev
            ), act as (
                select pid, ts, revenue,
                       case when lag(ts) over w is null or ts - lag(ts) over w >= ?::interval then 1 else 0 end
                           as starts
                  from rev where by_user
                window w as (partition by pid order by ts)
            ), agg as (
                select pid, min(ts) as first_seen, max(ts) as last_seen, count(*) as events, sum(starts) as sessions,
                       count(revenue) as frequency, coalesce(sum(revenue), 0) as monetary,
                       max(ts) filter (where revenue is not null) as last_revenue_at
                  from act group by pid
            ), counted as (
                select pid, case when type = 'track' then name else type end as k,
                       count(*) filter (where ts > ?::timestamptz - interval '7 days') as c7,
                       count(*) filter (where ts > ?::timestamptz - interval '30 days') as c30,
                       count(*) filter (where ts > ?::timestamptz - interval '90 days') as c90
                  from rev
                 where type in ('page', 'screen') or (type = 'track' and name is not null)
                 group by 1, 2
            ), counts as (
                select pid, jsonb_object_agg(k, jsonb_build_array(c7, c30, c90)) as counts
                  from counted where c90 > 0 group by pid
            ), computed as (
                select t.pid, a.first_seen, a.last_seen, coalesce(a.events, 0) as events,
                       coalesce(a.sessions, 0) as sessions, coalesce(c.counts, '{}'::jsonb) as counts,
                       coalesce(a.frequency, 0) as frequency, coalesce(a.monetary, 0) as monetary,
                       a.last_revenue_at
                  from (select distinct profile_id as pid from ids) t
                  left join agg a on a.pid = t.pid left join counts c on c.pid = t.pid
            ), changed as (
                update profile p set updated_at = ?
                  from computed c
                 where p.id = c.pid and not exists (
                       select 1 from profile_features f
                        where f.profile_id = c.pid and f.first_seen is not distinct from c.first_seen
                          and f.last_seen is not distinct from c.last_seen and f.events = c.events
                          and f.sessions = c.sessions and f.counts = c.counts and f.frequency = c.frequency
                          and f.monetary = c.monetary
                          and f.last_revenue_at is not distinct from c.last_revenue_at)
                returning p.id
            )
            insert into profile_features (profile_id, first_seen, last_seen, events, sessions, counts, frequency,
                                          monetary, last_revenue_at, computed_at)
            select pid, first_seen, last_seen, events, sessions, counts, frequency, monetary, last_revenue_at, ?
              from computed
            on conflict (profile_id) do update set first_seen = excluded.first_seen, last_seen = excluded.last_seen,
               events = excluded.events, sessions = excluded.sessions, counts = excluded.counts,
               frequency = excluded.frequency, monetary = excluded.monetary,
               last_revenue_at = excluded.last_revenue_at, computed_at = excluded.computed_at
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProfilesConfig config;

    /** Recomputes the features of these profiles (live ones; tombstones are skipped). Returns how many. */
    public int recompute(Collection<Long> profileIds, Instant at) {
        if (profileIds.isEmpty()) {
            return 0;
        }
        return run("where profile_id = any(?)", profileIds, at);
    }

    /** Recomputes every profile's features in one pass. */
    public int recomputeAll(Instant at) {
        return run("", null, at);
    }

    /**
     * The profiles whose 7, 30 or 90-day windows lost an event between {@code since} and {@code until}: their
     * counts changed although no new event arrived.
     */
    public Set<Long> windowsChanged(Instant since, Instant until) {
        String sql = """
                select distinct coalesce(iu.profile_id, ia.profile_id)
                  from event e
                  left join profile_identity iu on iu.kind = 'user' and iu.value = e.user_id
                  left join profile_identity ia on e.user_id is null and ia.kind = 'anonymous'
                                               and ia.value = e.anonymous_id
                 where (e.ts > ?::timestamptz - interval '7 days' and e.ts <= ?::timestamptz - interval '7 days')
                    or (e.ts > ?::timestamptz - interval '30 days' and e.ts <= ?::timestamptz - interval '30 days')
                    or (e.ts > ?::timestamptz - interval '90 days' and e.ts <= ?::timestamptz - interval '90 days')
                """;
        Set<Long> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                Sql.setTime(select, 2 * i + 1, since);
                Sql.setTime(select, 2 * i + 2, until);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (!rs.wasNull()) {
                        ids.add(id);
                    }
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
        return ids;
    }

    private int run(String where, Collection<Long> ids, Instant at) {
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(SQL.formatted(where, PLUGIN_MARK))) {
                if (ids == null) {
                    // one pass sorts and hashes every event: keep it in memory rather than in temporary files
                    try (PreparedStatement memory = connection.prepareStatement("set local work_mem = '256MB'")) {
                        memory.execute();
                    }
                }
                int i = 1;
                if (ids != null) {
                    statement.setArray(i++, Sql.longs(connection, ids));
                }
                statement.setString(i++, config.revenueProperty());
                statement.setString(i++, config.revenueProperty());
                statement.setString(i++, config.sessionGap().toMillis() + " milliseconds");
                Sql.setTime(statement, i++, at);
                Sql.setTime(statement, i++, at);
                Sql.setTime(statement, i++, at);
                Sql.setTime(statement, i++, at);
                Sql.setTime(statement, i, at);
                return statement.executeUpdate();
            }
        });
    }
}
