package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.json.Json;
import dev.operon.sdk.operation.OperationException.FieldError;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a segment rule (as parsed JSON: maps, lists, strings, numbers, booleans) and compiles it into
 * {@link Condition}s. Every problem is collected with the JSON path of the offending node and what was expected;
 * the grammar is documented in the plugin's README ("Rule language").
 */
public final class RuleCompiler {

    /** What the compiler needs to know about stored segments, to check references and cycles. */
    public interface SegmentGraph {
        boolean exists(long segmentId);

        /** Ids the stored rule of {@code segmentId} refers to. */
        Set<Long> dependencies(long segmentId);
    }

    /** A graph without any segment. */
    public static final SegmentGraph NO_SEGMENTS = new SegmentGraph() {
        @Override
        public boolean exists(long segmentId) {
            return false;
        }

        @Override
        public Set<Long> dependencies(long segmentId) {
            return Set.of();
        }
    };

    static final int MAX_DEPTH = 16;
    static final int MAX_NODES = 256;
    static final int MAX_IN = 1000;
    static final long MAX_WINDOW_DAYS = 3650;
    private static final List<String> KINDS = List.of("all", "any", "not", "trait", "event", "feature", "segment");
    private static final Set<Integer> FEATURE_WINDOWS = Set.of(7, 30, 90);
    private static final Pattern WEEKS = Pattern.compile("P(\\d{1,4})W");

    private final String rootPath;
    private final Long selfId;
    private final SegmentGraph graph;
    private final boolean featureWindows;
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<EventMeasure> measures = new LinkedHashSet<>();
    private final Set<Long> dependsOn = new HashSet<>();
    private int nodes;

    private RuleCompiler(String rootPath, Long selfId, SegmentGraph graph, boolean featureWindows) {
        this.rootPath = rootPath;
        this.selfId = selfId;
        this.graph = graph;
        this.featureWindows = featureWindows;
    }

    /**
     * Compiles a rule.
     *
     * @param rule           the rule as parsed JSON, or JSON text
     * @param rootPath       the path of the rule in the caller's input, such as {@code rule}
     * @param selfId         the id of the segment being saved (to refuse cycles through it), null for a new one
     * @param graph          the stored segments
     * @param featureWindows true to read 7/30/90-day counts without property filters from the profile's features
     */
    public static CompiledRule compile(Object rule, String rootPath, Long selfId, SegmentGraph graph,
                                       boolean featureWindows) throws RuleException {
        RuleCompiler compiler = new RuleCompiler(rootPath, selfId, graph, featureWindows);
        Object tree = rule;
        if (rule instanceof String text) {
            try {
                tree = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new RuleException(List.of(new FieldError(rootPath, e.getMessage())));
            }
        }
        Condition root = compiler.node(tree, rootPath, 1);
        compiler.cycles();
        if (!compiler.errors.isEmpty() || root == null) {
            throw new RuleException(compiler.errors.isEmpty()
                    ? List.of(new FieldError(rootPath, "the rule is invalid")) : compiler.errors);
        }
        return new CompiledRule(root, List.copyOf(compiler.measures), compiler.dependsOn);
    }

    private Condition node(Object value, String path, int depth) {
        if (++nodes > MAX_NODES) {
            if (nodes == MAX_NODES + 1) {
                error(path, "the rule has more than " + MAX_NODES + " conditions");
            }
            return null;
        }
        if (depth > MAX_DEPTH) {
            error(path, "the rule nests deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            error(path, "expected a condition object such as {\"trait\": \"plan\", \"eq\": \"pro\"}, found "
                    + describe(value));
            return null;
        }
        List<String> kinds = KINDS.stream().filter(map::containsKey).toList();
        if (kinds.isEmpty()) {
            error(path, "expected one of the keys " + KINDS + ", found " + map.keySet());
            return null;
        }
        if (kinds.size() > 1) {
            error(path, "a condition has exactly one of " + KINDS + ", this one has " + kinds
                    + " (combine them with \"all\")");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) map;
        return switch (kinds.get(0)) {
            case "all", "any" -> combination(kinds.get(0), node, path, depth);
            case "not" -> {
                allowOnly(node, path, "a \"not\" condition", Set.of("not"));
                Condition child = node(node.get("not"), path + ".not", depth + 1);
                yield child == null ? null : new Logic.Not(child);
            }
            case "trait" -> trait(node, path);
            case "event" -> event(node, path);
            case "feature" -> feature(node, path);
            default -> segment(node, path);
        };
    }

    private Condition combination(String kind, Map<String, Object> node, String path, int depth) {
        allowOnly(node, path, "an \"" + kind + "\" condition", Set.of(kind));
        Object children = node.get(kind);
        String at = path + "." + kind;
        if (!(children instanceof List<?> list)) {
            error(at, "expected a non-empty array of conditions, found " + describe(children));
            return null;
        }
        if (list.isEmpty()) {
            error(at, "expected a non-empty array of conditions, found an empty array");
            return null;
        }
        List<Condition> compiled = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            compiled.add(node(list.get(i), at + "[" + i + "]", depth + 1));
        }
        if (compiled.contains(null)) {
            return null;
        }
        return kind.equals("all") ? new Logic.All(compiled) : new Logic.AnyOf(compiled);
    }

    private Condition trait(Map<String, Object> node, String path) {
        String name = name(node.get("trait"), path + ".trait", "a trait name");
        Set<String> allowed = new HashSet<>(ValueTest.NAMES);
        allowed.add("trait");
        allowOnly(node, path, "a trait condition", allowed);
        ValueTest test = valueTest(node, path, "trait");
        return name == null || test == null ? null : new TraitCondition(name, test);
    }

    private Condition feature(Map<String, Object> node, String path) {
        Object name = node.get("feature");
        Set<String> allowed = new HashSet<>(NumberTest.NAMES);
        allowed.add("feature");
        allowOnly(node, path, "a feature condition", allowed);
        boolean known = name instanceof String s && FeatureCondition.NAMES.contains(s);
        if (!known) {
            error(path + ".feature", "expected one of " + FeatureCondition.NAMES + ", found " + describe(name));
        }
        NumberTest test = numberTest(node, path, "feature", false);
        return known && test != null ? new FeatureCondition((String) name, test) : null;
    }

    private Condition segment(Map<String, Object> node, String path) {
        allowOnly(node, path, "a segment condition", Set.of("segment"));
        Object id = node.get("segment");
        String at = path + ".segment";
        if (!(id instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
            error(at, "expected the id of a saved segment (a positive integer), found " + describe(id));
            return null;
        }
        long segmentId = n.longValue();
        if (selfId != null && segmentId == selfId) {
            error(at, "a segment cannot refer to itself");
            return null;
        }
        if (!graph.exists(segmentId)) {
            error(at, "no segment with id " + segmentId);
            return null;
        }
        dependsOn.add(segmentId);
        return new Logic.InSegment(segmentId);
    }

    private Condition event(Map<String, Object> node, String path) {
        allowOnly(node, path, "an event condition",
                Set.of("event", "count", "within", "where", "firstSeen", "lastSeen"));
        String name = name(node.get("event"), path + ".event", "an event name");
        Duration window = null;
        if (node.containsKey("within")) {
            window = duration(node.get("within"), path + ".within");
            if (!node.containsKey("count")) {
                error(path + ".within", "\"within\" bounds the count: add \"count\", or use"
                        + " \"lastSeen\": {\"within\": ...} for \"did it recently\"");
            }
        }
        List<EventMeasure.PropertyFilter> where = where(node.get("where"), node.containsKey("where"), path);
        NumberTest count = null;
        if (node.containsKey("count")) {
            count = countTest(node.get("count"), path + ".count");
        }
        EventCondition.SeenTest first = seen(node, "firstSeen", path);
        EventCondition.SeenTest last = seen(node, "lastSeen", path);
        if (name == null || where == null || (node.containsKey("count") && count == null)
                || (node.containsKey("firstSeen") && first == null) || (node.containsKey("lastSeen") && last == null)
                || (node.containsKey("within") && window == null)) {
            return null;
        }
        if (count == null && first == null && last == null) {
            count = new NumberTest(List.of(new NumberTest.Op("gte", 1)));
        }
        EventMeasure counted = null;
        int featureWindow = 0;
        if (count != null) {
            long days = window == null ? -1 : window.toDays();
            if (featureWindows && where.isEmpty() && window != null && window.equals(Duration.ofDays(days))
                    && FEATURE_WINDOWS.contains((int) days)) {
                featureWindow = (int) days;
                counted = new EventMeasure(name, where, window);
            } else {
                counted = new EventMeasure(name, where, window);
                measures.add(counted);
            }
        }
        EventMeasure seen = null;
        if (first != null || last != null) {
            seen = new EventMeasure(name, where, null);
            measures.add(seen);
        }
        return new EventCondition(counted, count, featureWindow, seen, first, last);
    }

    private EventCondition.SeenTest seen(Map<String, Object> node, String key, String path) {
        if (!node.containsKey(key)) {
            return null;
        }
        String at = path + "." + key;
        if (!(node.get(key) instanceof Map<?, ?> map) || map.size() != 1
                || !(map.containsKey("within") || map.containsKey("before"))) {
            error(at, "expected {\"within\": \"P7D\"} (at most that long ago) or {\"before\": \"P30D\"} (longer ago"
                    + " than that), found " + describe(node.get(key)));
            return null;
        }
        boolean within = map.containsKey("within");
        Duration d = duration(map.get(within ? "within" : "before"), at + (within ? ".within" : ".before"));
        return d == null ? null : new EventCondition.SeenTest(within, d.toMillis());
    }

    private List<EventMeasure.PropertyFilter> where(Object value, boolean present, String path) {
        if (!present) {
            return List.of();
        }
        String at = path + ".where";
        List<?> items;
        boolean single = value instanceof Map<?, ?>;
        if (single) {
            items = List.of(value);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            items = list;
        } else {
            error(at, "expected a property filter such as {\"property\": \"amount\", \"gt\": 50} or a non-empty"
                    + " array of them, found " + describe(value));
            return null;
        }
        List<EventMeasure.PropertyFilter> filters = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = single ? at : at + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> raw)) {
                error(itemPath, "expected a property filter object, found " + describe(items.get(i)));
                ok = false;
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> filter = (Map<String, Object>) raw;
            Set<String> allowed = new HashSet<>(ValueTest.NAMES);
            allowed.add("property");
            allowOnly(filter, itemPath, "a property filter", allowed);
            String property = name(filter.get("property"), itemPath + ".property", "a property name");
            ValueTest test = valueTest(filter, itemPath, "property");
            if (property == null || test == null) {
                ok = false;
            } else {
                filters.add(new EventMeasure.PropertyFilter(property, test));
            }
        }
        return ok ? filters : null;
    }

    private ValueTest valueTest(Map<String, Object> node, String path, String subject) {
        List<ValueTest.Op> ops = new ArrayList<>();
        boolean ok = true;
        for (String op : ValueTest.NAMES) {
            if (!node.containsKey(op)) {
                continue;
            }
            Object operand = node.get(op);
            String at = path + "." + op;
            switch (op) {
                case "exists" -> {
                    if (!(operand instanceof Boolean)) {
                        error(at, "expected true or false, found " + describe(operand));
                        ok = false;
                    }
                }
                case "in" -> {
                    if (!(operand instanceof List<?> list) || list.isEmpty() || list.size() > MAX_IN) {
                        error(at, "expected a non-empty array of at most " + MAX_IN + " strings, numbers or"
                                + " booleans, found " + describe(operand));
                        ok = false;
                    } else {
                        for (int i = 0; i < list.size(); i++) {
                            if (!scalar(list.get(i))) {
                                error(at + "[" + i + "]", "expected a string, number or boolean, found "
                                        + describe(list.get(i)));
                                ok = false;
                            }
                        }
                    }
                }
                case "gt", "gte", "lt", "lte" -> {
                    if (!(operand instanceof Number || operand instanceof String)) {
                        error(at, "expected a number (or a string, compared alphabetically), found "
                                + describe(operand));
                        ok = false;
                    }
                }
                default -> {
                    if (!scalar(operand)) {
                        error(at, "expected a string, number or boolean, found " + describe(operand));
                        ok = false;
                    }
                }
            }
            ops.add(new ValueTest.Op(op, operand));
        }
        if (ops.isEmpty()) {
            error(path, "a " + subject + " condition needs a comparison: one or more of " + ValueTest.NAMES);
            return null;
        }
        return ok ? new ValueTest(ops) : null;
    }

    private NumberTest countTest(Object value, String path) {
        if (!(value instanceof Map<?, ?> raw)) {
            error(path, "expected comparisons such as {\"gte\": 3}, found " + describe(value));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) raw;
        allowOnly(node, path, "a count", new HashSet<>(NumberTest.NAMES));
        return numberTest(node, path, "count", true);
    }

    private NumberTest numberTest(Map<String, Object> node, String path, String subject, boolean count) {
        List<NumberTest.Op> ops = new ArrayList<>();
        boolean ok = true;
        for (String op : NumberTest.NAMES) {
            if (!node.containsKey(op)) {
                continue;
            }
            Object operand = node.get(op);
            if (!(operand instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                error(path + "." + op, "expected a number, found " + describe(operand));
                ok = false;
            } else if (count && (n.doubleValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue()))) {
                error(path + "." + op, "expected a whole number of at least 0, found " + describe(operand));
                ok = false;
            } else {
                ops.add(new NumberTest.Op(op, n.doubleValue()));
            }
        }
        if (ops.isEmpty() && ok) {
            error(path, "a " + subject + " needs a comparison: one or more of " + NumberTest.NAMES);
            return null;
        }
        return ok ? new NumberTest(ops) : null;
    }

    private Duration duration(Object value, String path) {
        String expected = "expected an ISO-8601 duration of days, hours or minutes such as \"P30D\", \"PT12H\" or"
                + " \"P2W\"";
        if (!(value instanceof String text)) {
            error(path, expected + ", found " + describe(value));
            return null;
        }
        Duration d;
        Matcher weeks = WEEKS.matcher(text);
        try {
            d = weeks.matches() ? Duration.ofDays(7L * Integer.parseInt(weeks.group(1))) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            String hint = text.matches("P\\d+[MY].*") ? " (months and years vary in length: use days, as in P30D)"
                    : "";
            error(path, expected + ", found \"" + text + "\"" + hint);
            return null;
        }
        if (d.isNegative() || d.isZero() || d.toDays() > MAX_WINDOW_DAYS) {
            error(path, "expected a duration above zero and at most " + MAX_WINDOW_DAYS + " days, found \"" + text
                    + "\"");
            return null;
        }
        return d;
    }

    private String name(Object value, String path, String what) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > 200) {
            error(path, "expected " + what + " (a non-empty string of at most 200 characters), found "
                    + describe(value));
            return null;
        }
        return s;
    }

    private void allowOnly(Map<String, Object> node, String path, String what, Set<String> allowed) {
        for (String key : node.keySet()) {
            if (!allowed.contains(key)) {
                error(path + "." + key, "unknown key in " + what + "; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    /** Refuses a rule whose references lead back to the segment being saved. */
    private void cycles() {
        if (selfId == null || dependsOn.isEmpty()) {
            return;
        }
        Deque<Long> todo = new ArrayDeque<>(dependsOn);
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (id == selfId) {
                error(rootPath, "the segments this rule refers to refer back to segment " + selfId
                        + " (a cycle)");
                return;
            }
            if (seen.add(id)) {
                todo.addAll(graph.dependencies(id));
            }
        }
    }

    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (value instanceof Number n) {
            return "the number " + n;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return "an object";
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }
}
