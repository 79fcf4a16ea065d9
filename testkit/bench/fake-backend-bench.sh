#!/usr/bin/env bash
# The fake OpenAI Realtime backend's CPU alone (FakeBackendBench.java), without a node or callers:
#   testkit/bench/fake-backend-bench.sh CONNECTIONS SECONDS
# Build first: ./mvnw -B -q package -DskipTests -pl testkit -am
# TESTKIT_CLASSES: another build's testkit classes (e.g. a baseline exported with
# `git archive <commit> | tar -x -C /tmp/base` and built there) to compare in the same session.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-200}"; seconds="${2:-15}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cd "$here"
deps="$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl testkit 2>/dev/null \
  | tr ':' '\n' | grep -v '/dev/switchboard/' | paste -sd: -)"
cp="${TESTKIT_CLASSES:-$here/testkit/target/classes}:$here/transcoding/target/classes:$here/agent-bridge/target/classes:$deps"
"$java" -Xmx1g -cp "$cp" "$here/testkit/bench/FakeBackendBench.java" "$n" "$seconds"
