package dev.operon.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of checking the audit chain.
 *
 * @param intact         true when every checked record matches its hash, links to the one before, and the last one
 *                       is the one the {@code audit_head} row names
 * @param recordsChecked records found sound before the first problem (all of them when intact)
 * @param firstBadSeq    the seq of the first edited, missing or misplaced record; null when intact
 * @param reason         what is wrong there, for people; null when intact
 * @param headSeq        the seq the {@code audit_head} row names
 * @param headHash       the hash the {@code audit_head} row names; with {@code headSeq}, a checkpoint for a later
 *                       incremental check
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long recordsChecked, Long firstBadSeq, String reason, long headSeq,
                                String headHash) {

    static AuditVerification sound(long recordsChecked, long headSeq, String headHash) {
        return new AuditVerification(true, recordsChecked, null, null, headSeq, headHash);
    }

    static AuditVerification broken(long recordsChecked, long firstBadSeq, String reason, long headSeq,
                                    String headHash) {
        return new AuditVerification(false, recordsChecked, firstBadSeq, reason, headSeq, headHash);
    }
}
