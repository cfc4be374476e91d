package dev.operon.plugins.anomaly.detect;

/**
 * A CAD OSE context: a left semi-context (facts seen together) followed by a right one (facts that came next), with
 * the counts that say how well it has predicted and how often it was confirmed.
 */
final class CadContext {

    final int id;
    final SemiContext left;
    final SemiContext right;
    /** Whether it was ever formed directly from two consecutive steps (not only grown from an intersection). */
    boolean zeroLevel;
    /** Sum of the right half's size over the steps whose left half was fully present. */
    long selectedWeight;
    /** Sum of the right half's facts that then followed. */
    long confirmedWeight;
    /** Steps on which both halves were fully present. */
    int activations;

    CadContext(int id, SemiContext left, SemiContext right, boolean zeroLevel) {
        this.id = id;
        this.left = left;
        this.right = right;
        this.zeroLevel = zeroLevel;
    }

    /** The share of its right half that followed when its left half was present (0 before it ever was). */
    double predictiveWeight() {
        return selectedWeight > 0 ? confirmedWeight / (double) selectedWeight : 0.0;
    }
}
