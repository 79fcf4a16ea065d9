/**
 * JMH benchmarks of the media hot paths (run from the shaded {@code benchmarks.jar}; never part of
 * the test build). May depend on every library module plus JMH.
 */
package dev.switchboard.bench;
