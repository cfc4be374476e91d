package dev.operon.core.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Paths of the WebJar files the console links, with the versions the build put in {@code console/webjars.properties}. */
@ApplicationScoped
public class Assets {

    private final String htmx;
    private final String uplotScript;
    private final String uplotStyles;

    public Assets() {
        Properties versions = new Properties();
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("console/webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("console/webjars.properties is missing from the web-ui jar");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        htmx = "/webjars/htmx.org/" + versions.getProperty("htmx") + "/dist/htmx.min.js";
        // the uPlot WebJar ships dist/uPlot.iife.min.js and dist/uPlot.min.css: the names differ by more than the
        // extension, so each is spelt out (a derived CSS name answered 404 and charts were drawn unstyled)
        String uplot = "/webjars/uplot/" + versions.getProperty("uplot") + "/dist/";
        uplotScript = uplot + "uPlot.iife.min.js";
        uplotStyles = uplot + "uPlot.min.css";
    }

    public String htmx() {
        return htmx;
    }

    public String uplotScript() {
        return uplotScript;
    }

    public String uplotStyles() {
        return uplotStyles;
    }
}
