package dev.operon.sdk.operation;

/** The input of an operation that takes no parameters: its JSON body is {@code {}} (since SDK 1.5). */
public record NoInput() {
}
