package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Segment HTTP Tracking API: {@code /v1/track}, {@code identify}, {@code page}, {@code screen}, {@code group},
 * {@code alias} and {@code batch} (also as {@code import}); bodies as they are, gzip or deflate. Authenticated by a
 * source's write key only (HTTP Basic user name or the body's {@code writeKey}); the platform's authentication
 * mechanism leaves {@code /v1/} to this class. 200 {@code {"success": true}} only once the events are committed.
 */
@Path("/v1")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    static final Map<String, Object> SUCCESS = Map.of("success", true);

    @Inject
    ObjectMapper json;

    @Inject
    IngestConfig config;

    @Inject
    WriteKeys writeKeys;

    @Inject
    EventWriter writer;

    @Inject
    IngestMetrics metrics;

    private SegmentEvents segment;

    @PostConstruct
    void init() {
        segment = new SegmentEvents(json, config.earliestTimestamp(), config.latestAhead());
    }

    @POST
    @Path("track")
    public Map<String, Object> track(InputStream body, @HeaderParam("Authorization") String authorization,
                                     @HeaderParam("Content-Encoding") String encoding) {
        return single("track", body, encoding, authorization);
    }

    @POST
    @Path("identify")
    public Map<String, Object> identify(InputStream body, @HeaderParam("Authorization") String authorization,
                                        @HeaderParam("Content-Encoding") String encoding) {
        return single("identify", body, encoding, authorization);
    }

    @POST
    @Path("page")
    public Map<String, Object> page(InputStream body, @HeaderParam("Authorization") String authorization,
                                    @HeaderParam("Content-Encoding") String encoding) {
        return single("page", body, encoding, authorization);
    }

    @POST
    @Path("screen")
    public Map<String, Object> screen(InputStream body, @HeaderParam("Authorization") String authorization,
                                      @HeaderParam("Content-Encoding") String encoding) {
        return single("screen", body, encoding, authorization);
    }

    @POST
    @Path("group")
    public Map<String, Object> group(InputStream body, @HeaderParam("Authorization") String authorization,
                                     @HeaderParam("Content-Encoding") String encoding) {
        return single("group", body, encoding, authorization);
    }

    @POST
    @Path("alias")
    public Map<String, Object> alias(InputStream body, @HeaderParam("Authorization") String authorization,
                                     @HeaderParam("Content-Encoding") String encoding) {
        return single("alias", body, encoding, authorization);
    }

    /** Segment's other name of {@code batch}, for historical imports: the same call. */
    @POST
    @Path("import")
    public Map<String, Object> importBatch(InputStream body, @HeaderParam("Authorization") String authorization,
                                           @HeaderParam("Content-Encoding") String encoding) {
        return batch(body, authorization, encoding);
    }

    /**
     * Up to 500 KB of messages (decoded, when the body is gzip or deflate), each naming its {@code type}; all are
     * stored or none (400 names the first bad one).
     */
    @POST
    @Path("batch")
    public Map<String, Object> batch(InputStream body, @HeaderParam("Authorization") String authorization,
                                     @HeaderParam("Content-Encoding") String encoding) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] bytes = read(body, encoding, config.maxBatchBytes(), "batch");
        SegmentRequest request = parse(() -> SegmentRequest.batch(json, bytes));
        WriteKeys.Source source = authenticate(authorization, request);
        List<Problem.FieldError> errors = new ArrayList<>();
        int[] sizes = request.sizes();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > config.maxEventBytes()) {
                errors.add(new Problem.FieldError("batch[" + i + "]", "the message is " + sizes[i]
                        + " bytes; the limit is " + config.maxEventBytes() + " bytes per event"));
            }
        }
        if (!errors.isEmpty()) {
            metrics.rejected("too-large", request.messages().size());
            throw new ApiException(400, "too-large", "Too large", errors.get(0).field() + ": "
                    + errors.get(0).message(), SegmentEvents.firstOf(errors, 100));
        }
        SegmentEvents.Defaults defaults = new SegmentEvents.Defaults(request.sentAt(errors),
                request.objectMember("context"), request.objectMember("integrations"));
        List<IncomingEvent> events = new ArrayList<>(request.messages().size());
        for (int i = 0; i < request.messages().size(); i++) {
            SegmentMessage message = request.messages().get(i);
            String at = SegmentEvents.batchPrefix(i);
            if (message == null) {
                errors.add(SegmentEvents.notAnObject(at));
                continue;
            }
            IncomingEvent event = segment.read(message, null, at, source.id(), receivedAt, defaults, errors);
            if (event != null) {
                events.add(event);
            }
        }
        return store(source, events, errors, request.messages().size());
    }

    private Map<String, Object> single(String type, InputStream body, String encoding, String authorization) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] bytes = read(body, encoding, config.maxEventBytes(), type);
        SegmentRequest request = parse(() -> SegmentRequest.single(json, bytes));
        WriteKeys.Source source = authenticate(authorization, request);
        List<Problem.FieldError> errors = new ArrayList<>();
        IncomingEvent event = segment.read(request.messages().get(0), type, "", source.id(), receivedAt,
                SegmentEvents.Defaults.NONE, errors);
        return store(source, event == null ? List.of() : List.of(event), errors, 1);
    }

    private Map<String, Object> store(WriteKeys.Source source, List<IncomingEvent> events,
                                      List<Problem.FieldError> errors, int messages) {
        if (!errors.isEmpty()) {
            metrics.rejected("invalid", messages);
            throw SegmentRequest.invalid(errors);
        }
        writeKeys.admit(source, events.size());
        writer.append(events);
        return SUCCESS;
    }


    private WriteKeys.Source authenticate(String authorization, SegmentRequest request) {
        try {
            return writeKeys.authenticate(WriteKeys.presented(authorization, request.writeKey()));
        } catch (ApiException e) {
            metrics.rejected("unauthorized", request.messages().size());
            throw e;
        }
    }

    private SegmentRequest parse(java.util.function.Supplier<SegmentRequest> parsing) {
        try {
            return parsing.get();
        } catch (ApiException e) {
            metrics.rejected("malformed", 1);
            throw e;
        }
    }

    /**
     * At most {@code limit} decoded bytes of the body: a longer body is refused without reading (or decompressing)
     * the rest; 400 as well when it cannot be read or decoded.
     */
    private byte[] read(InputStream body, String encoding, int limit, String call) {
        try {
            byte[] bytes = RequestBodies.decoded(body, encoding).readNBytes(limit + 1);
            if (bytes.length > limit) {
                metrics.rejected("too-large", 1);
                throw SegmentRequest.tooLarge(call.equals("batch") ? "batch" : "$", "the " + call
                        + " request body is larger than " + limit + " bytes, the limit"
                        + (call.equals("batch") ? " per batch" : " per event"));
            }
            return bytes;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw SegmentRequest.malformed("the body could not be read: " + e.getMessage());
        }
    }
}
