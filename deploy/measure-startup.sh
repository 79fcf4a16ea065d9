#!/usr/bin/env bash
# Times `serve` (through the container entrypoint) to the first /readyz 200, on free ports.
# Usage: deploy/measure-startup.sh   (builds the jar first via ./switchboard --version if needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/switchboard" --version >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export SWITCHBOARD_JAR="$here/server/target/switchboard.jar" SWITCHBOARD_HTTP_PORT="$port" \
  SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_SIP_ENABLED=false SWITCHBOARD_LOG_FORMAT=text
export JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start=$(date +%s%N)
"$here/deploy/entrypoint.sh" serve >/tmp/switchboard-startup.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { cat /tmp/switchboard-startup.log; exit 1; }
  sleep 0.02
done
end=$(date +%s%N)
echo "serve -> /readyz 200 in $(( (end - start) / 1000000 )) ms"
kill -TERM $pid
wait $pid || true
