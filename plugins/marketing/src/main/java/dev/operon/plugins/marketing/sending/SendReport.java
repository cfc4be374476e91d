package dev.operon.plugins.marketing.sending;

/**
 * What one delivery pass over a campaign did.
 *
 * @param sent      delivered (or put in the in-app feed)
 * @param resent    messages found mid-send after a crash and sent again with their original idempotency key
 * @param retrying  failed for now, retried later with back-off
 * @param failed    given up after the configured attempts, or not renderable
 * @param bounced   refused permanently by the far end (recorded, address suppressed)
 * @param deferred  postponed out of the user's quiet hours
 * @param skipped   not sent: no consent, unsubscribed, over budget, left the segment, no address
 * @param stopped   why the pass stopped early (kill switch, campaign killed), or null
 */
public record SendReport(long sent, long resent, long retrying, long failed, long bounced, long deferred,
                         long skipped, String stopped) {

    public static final SendReport NONE = new SendReport(0, 0, 0, 0, 0, 0, 0, null);

    public SendReport plus(SendReport o) {
        return new SendReport(sent + o.sent, resent + o.resent, retrying + o.retrying, failed + o.failed,
                bounced + o.bounced, deferred + o.deferred, skipped + o.skipped,
                stopped != null ? stopped : o.stopped);
    }
}
