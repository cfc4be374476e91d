package dev.operon.examples.imageclassifier;

/** The input of queries that take no parameters. */
public record NoInput() {
}
