package dev.operon.sdk.channel;

/**
 * What happened to a message.
 *
 * @param delivered  accepted by the far end
 * @param permanent  for a failure: retrying will not help
 * @param detail     the far end's answer or the reason, for operators
 */
public record Delivery(boolean delivered, boolean permanent, String detail) {

    public static Delivery ok(String detail) {
        return new Delivery(true, false, detail);
    }

    public static Delivery rejected(String detail) {
        return new Delivery(false, true, detail);
    }
}
