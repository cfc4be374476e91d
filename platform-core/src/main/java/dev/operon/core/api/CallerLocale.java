package dev.operon.core.api;

import java.util.Locale;

/**
 * The locale in which input errors are worded for whoever made the current call. The API answers in English; the
 * console supplies the language its pages are shown in, so an operator who reads Chinese gets the form's field errors
 * in Chinese.
 */
public interface CallerLocale {

    /** The caller's locale, English when nothing says otherwise (no request, an API request, a scheduled task). */
    Locale current();
}
