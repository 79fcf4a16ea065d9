/**
 * JMH benchmarks for the audio core and the call path. Not run by the test command; build with
 * {@code ./mvnw -B -q package -pl bench -am -DskipTests} and run {@code java -jar
 * bench/target/benchmarks.jar NAME}. See {@code bench/README.md}.
 */
package dev.switchboard.bench;
