package dev.operon.core.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The identity rules applied to one batch of events, in memory: which profile each user id and anonymous id
 * belongs to, which profiles are created, upgraded (an anonymous profile gets its user id) and merged. The
 * {@link IdentityPass} loads the ids the batch mentions, lets this class decide, then writes the decisions.
 *
 * <p>Rules (docs/profiles.md): an event with both ids joins the anonymous id to the user's profile; when the
 * anonymous id already has an anonymous profile of its own, that profile is merged into the user's; when it already
 * belongs to another known user, it stays there (a shared device does not merge two people). Two known profiles
 * merge only through an explicit {@code alias}.
 */
final class Identities {

    static final String USER = "user";
    static final String ANONYMOUS = "anonymous";

    /** A profile this batch creates. */
    record NewProfile(long id, String userId) {
    }

    /** An id joined to a profile by this batch. */
    record NewIdentity(String kind, String value, long profileId, long eventId) {
    }

    /** A merge, applied after the identities in the order decided. */
    record Merge(long loser, long winner, String reason, long eventId) {
    }

    private final Map<String, Long> users = new HashMap<>();
    private final Map<String, Long> anonymous = new HashMap<>();
    /** Primary user id of each profile the batch knows (null value: anonymous profile). */
    private final Map<Long, String> profileUser = new HashMap<>();
    private final LongSupplier newIds;

    final List<NewProfile> created = new ArrayList<>();
    final List<NewIdentity> joined = new ArrayList<>();
    final Map<Long, String> upgraded = new LinkedHashMap<>();
    final List<Merge> merges = new ArrayList<>();
    /** loser to winner, for profiles merged in this batch. */
    private final Map<Long, Long> mergedInto = new HashMap<>();

    Identities(LongSupplier newIds) {
        this.newIds = newIds;
    }

    /** Seeds what the database already knows. */
    void known(String kind, String value, long profileId) {
        (USER.equals(kind) ? users : anonymous).put(value, profileId);
    }

    void knownProfile(long profileId, String userId) {
        profileUser.put(profileId, userId);
    }

    /** Applies one event. */
    void apply(RawEvent event) {
        if ("alias".equals(event.type()) && event.previousId() != null && event.userId() != null) {
            alias(event.previousId(), event.userId(), event.id());
            if (event.anonymousId() != null) {
                link(event.userId(), event.anonymousId(), event.id(), "identify");
            }
        } else if (event.userId() != null && event.anonymousId() != null) {
            link(event.userId(), event.anonymousId(), event.id(), "identify".equals(event.type()) ? "identify"
                    : "event");
        } else if (event.userId() != null) {
            user(event.userId(), event.id());
        } else if (event.anonymousId() != null) {
            anonymousProfile(event.anonymousId(), event.id());
        }
    }

    /** The profile an event belongs to: its user id's, else its anonymous id's. */
    Long profileOf(RawEvent event) {
        Long id = event.userId() != null ? users.get(event.userId()) : anonymous.get(event.anonymousId());
        return id == null ? null : live(id);
    }

    private long live(long id) {
        Long next;
        while ((next = mergedInto.get(id)) != null) {
            id = next;
        }
        return id;
    }

    private long user(String userId, long eventId) {
        Long id = users.get(userId);
        if (id != null) {
            return live(id);
        }
        long created = create(userId);
        join(USER, userId, created, eventId);
        return created;
    }

    private long anonymousProfile(String anonymousId, long eventId) {
        Long id = anonymous.get(anonymousId);
        if (id != null) {
            return live(id);
        }
        long created = create(null);
        join(ANONYMOUS, anonymousId, created, eventId);
        return created;
    }

    private void link(String userId, String anonymousId, long eventId, String reason) {
        Long byUser = users.get(userId);
        Long byAnonymous = anonymous.get(anonymousId);
        if (byUser == null && byAnonymous == null) {
            long created = create(userId);
            join(USER, userId, created, eventId);
            join(ANONYMOUS, anonymousId, created, eventId);
        } else if (byUser == null) {
            long anon = live(byAnonymous);
            if (profileUser.get(anon) == null) {
                profileUser.put(anon, userId);
                upgraded.put(anon, userId);
                join(USER, userId, anon, eventId);
            } else {
                // the anonymous id already belongs to another known user: it stays there
                user(userId, eventId);
            }
        } else if (byAnonymous == null) {
            join(ANONYMOUS, anonymousId, live(byUser), eventId);
        } else {
            long known = live(byUser);
            long anon = live(byAnonymous);
            if (known != anon && profileUser.get(anon) == null) {
                merge(anon, known, reason, eventId);
            }
        }
    }

    private void alias(String previousId, String userId, long eventId) {
        Long previous = users.get(previousId);
        if (previous == null) {
            previous = anonymous.get(previousId);
        }
        Long target = users.get(userId);
        if (previous == null) {
            long into = target != null ? live(target) : user(userId, eventId);
            // an id never seen before: whatever its kind, it now names this user
            join(USER, previousId, into, eventId);
            join(ANONYMOUS, previousId, into, eventId);
            return;
        }
        long from = live(previous);
        if (target == null) {
            // the profile is known by the new user id from now on (its earlier ids keep resolving to it)
            profileUser.put(from, userId);
            upgraded.put(from, userId);
            join(USER, userId, from, eventId);
            return;
        }
        long into = live(target);
        if (from != into) {
            merge(from, into, "alias", eventId);
        }
    }

    private long create(String userId) {
        long id = newIds.getAsLong();
        created.add(new NewProfile(id, userId));
        profileUser.put(id, userId);
        return id;
    }

    private void join(String kind, String value, long profileId, long eventId) {
        Map<String, Long> map = USER.equals(kind) ? users : anonymous;
        if (map.containsKey(value)) {
            return;
        }
        map.put(value, profileId);
        joined.add(new NewIdentity(kind, value, profileId, eventId));
    }

    private void merge(long loser, long winner, String reason, long eventId) {
        merges.add(new Merge(loser, winner, reason, eventId));
        mergedInto.put(loser, winner);
        profileUser.remove(loser);
        upgraded.remove(loser);
    }
}
