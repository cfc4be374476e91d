package dev.operon.plugins.marketing.sending;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders message templates with Qute, standalone. Templates see {@code user} (the profile's traits),
 * {@code profileId}, {@code campaign} (its name), {@code variant}, {@code unsubscribeUrl} and {@code recommendations}
 * ({@link TemplateRecommendations}: {@code recommendations.top(3)}). Rendering is strict: a
 * template naming a trait the user lacks fails unless it gives a default ({@code {user.first_name ?: 'there'}}).
 * HTML templates escape what they insert. Parsed templates are cached by their text. Thread-safe.
 */
public final class MessageRenderer {

    private static final int CACHE_LIMIT = 2_000;

    private final Engine engine = Engine.builder().addDefaults().strictRendering(true)
            .addValueResolver(new TopResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).build();
    private final Map<String, Template> html = new ConcurrentHashMap<>();
    private final Map<String, Template> text = new ConcurrentHashMap<>();

    /** Parses a template; throws {@link IllegalArgumentException} with Qute's reason when it is malformed. */
    public void check(String template, boolean asHtml) {
        template(template, asHtml);
    }

    /** Renders a template with these values. */
    public String render(String template, boolean asHtml, Map<String, Object> values) {
        if (template == null) {
            return null;
        }
        Template parsed = template(template, asHtml);
        var instance = parsed.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    private Template template(String source, boolean asHtml) {
        Map<String, Template> cache = asHtml ? html : text;
        Template cached = cache.get(source);
        if (cached != null) {
            return cached;
        }
        Template parsed;
        try {
            parsed = engine.parse(source, Variant.forContentType(asHtml ? Variant.TEXT_HTML : Variant.TEXT_PLAIN));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(source, parsed);
        return parsed;
    }

    /** {@code recommendations.top(n)}: standalone Qute has no reflection, so the one method is resolved here. */
    private static final class TopResolver implements ValueResolver {

        @Override
        public boolean appliesTo(EvalContext context) {
            return context.getBase() instanceof TemplateRecommendations && "top".equals(context.getName())
                    && context.getParams().size() == 1;
        }

        @Override
        public java.util.concurrent.CompletionStage<Object> resolve(EvalContext context) {
            TemplateRecommendations recommendations = (TemplateRecommendations) context.getBase();
            return context.evaluate(context.getParams().get(0)).thenApply(count -> {
                if (count instanceof Number n) {
                    return (Object) recommendations.top(n.intValue());
                }
                try {
                    return recommendations.top(Integer.parseInt(String.valueOf(count).strip()));
                } catch (NumberFormatException e) {
                    return Results.NotFound.from(context);
                }
            });
        }
    }
}
