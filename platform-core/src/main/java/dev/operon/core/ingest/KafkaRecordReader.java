package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Kafka record as Segment messages: its value is one message naming its {@code type} (as a batch item does), or
 * a whole batch ({@code {"batch": [...], "sentAt"?, "context"?, "integrations"?}}), read by the same rules and
 * limits as the Tracking API (32 KB a message, 500 KB a batch). A message without a {@code messageId} gets one from
 * the record's place in the log ({@code kafka:<topic>:<partition>:<offset>}, {@code :<index>} in a batch), so a
 * record consumed twice after a failure is stored once.
 */
final class KafkaRecordReader {

    /** What a record gave: its events, or why none of them can be stored (then {@code events} is empty). */
    record Read(List<IncomingEvent> events, String rejection) {
        static Read rejected(String why) {
            return new Read(List.of(), why);
        }
    }

    private final ObjectMapper json;
    private final SegmentEvents segment;
    private final IngestConfig config;

    KafkaRecordReader(ObjectMapper json, SegmentEvents segment, IngestConfig config) {
        this.json = json;
        this.segment = segment;
        this.config = config;
    }

    /** Reads a record's value; all of its messages or none, as a batch call is stored whole or refused whole. */
    Read read(String topic, int partition, long offset, byte[] value, Long sourceId, Instant receivedAt) {
        if (value == null || value.length == 0) {
            return Read.rejected("the record has no value");
        }
        String place = "kafka:" + topic + ":" + partition + ":" + offset;
        try {
            return isBatch(value) ? batch(place, value, sourceId, receivedAt)
                    : single(place, value, sourceId, receivedAt);
        } catch (ApiException e) {
            return Read.rejected(e.type() + ": " + e.getMessage());
        }
    }

    private Read single(String place, byte[] value, Long sourceId, Instant receivedAt) {
        if (value.length > config.maxEventBytes()) {
            return Read.rejected("too-large: the message is " + value.length + " bytes; the limit is "
                    + config.maxEventBytes() + " bytes per event");
        }
        SegmentRequest request = SegmentRequest.single(json, value);
        SegmentMessage message = request.messages().get(0);
        withDefaultId(message, place);
        List<Problem.FieldError> errors = new ArrayList<>();
        IncomingEvent event = segment.read(message, null, "", sourceId, receivedAt, SegmentEvents.Defaults.NONE,
                errors);
        return errors.isEmpty() ? new Read(List.of(event), null) : Read.rejected(describe(errors));
    }

    private Read batch(String place, byte[] value, Long sourceId, Instant receivedAt) {
        if (value.length > config.maxBatchBytes()) {
            return Read.rejected("too-large: the batch is " + value.length + " bytes; the limit is "
                    + config.maxBatchBytes() + " bytes per batch");
        }
        SegmentRequest request = SegmentRequest.batch(json, value);
        List<Problem.FieldError> errors = new ArrayList<>();
        int[] sizes = request.sizes();
        for (int i = 0; i < request.messages().size(); i++) {
            if (sizes[i] > config.maxEventBytes()) {
                errors.add(new Problem.FieldError("batch[" + i + "]", "the message is " + sizes[i]
                        + " bytes; the limit is " + config.maxEventBytes() + " bytes per event"));
            }
        }
        SegmentEvents.Defaults defaults = new SegmentEvents.Defaults(request.sentAt(errors),
                request.objectMember("context"), request.objectMember("integrations"));
        List<IncomingEvent> events = new ArrayList<>(request.messages().size());
        for (int i = 0; i < request.messages().size() && errors.isEmpty(); i++) {
            SegmentMessage message = request.messages().get(i);
            String at = SegmentEvents.batchPrefix(i);
            if (message == null) {
                errors.add(SegmentEvents.notAnObject(at));
                continue;
            }
            withDefaultId(message, place + ":" + i);
            IncomingEvent event = segment.read(message, null, at, sourceId, receivedAt, defaults, errors);
            if (event != null) {
                events.add(event);
            }
        }
        return errors.isEmpty() ? new Read(events, null) : Read.rejected(describe(errors));
    }

    /** Whether the value is an object with a top-level {@code batch} member (its contents are skipped, not read). */
    private boolean isBatch(byte[] value) {
        try (JsonParser parser = json.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false; // refused as a single message: not an object
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if ("batch".equals(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw SegmentRequest.malformed("the value is not valid JSON: " + e.getMessage());
        }
    }

    private static void withDefaultId(SegmentMessage message, String id) {
        if (message.get(SegmentMessage.Member.MESSAGE_ID) == null) {
            message.set(SegmentMessage.Member.MESSAGE_ID, id);
        }
    }

    private static String describe(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        return "invalid-event: " + first.field() + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }
}
