package dev.operon.sdk.profiles;

import java.util.Map;

/**
 * What an end user allowed, per purpose, after the platform applied its configured defaults to the user's explicit
 * choices. Plugins must check it before using a profile for a purpose: {@link #MARKETING} before sending,
 * {@link #PERSONALIZATION} before personalising, {@link #ANALYTICS} before including the user in models.
 *
 * @param purposes purpose to allowed
 */
public record Consent(Map<String, Boolean> purposes) {

    public static final String ANALYTICS = "analytics";
    public static final String PERSONALIZATION = "personalization";
    public static final String MARKETING = "marketing";

    public Consent {
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
    }

    /** True when the purpose is allowed; an unknown purpose is not. */
    public boolean allows(String purpose) {
        return Boolean.TRUE.equals(purposes.get(purpose));
    }
}
