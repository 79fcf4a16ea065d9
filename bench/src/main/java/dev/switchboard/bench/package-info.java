/**
 * JMH micro-benchmarks of the per-frame media hot paths (VAD, DTMF detection). Not run by the test
 * build: {@code ./mvnw -B -q package -pl bench -am -DskipTests && java -jar
 * bench/target/benchmarks.jar}. May depend on every library module and JMH; nothing depends on it.
 */
package dev.switchboard.bench;
