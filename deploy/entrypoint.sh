#!/bin/sh
# Container entrypoint: `serve [--config FILE]`, any other switchboard subcommand, or
# `healthcheck` (GET /readyz on the configured HTTP port, without curl in the image).
set -eu
jar="${SWITCHBOARD_JAR:-/opt/switchboard/switchboard.jar}"
java="${JAVA:-java}"
if [ "${1:-}" = "healthcheck" ]; then
  port="${SWITCHBOARD_HTTP_PORT:-8080}"
  exec "$java" -cp "$jar" dev.switchboard.server.cli.HealthCheck "http://127.0.0.1:${port}/readyz"
fi
# Generational ZGC: sub-millisecond pauses keep the 20 ms RTP grid and Twilio pacing on time under
# load (measured with sip/bench/sip-load.sh: send lateness p99 43 ms with G1 vs 17 ms with ZGC on
# a busy host). Full JIT: calls run for minutes, so peak throughput beats C1-only start-up savings.
# SWITCHBOARD_JAVA_OPTS naming a collector (-XX:+Use...GC) replaces the default one.
case " ${SWITCHBOARD_JAVA_OPTS:-} " in
  *" -XX:+Use"*"GC "*) gc="" ;;
  *) gc="-XX:+UseZGC" ;;
esac
# The Vector API module lets the echo canceller use SIMD (scalar fallback without it).
# exec: java is PID 1's child-free replacement, so it receives SIGTERM directly and drains.
exec "$java" $gc --add-modules jdk.incubator.vector ${SWITCHBOARD_JAVA_OPTS:-} -jar "$jar" "$@"
