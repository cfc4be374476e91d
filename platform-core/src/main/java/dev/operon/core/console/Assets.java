package dev.operon.core.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Paths of the WebJar files the console links, with the versions the build put in {@code console/webjars.properties}. */
@ApplicationScoped
public class Assets {

    private final String htmx;
    private final String uplot;

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
        uplot = "/webjars/uplot/" + versions.getProperty("uplot") + "/dist/uPlot.iife.min";
    }

    public String htmx() {
        return htmx;
    }

    /** Without the extension: {@code .js} and {@code .css} follow. */
    public String uplot() {
        return uplot;
    }
}
