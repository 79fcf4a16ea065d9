#!/usr/bin/env bash
# SIP load benchmark: the bridge (SipLoadBench: real call core + in-process 24 kHz backend) in one
# JVM and sipp (PCMU callers streaming speech with rtp_stream) against it on 127.0.0.1.
#   sip/bench/sip-load.sh CALLS RATE SECONDS
# e.g. sip/bench/sip-load.sh 550 100 120 (issue #5 bars) or sip/bench/sip-load.sh 10 10 60 (baseline)
# Build first (no install): ./mvnw -B -q test-compile -pl sip -am
# BENCH_JAVA_OPTS overrides the bridge JVM flags (default: generational ZGC, 1 GiB heap).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
calls="${1:-10}"; rate="${2:-10}"; seconds="${3:-60}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port="${SIP_PORT:-45070}"; out="${OUT_DIR:-/tmp/sip-load-$$}"
mkdir -p "$out"
cd "$here"
deps="$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl sip 2>/dev/null \
  | tr ':' '\n' | grep -v '/dev/switchboard/' | paste -sd: -)"
own="$here/transcoding/target/classes:$here/agent-bridge/target/classes:$here/testkit/target/classes"
# SIP_CLASSES: another build's sip classes and test-classes (A/B runs against a saved build).
sip_classes="${SIP_CLASSES:-$here/sip/target/classes:$here/sip/target/test-classes}"
cp="$sip_classes:$own:$deps"
# Caller audio: speech from espeak-ng (turns and pauses, so VAD and barge-in work), as raw u-law.
if [ ! -s "$out/caller.ulaw" ]; then
  espeak-ng -s 150 -w "$out/speech.wav" \
    "Hello, I would like to check the status of my order. It was placed last week. Thank you." \
    && sox "$out/speech.wav" -r 8000 -c 1 "$out/pad.wav" pad 0 2 \
    && sox "$out/pad.wav" -t raw -e mu-law -r 8000 -c 1 "$out/caller.ulaw"
fi
cp sip/src/test/resources/sipp/load_uac.xml "$out/"
bench_seconds=$(( seconds + calls / rate + 40 ))
"$java" ${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseZGC} --add-modules jdk.incubator.vector -cp "$cp" \
  dev.switchboard.sip.bench.SipLoadBench "$port" "$bench_seconds" > "$out/bench.log" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "listening" "$out/bench.log" && break; sleep 0.1; done
if ! grep -q "listening" "$out/bench.log"; then
  echo "bench did not start (port $port busy? set SIP_PORT):"; tail -5 "$out/bench.log"; exit 1
fi
# Kernel drops on the bridge's RTP sockets (ports 20000-29999; last column of /proc/net/udp),
# sampled every 5 s while calls are up: a full socket receive buffer shows up here, not in the JVM.
( while kill -0 $bench 2>/dev/null; do
    python3 -c '
print(sum(int(l.split()[-1]) for l in open("/proc/net/udp").readlines()[1:]
          if 20000 <= int(l.split()[1].split(":")[1], 16) < 30000))' >> "$out/socket-drops.txt"; sleep 5
  done ) &
(cd "$out" && sipp -sf load_uac.xml -i 127.0.0.1 -p $(( port + 10 )) -mp $(( port + 930 )) -r "$rate" -m "$calls" \
  -l "$calls" -d $(( seconds * 1000 )) -nostdin -trace_err -trace_stat -stf load-stat.csv -fd 1 \
  127.0.0.1:"$port" > sipp.out 2>&1) || true
# The send thread's own CPU and its time runnable but waiting for a core (Linux schedstat:
# run ns, runqueue-wait ns, timeslices): on a shared host most send lateness is this wait.
tid="$(ps -L -o tid=,comm= -p $bench | awk '$2 ~ /^rtp-send/ {print $1; exit}')"
if [ -n "$tid" ] && [ -r "/proc/$bench/task/$tid/schedstat" ]; then
  read -r run_ns wait_ns slices < "/proc/$bench/task/$tid/schedstat"
  echo "rtp-send thread: cpu=$(( run_ns / 1000000 ))ms runqueue-wait=$(( wait_ns / 1000000 ))ms" \
    "wake-ups=$slices mean-wait=$(( wait_ns / (slices + 1) / 1000 ))us" > "$out/send-thread.txt"
fi
sleep 12
echo "== sipp (setup rate: max CallRate(P) over 1 s periods; calls)"
col() { head -1 "$out/load-stat.csv" | tr ';' '\n' | grep -n "^$1\$" | cut -d: -f1; }
echo "max CallRate(P) = $(tail -n +2 "$out/load-stat.csv" | cut -d';' -f"$(col 'CallRate(P)')" | sort -g | tail -1)"
for c in 'OutgoingCall(C)' 'SuccessfulCall(C)' 'FailedCall(C)'; do
  echo "$c = $(tail -1 "$out/load-stat.csv" | cut -d';' -f"$(col "$c")")"
done
cat "$out/send-thread.txt" 2>/dev/null || true
echo "bridge RTP socket drops (kernel, max over samples) = $(sort -n "$out/socket-drops.txt" | tail -1)"
echo "== bridge (report at the most active calls, then the last; full log: $out/bench.log)"
grep '^t=' "$out/bench.log" | sort -t= -k3 -n | tail -1
grep '^t=' "$out/bench.log" | tail -1
