package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.events.Event;
import java.time.Duration;
import java.util.List;

/**
 * What an event condition needs counted while reading events: events of one name, meeting the property filters,
 * inside a window ending now (null: all time). Equal measures of different rules are counted once.
 *
 * @param event  the event name
 * @param where  property filters, all of which must hold
 * @param window how far back, or null for all time
 */
public record EventMeasure(String event, List<PropertyFilter> where, Duration window) {

    public EventMeasure {
        where = List.copyOf(where);
    }

    /** One property filter: {@code {"property": "amount", "gt": 50}}. */
    public record PropertyFilter(String property, ValueTest test) {
        boolean matches(Event event) {
            return test.test(event.properties().get(property));
        }
    }

    /** Whether the event counts for this measure, apart from the window. */
    public boolean matches(Event event) {
        if (!this.event.equals(event.name())) {
            return false;
        }
        for (PropertyFilter filter : where) {
            if (!filter.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
