package dev.operon.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A way of launching the platform to compare with others in the same run: a label and environment variables for
 * {@code ./operon}. Written {@code label:KEY=VALUE,KEY=VALUE}, several separated by {@code ;}, for example
 * {@code default;no-cds:OPERON_CDS=false;c1:OPERON_JAVA_OPTS=-XX:TieredStopAtLevel=1}. The key {@code REPO} is not
 * an environment variable: it names another checkout (or a copy of one's {@code operon} script and
 * {@code platform-core/target/quarkus-app}) whose {@code ./operon} is launched instead, to compare two builds in one
 * run, for example {@code new;old:REPO=/tmp/operon-base}.
 */
record Variant(String label, Map<String, String> env, String repo) {

    /** The repository whose {@code ./operon} this variant launches. */
    java.nio.file.Path repo(java.nio.file.Path fallback) {
        return repo == null ? fallback : java.nio.file.Path.of(repo);
    }

    static List<Variant> parse(String spec, String defaultJavaOpts) {
        List<Variant> variants = new ArrayList<>();
        for (String part : spec.split(";")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            String label = colon < 0 ? text : text.substring(0, colon);
            Map<String, String> env = new LinkedHashMap<>();
            if (defaultJavaOpts != null && !defaultJavaOpts.isBlank()) {
                env.put("OPERON_JAVA_OPTS", defaultJavaOpts);
            }
            if (colon >= 0) {
                for (String pair : text.substring(colon + 1).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("variant '" + label + "': expected KEY=VALUE, got '" + pair
                                + "'");
                    }
                    env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            String repo = env.remove("REPO");
            variants.add(new Variant(label, env, repo));
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no variant in '" + spec + "'");
        }
        return variants;
    }
}
