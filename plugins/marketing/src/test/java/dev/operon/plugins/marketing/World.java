package dev.operon.plugins.marketing;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.sending.SendTask;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.RecordingChannel;
import dev.operon.sdk.testkit.TaskResult;
import dev.operon.sdk.testkit.TestProfiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test kit running the marketing plugin, with recording e-mail and webhook channels and helpers. */
final class World implements AutoCloseable {

    final PluginTestKit kit;
    final RecordingChannel email;
    final RecordingChannel webhook;

    World() {
        this(Map.of());
    }

    /** Quiet hours are off unless a test sets them, so that tests do not depend on the time of day. */
    World(Map<String, String> config) {
        this(config, true);
    }

    /** Without recording channels: the test adds real ones. */
    World(Map<String, String> config, boolean recording) {
        Map<String, String> all = new HashMap<>(Map.of("quiet-hours-start", "", "retry-backoff", "PT0S",
                "unsubscribe-secret", "test-secret", "unsubscribe-url", "https://shop.example/unsubscribe"));
        all.putAll(config);
        kit = PluginTestKit.start(new MarketingPlugin(), all);
        email = recording ? kit.channels().add(new RecordingChannel("notify.email")) : null;
        webhook = recording ? kit.channels().add(new RecordingChannel("notify.webhook")) : null;
    }

    Profile user(long id, Map<String, Object> traits) {
        return user(id, traits, TestProfiles.ALLOW_ALL);
    }

    Profile user(long id, Map<String, Object> traits, Consent consent) {
        Instant now = Instant.now();
        return kit.profiles().put(new Profile(id, "user-" + id, List.of(), traits, null, consent, Map.of(), now, now));
    }

    /** A user with an e-mail address and a first name, in segment {@code segment}. */
    Profile member(long id, String segment) {
        Profile p = user(id, Map.of("email", "u" + id + "@example.com", "first_name", "Name" + id));
        enter(id, segment);
        return p;
    }

    void enter(long profileId, String segment) {
        kit.events().track(profileId, "Segment Entered", Instant.now().minusSeconds(60),
                Map.of("segment_id", Long.parseLong(segment), "segment_name", "s" + segment));
    }

    void exit(long profileId, String segment) {
        kit.events().track(profileId, "Segment Exited", Instant.now().minusSeconds(30),
                Map.of("segment_id", Long.parseLong(segment), "segment_name", "s" + segment));
    }

    /** An e-mail campaign input to a segment, one-off, as a map (the way the API receives it). */
    static Map<String, Object> emailCampaign(String name, String segment) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("channel", "email");
        m.put("segmentId", segment);
        m.put("schedule", "once");
        m.put("sendAt", Instant.now().minusSeconds(5).toString());
        m.put("variants", List.of(Map.of("name", "A", "subject", "Hello {user.first_name}",
                "text", "Hi {user.first_name ?: 'there'}, unsubscribe: {unsubscribeUrl}",
                "html", "<p>Hi {user.first_name ?: 'there'}</p><a href=\"{unsubscribeUrl}\">unsubscribe</a>")));
        return m;
    }

    /** Creates as an operator, approves as an admin (another operator), schedules. */
    Campaign scheduled(Map<String, Object> input) throws Exception {
        Campaign k = kit.call("create-campaign", input, Operation.Role.OPERATOR);
        kit.call("approve-campaign", Map.of("id", k.id()), Operation.Role.ADMIN);
        return kit.call("schedule-campaign", Map.of("id", k.id()), Operation.Role.OPERATOR);
    }

    /** The plugin's services as its tasks and operations see them, for calling its code directly. */
    PluginScope services() {
        return kit;
    }

    TaskResult<SendTask.Output> send(long campaignId) {
        return kit.runTask("marketing.send", Map.of("campaignId", campaignId));
    }

    long count(String sql) throws Exception {
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    void execute(String sql) throws Exception {
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        kit.close();
    }
}
