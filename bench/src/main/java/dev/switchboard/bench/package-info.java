/**
 * Benchmarks: JMH for hot paths, main-based for the offline backend's end-to-end figures ({@link
 * dev.switchboard.bench.OfflineBackendBench}). Not run by the test command.
 */
package dev.switchboard.bench;
