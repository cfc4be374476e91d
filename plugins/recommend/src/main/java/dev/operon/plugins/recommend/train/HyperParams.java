package dev.operon.plugins.recommend.train;

import java.util.Map;

/**
 * Reads a kind's hyper-parameters from its parameter map (a grid entry, or what a saved version or a blend
 * recorded): numbers of any boxed type, a fallback where a parameter is optional, a clear error where it is not.
 */
final class HyperParams {

    private HyperParams() {
    }

    /** The required number {@code name}. */
    static double number(Map<String, Object> params, String name) {
        return required(params, name).doubleValue();
    }

    /** The number {@code name}, or {@code fallback} when absent. */
    static double number(Map<String, Object> params, String name, double fallback) {
        Object value = params.get(name);
        return value == null ? fallback : asNumber(name, value).doubleValue();
    }

    /** The required whole number {@code name} (a fractional value is cut, as the casts before did). */
    static int integer(Map<String, Object> params, String name) {
        return required(params, name).intValue();
    }

    /** The whole number {@code name}, or {@code fallback} when absent. */
    static int integer(Map<String, Object> params, String name, int fallback) {
        Object value = params.get(name);
        return value == null ? fallback : asNumber(name, value).intValue();
    }

    private static Number required(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing model parameter '" + name + "' in " + params);
        }
        return asNumber(name, value);
    }

    private static Number asNumber(String name, Object value) {
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("model parameter '" + name + "' is not a number: " + value);
    }
}
