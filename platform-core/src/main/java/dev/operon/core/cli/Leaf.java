package dev.operon.core.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a command that does work (as opposed to a group such as {@code task} that only holds subcommands). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Leaf {
}
