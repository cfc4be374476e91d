package dev.operon.core.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chart specifications for console.js, as JSON put in a {@code data-chart} attribute (escaped by the template):
 * an x axis and named series of numbers.
 */
final class Charts {

    /**
     * Times as ISO-8601 text, as the API writes them (Jackson's default wrote an {@code Instant} as decimal epoch
     * seconds, which panels then read as milliseconds: dates in 1970).
     */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private Charts() {
    }

    static Builder over(List<? extends Number> x, boolean time) {
        return new Builder(x, time);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(Object value) {
        try {
            return value == null ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Builder {
        private final List<? extends Number> x;
        private final boolean time;
        private final List<Map<String, Object>> series = new ArrayList<>();
        private String xLabel;

        private Builder(List<? extends Number> x, boolean time) {
            this.x = x;
            this.time = time;
        }

        Builder series(String label, List<? extends Number> values) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("label", label);
            one.put("values", values);
            series.add(one);
            return this;
        }

        /** The x axis's name in the legend (a time axis is always "Time (UTC)", in the page's language). */
        Builder xLabel(String label) {
            this.xLabel = label;
            return this;
        }

        String json() {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("x", x);
            if (xLabel != null) {
                spec.put("xLabel", xLabel);
            }
            spec.put("time", time);
            spec.put("series", series);
            return Charts.json(spec);
        }
    }
}
