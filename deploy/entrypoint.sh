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
# exec: java is PID 1's child-free replacement, so it receives SIGTERM directly and drains.
exec "$java" ${SWITCHBOARD_JAVA_OPTS:-} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
