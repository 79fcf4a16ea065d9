#!/usr/bin/env bash
# Twilio load benchmark: a standalone Switchboard Twilio node (TwilioServer.main) in one JVM and the
# load generator (simulated callers + fake OpenAI Realtime) in another, on 127.0.0.1.
#   media-streams/bench/twilio-load.sh CALLS DURATION_S [TO]
# TO: +15550000001 (24 kHz transcoding, default) or +15550000002 (u-law passthrough).
# Build first: ./mvnw -B -q package -DskipTests -pl testkit,media-streams -am
# SERVER_ROOT=/path/to/other/checkout runs that checkout's (built) server against this generator,
# e.g. a baseline exported with `git archive <commit> | tar -x -C /tmp/base`.
# The node's heap is committed and touched at start (-Xms = -Xmx, AlwaysPreTouch): without it ZGC
# faults fresh heap pages in while calls run (clear_page was 6.6 % of the node's CPU in perf).
# The generator runs on ZGC too: G1's young pauses (up to 38 ms at 250 calls) stopped every
# simulated caller and the fake at once and showed up as transit tails that were not the node's.
# The node runs as the launcher runs it, with the Vector API module (the echo canceller's SIMD kernel;
# SERVER_JAVA_OPTS=-Dswitchboard.simd=false measures the scalar fallback).
# SERVER_PREFIX: a command prefix for the node, e.g. `taskset -c 0,1` to give it two cores of a
# larger machine while `LOAD_PREFIX="taskset -c 2,3"` keeps the generator off them.
# LOAD_PREFIX: a command prefix for the generator, e.g. `chrt -b 0` (SCHED_BATCH: its wake-ups do
# not preempt the node's threads, as a generator on another machine would not) or `taskset -c 1`.
# SERVER_JAVA_OPTS / LOAD_JAVA_OPTS: extra JVM options (e.g. JFR) for the server / the generator.
# SERVER_ARGS: extra node arguments, e.g. `--io-threads 1` (Undertow IO threads, default 2).
# PORT / FAKE_PORT / SERVER_LOG: another node port, fake-backend port and server log (default
# 18080, 18790, /tmp/twilio-load-server.log), so engineers sharing a machine do not collide.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
calls="${1:-50}"; duration="${2:-30}"; to="${3:-+15550000001}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cd "$here"
server_root="${SERVER_ROOT:-$here}"
port="${PORT:-18080}"; fake_port="${FAKE_PORT:-18790}"; log="${SERVER_LOG:-/tmp/twilio-load-server.log}"
cp_of() {
  (cd "$1" && ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl "$2" 2>/dev/null) \
    | tr ':' '\n' | grep -v '/dev/switchboard/' | paste -sd: -
}
own="$here/transcoding/target/classes:$here/agent-bridge/target/classes"
server_own="$server_root/transcoding/target/classes:$server_root/agent-bridge/target/classes"
server_cp="$server_root/media-streams/target/classes:$server_own:$(cp_of "$server_root" media-streams)"
load_cp="${LOAD_CLASSES:-$here/testkit/target/classes}:$own:$(cp_of "$here" testkit)"
${SERVER_PREFIX:-} "$java" -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseZGC --add-modules jdk.incubator.vector ${SERVER_JAVA_OPTS:-} -cp "$server_cp" dev.switchboard.twilio.TwilioServer \
  --port "$port" --token load-test-token --openai-url "ws://127.0.0.1:$fake_port/v1/realtime" \
  --openai-key sk-load --capacity 2000 ${SERVER_ARGS:-} > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "Twilio endpoints" "$log" && break; sleep 0.1; done
${LOAD_PREFIX:-} "$java" -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseZGC ${LOAD_JAVA_OPTS:-} -cp "$load_cp" dev.switchboard.testkit.twilio.TwilioLoadGenerator \
  --url "http://127.0.0.1:$port" --token load-test-token --to "$to" --calls "$calls" \
  --duration "$duration" --fake-port "$fake_port" --fake-key sk-load --server-pid "$server"
