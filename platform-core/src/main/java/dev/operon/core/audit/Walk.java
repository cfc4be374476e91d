package dev.operon.core.audit;

/**
 * The state of one pass along the chain: which seq and which previous hash the next record must have. {@link #step}
 * accepts a sound record or describes the first break; it never looks at more than the record in hand.
 */
final class Walk {

    /** How the chain broke at {@code record}. */
    enum Kind {
        /** {@code record.seq} is past the expected seq: records are missing. */
        GAP,
        /** The record's fields do not produce its stored hash. */
        HASH_MISMATCH,
        /** The record's {@code prev_hash} is not the previous record's hash. */
        LINK_MISMATCH,
        /** Both of the above. */
        HASH_AND_LINK_MISMATCH,
        /** The record is sound but its hash is not the one the caller knew for it. */
        KNOWN_HASH_MISMATCH
    }

    /**
     * A break in the chain.
     *
     * @param kind         what broke
     * @param record       the record where it broke
     * @param previous     the sound record before it, or null at the start of the walk
     * @param expectedSeq  the seq the record should have had
     * @param expectedPrev the hash its {@code prev_hash} should have been, or null when not checked
     * @param knownHash    for {@link Kind#KNOWN_HASH_MISMATCH}, the hash the caller knew
     * @param next         the record after it, when there is one (helps to tell which part was edited)
     */
    record Break(Kind kind, AuditRecord record, AuditRecord previous, long expectedSeq, String expectedPrev,
                 String knownHash, AuditRecord next) {

        Break withNext(AuditRecord value) {
            return new Break(kind, record, previous, expectedSeq, expectedPrev, knownHash, value);
        }
    }

    private final String knownHash;
    private long expectedSeq;
    private String expectedPrev;
    private AuditRecord last;
    private long checked;

    /**
     * @param fromSeq   the first seq to check; from 1 the first record must link to the genesis hash, from later
     *                  its link is trusted
     * @param knownHash the hash record {@code fromSeq} must have, or null
     */
    Walk(long fromSeq, String knownHash) {
        this.expectedSeq = fromSeq;
        this.expectedPrev = fromSeq == 1 ? AuditHash.GENESIS : null;
        this.knownHash = knownHash;
    }

    /** Accepts {@code record} and returns null, or returns the break it shows. */
    Break step(AuditRecord record) {
        if (record.seq() != expectedSeq) {
            return breakAt(Kind.GAP, record);
        }
        boolean hashOk = record.computeHash().equals(record.hash());
        boolean linkOk = expectedPrev == null || expectedPrev.equals(record.prevHash());
        if (!hashOk || !linkOk) {
            return breakAt(hashOk ? Kind.LINK_MISMATCH : linkOk ? Kind.HASH_MISMATCH : Kind.HASH_AND_LINK_MISMATCH,
                    record);
        }
        if (last == null && knownHash != null && !knownHash.equals(record.hash())) {
            return breakAt(Kind.KNOWN_HASH_MISMATCH, record);
        }
        last = record;
        checked++;
        expectedSeq = record.seq() + 1;
        expectedPrev = record.hash();
        return null;
    }

    /** The last sound record, or null. */
    AuditRecord last() {
        return last;
    }

    long checked() {
        return checked;
    }

    private Break breakAt(Kind kind, AuditRecord record) {
        return new Break(kind, record, last, expectedSeq, expectedPrev, knownHash, null);
    }

    static String missing(long first, long last) {
        return first == last ? "record " + first + " is missing" : "records " + first + " to " + last + " are missing";
    }

    static String shortHash(String hash) {
        return hash == null || hash.length() <= 12 ? String.valueOf(hash) : hash.substring(0, 12) + "...";
    }
}
