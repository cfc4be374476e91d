package dev.operon.plugins.behaviour.segments;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.segments.SegmentSummary;
import dev.operon.sdk.segments.Segments;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SDK's {@link Segments} service, offered to other plugins (a campaign's audience): this plugin's segments with
 * their ids as the {@code Segment Entered} and {@code Segment Exited} events carry them. Answers nothing before the
 * plugin has started.
 */
public final class SegmentsService implements Segments {

    private volatile SegmentStore store;

    /** Called from the plugin's start: from then on the service answers. */
    public void start(PluginContext context) {
        this.store = new SegmentStore(context.data());
    }

    @Override
    public Optional<SegmentSummary> find(String segmentId) {
        SegmentStore s = store;
        if (s == null || segmentId == null || !segmentId.strip().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        try {
            return s.get(Long.parseLong(segmentId.strip())).map(SegmentsService::summary);
        } catch (SQLException e) {
            throw new IllegalStateException("segment " + segmentId + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SegmentSummary> list() {
        SegmentStore s = store;
        if (s == null) {
            return List.of();
        }
        try {
            return s.all().stream().map(SegmentsService::summary)
                    .sorted(Comparator.comparing(SegmentSummary::name)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("segments could not be read: " + e.getMessage(), e);
        }
    }

    private static SegmentSummary summary(Segment segment) {
        return new SegmentSummary(Long.toString(segment.id()), segment.name(), segment.size());
    }
}
