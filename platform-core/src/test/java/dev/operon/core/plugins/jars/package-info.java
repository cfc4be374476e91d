/**
 * Plugins that tests package into jars at test time ({@link dev.operon.core.plugins.TestJars}) and drop into the
 * plugins folder: one that loads, and one for each reason to refuse a plugin. They are ordinary test classes, but no
 * services file on the test classpath names them, so the platform only ever sees them inside those jars, through
 * their own class loaders. Each class is self-contained: a jar holds the class and its nested classes only.
 */
package dev.operon.core.plugins.jars;
