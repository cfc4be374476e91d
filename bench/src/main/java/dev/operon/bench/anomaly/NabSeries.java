package dev.operon.bench.anomaly;

import java.util.List;

/**
 * One NAB data file as the scorer sees it: its row timestamps (epoch milliseconds, in file order) and its labelled
 * anomaly windows as inclusive row-index ranges.
 */
public record NabSeries(String name, long[] timestamps, List<Window> windows) {

    /** Rows {@code first..last}, both included. */
    public record Window(int first, int last) {

        public Window {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("bad window " + first + ".." + last);
            }
        }

        int width() {
            return last - first + 1;
        }
    }

    public int length() {
        return timestamps.length;
    }
}
