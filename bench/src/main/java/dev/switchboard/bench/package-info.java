/**
 * JMH benchmarks for the audio core and the call path. Not run by the test command; build with
 * {@code ./mvnw -B -q package -pl bench -am -DskipTests} and run {@code java -jar
 * bench/target/benchmarks.jar NAME}. See {@code bench/README.md}.
 *
 * <p>{@link dev.switchboard.bench.OfflineBackendBench} is main-based (model loading and real-time
 * pacing do not fit JMH iterations): {@code java -cp bench/target/benchmarks.jar
 * dev.switchboard.bench.OfflineBackendBench [sessions]}.
 */
package dev.switchboard.bench;
