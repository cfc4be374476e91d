package dev.operon.bench;

/** One end-to-end benchmark: starts what it needs, measures, stops everything it started. */
interface Benchmark {

    /** Runs the benchmark and returns its findings, not yet printed. */
    Report run() throws Exception;
}
