package dev.operon.core.privacy;

import dev.operon.sdk.privacy.DataSubject;
import java.util.Map;

/**
 * A part of the core (other than events and profiles, which privacy handles itself) that stores rows about end
 * users: implement it as a CDI bean and privacy requests include it. For example, ingestion's dedupe rows keyed by
 * user. Same contract as the SDK's {@link dev.operon.sdk.privacy.PersonalData}: JSON-ready export, idempotent erase.
 */
public interface CorePersonalData {

    /** A short stable name, the key of this part in exports and erasure reports. */
    String name();

    Map<String, Object> export(DataSubject subject);

    /** Deletes the subject's rows; returns how many (0 the second time). */
    long erase(DataSubject subject);
}
