package dev.operon.core.plugins;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.sdk.panel.Widget;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Writes each panel {@link Widget} with a {@code type} discriminator ({@code table}, {@code time-series},
 * {@code kpi}, {@code form}, {@code text}) so that the console knows what to draw. A Jackson mix-in, so that the SDK
 * stays free of Jackson.
 */
@Singleton
public class PanelJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Widget.class, WidgetTypes.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Widget.Table.class, name = "table"),
            @JsonSubTypes.Type(value = Widget.TimeSeries.class, name = "time-series"),
            @JsonSubTypes.Type(value = Widget.Kpi.class, name = "kpi"),
            @JsonSubTypes.Type(value = Widget.Form.class, name = "form"),
            @JsonSubTypes.Type(value = Widget.Text.class, name = "text")})
    interface WidgetTypes {
    }
}
