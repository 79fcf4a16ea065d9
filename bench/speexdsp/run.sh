#!/usr/bin/env bash
# Side-by-side: Debian's libspeexdsp resampler (C) against Switchboard's Java resampler, same
# speech-like signal, 20 ms frames, both directions of a call (8k <-> 24k), measured in one go.
#
#   bench/speexdsp/run.sh                 # build everything, run speex q7 + q5, then JMH
#   JMH_OPTS="-f 1 -wi 5 -i 10" bench/speexdsp/run.sh
#   SKIP_BUILD=1 bench/speexdsp/run.sh    # reuse bench/target/benchmarks.jar
#   JMH_IGNORE_LOCK=1 bench/speexdsp/run.sh  # run even if another JMH holds /tmp/jmh.lock
#
# Needs gcc, libspeexdsp-dev, python3 (for the table) and a JDK >= 21 (JAVA_HOME or PATH).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SPEEX_SECONDS="${SPEEX_SECONDS:-3}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building the C harness (gcc -O2, -lspeexdsp)"
gcc -O2 -Wall -o "$work/speex_bench" bench/speexdsp/speex_bench.c -lspeexdsp -lm

if [ -z "${SKIP_BUILD:-}" ] || [ ! -f bench/target/benchmarks.jar ]; then
  echo "== building bench/target/benchmarks.jar"
  ./mvnw -B -q -pl bench -am package -DskipTests
fi

echo "== speexdsp (quality 7 and 5, ${SPEEX_SECONDS}s per direction)"
"$work/speex_bench" 7 "$SPEEX_SECONDS" snr | tee "$work/speex.txt"
"$work/speex_bench" 5 "$SPEEX_SECONDS" snr | tee -a "$work/speex.txt"

echo "== JMH: ResamplerBenchmark $JMH_OPTS"
# JMH refuses to start while another JMH run holds /tmp/jmh.lock: on a shared machine that is
# what we want, so wait for it (up to JMH_WAIT_SECONDS); JMH_IGNORE_LOCK=1 runs anyway, noisier.
lock_opt=()
if [ -n "${JMH_IGNORE_LOCK:-}" ]; then lock_opt=(-Djmh.ignoreLock=true); fi
waited=0
while true; do
  # shellcheck disable=SC2086  # JMH_OPTS is a list of options
  if "$JAVA" "${lock_opt[@]}" -jar bench/target/benchmarks.jar ResamplerBenchmark $JMH_OPTS \
    -rf json -rff "$work/jmh.json" >"$work/jmh.log" 2>&1; then
    break
  fi
  if grep -q 'Unable to acquire the JMH lock' "$work/jmh.log" \
    && [ "$waited" -lt "${JMH_WAIT_SECONDS:-900}" ]; then
    echo "   another JMH run holds /tmp/jmh.lock; waiting (${waited}s so far)"
    sleep 10
    waited=$((waited + 10))
    continue
  fi
  cat "$work/jmh.log"
  exit 1
done
grep -E '^(Benchmark|ResamplerBenchmark)' "$work/jmh.log"

echo "== speexdsp q7 again (the machine may be shared: the ratio uses the mean of both runs)"
"$work/speex_bench" 7 "$SPEEX_SECONDS" | tee "$work/speex-after.txt"

python3 - "$work/speex.txt" "$work/speex-after.txt" "$work/jmh.json" <<'PY'
import json, re, sys
from collections import defaultdict

speex = defaultdict(list)  # (quality, direction) -> [(mean, best)]
for path in sys.argv[1:3]:
    for line in open(path):
        m = re.match(r"speex q(\d+) (\d+)->(\d+) mean_ns=(\d+) best_ns=(\d+)", line)
        if m:
            speex[(int(m[1]), f"{m[2]}->{m[3]}")].append((float(m[4]), float(m[5])))

java = {}
for result in json.load(open(sys.argv[3])):
    name = result["benchmark"].rsplit(".", 1)[1]
    raw = [v for fork in result["primaryMetric"]["rawData"] for v in fork]
    java[name] = (result["primaryMetric"]["score"], min(raw))

def sp(q, d, best=False):
    runs = speex[(q, d)]
    return sum(r[1] if best else r[0] for r in runs) / len(runs)

rows = [
    ("8k->24k", "upsample8kTo24k", ["8000->24000"]),
    ("24k->8k", "downsample24kTo8k", ["24000->8000"]),
    ("both directions", None, ["8000->24000", "24000->8000"]),
    ("ulaw decode + 8k->24k", "ulawDecodeThenUpsample", None),
    ("24k->8k + ulaw encode", "downsampleThenUlawEncode", None),
    ("both + ulaw (a call)", "bothDirections", None),
]
print()
print("ns per 20 ms frame (mean; best iteration/pass in brackets)")
print(f"{'operation':24} {'speex q7':>16} {'speex q5':>16} {'java':>16} {'speex q7/java':>14}")
for label, bench, dirs in rows:
    if bench is None:
        jm = java["upsample8kTo24k"][0] + java["downsample24kTo8k"][0]
        jb = java["upsample8kTo24k"][1] + java["downsample24kTo8k"][1]
    else:
        jm, jb = java[bench]
    if dirs:
        s7, s7b = sum(sp(7, d) for d in dirs), sum(sp(7, d, True) for d in dirs)
        s5, s5b = sum(sp(5, d) for d in dirs), sum(sp(5, d, True) for d in dirs)
        ratio = f"{s7 / jm:.2f}x ({s7b / jb:.2f}x)"
        cols = f"{s7:8.0f} ({s7b:5.0f}) {s5:8.0f} ({s5b:5.0f})"
    else:
        ratio, cols = "", f"{'-':>16} {'-':>16}"
    print(f"{label:24} {cols} {jm:8.0f} ({jb:5.0f}) {ratio:>14}")
both = java["upsample8kTo24k"][0] + java["downsample24kTo8k"][0]
call = java["bothDirections"][0]
s7both = sp(7, "8000->24000") + sp(7, "24000->8000")
print()
print(f"calls per core (20 ms / ns per frame, both directions): java resample only "
      f"{20e6 / both:,.0f}, java with ulaw {20e6 / call:,.0f}, speex q7 {20e6 / s7both:,.0f}")
PY
