package dev.operon.sdk.segments;

import java.util.List;
import java.util.Optional;

/**
 * The segments of end users that a segmentation plugin keeps (the built-in {@code behaviour} plugin's rule-based
 * segments), offered as a {@link dev.operon.sdk.service.ServiceOffer service} so that plugins that target a segment
 * by its id can check that it exists and show its name: a campaign saved with a mistyped segment id would otherwise
 * reach nobody without a word. Looked up with {@code context.services().find(Segments.class)}; when no active plugin
 * offers it, there is nothing to check against and callers accept the id as given.
 *
 * <p>Implementations are thread-safe and read only. Since SDK 1.9.
 */
public interface Segments {

    /** The segment with this id, or empty when there is none (an id of the wrong form included). */
    Optional<SegmentSummary> find(String segmentId);

    /** Every segment, by name. */
    List<SegmentSummary> list();
}
