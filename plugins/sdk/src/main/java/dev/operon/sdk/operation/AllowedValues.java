package dev.operon.sdk.operation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a text field of an operation's or task's input may take, for a field kept as text (such as
 * {@code positive-uplift}, which is no Java enum constant name). The platform puts them in the field's JSON Schema
 * as {@code enum}, so console forms offer them as a choice. Checking the value stays the plugin's business (its
 * validation reports a field outside the list by name). Since SDK 1.4.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})
public @interface AllowedValues {

    /** The allowed values, in the order a form lists them. */
    String[] value();
}
