#!/usr/bin/env bash
# Profiles fakes on the benchmark's plain path (GET one mass message, demo key, rate limit off) with JDK Flight
# Recorder, the profiler every JDK 17 has: each jar serves wrk (1 thread, 32 connections) for a warm-up, then a
# recording of PROFILE_SECONDS under the same load. Prints, per jar, the methods most often on top of the CPU samples
# and the fake's own methods most often anywhere on the samples' stacks (what a request spends in the fake's code),
# and the classes allocated most (by JFR's sampled weight), per request served during the recording.
#   benchmarks/profile.sh NAME=JAR... [OUT_DIR]   e.g. benchmarks/profile.sh base=/tmp/base.jar main=fake.jar
# Needs JDK 17+ (java, jcmd, jfr), python3 and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}
WARMUP=${WARMUP:-10s}
PROFILE_SECONDS=${PROFILE_SECONDS:-12}
# JFR's "profile" settings, sampling Java stacks every millisecond instead of every 10 ms (more samples per run).
JFC="$OUT/sampling.jfc"
JAVA_HOME_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
sed 's/<setting name="period" control="method-sampling-java-interval">10 ms</<setting name="period" control="method-sampling-java-interval">1 ms</' \
  "$JAVA_HOME_DIR/lib/jfr/profile.jfc" > "$JFC"
H=(-H 'apiKey: demo-api-key' -H 'x-connection-id: conn_demo')
ONE=/v2/access/mass-messages/5001
for spec in "$@"; do
  name=${spec%%=*}; jar=${spec#*=}
  log="$OUT/$name.log"
  java -jar "$jar" --port 0 --rate-limit off >"$log" 2>&1 & pid=$!
  port=""
  for _ in $(seq 1 300); do
    port=$(grep -oE 'port[: ]+[0-9]+' "$log" | head -1 | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$name did not start" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  wrk -t1 -c32 -d"$WARMUP" "${H[@]}" "http://127.0.0.1:$port$ONE" >/dev/null
  jcmd "$pid" JFR.start name=p settings="$JFC" duration="${PROFILE_SECONDS}s" filename="$OUT/$name.jfr" >/dev/null
  wrk -t1 -c32 -d"$((PROFILE_SECONDS + 1))s" "${H[@]}" "http://127.0.0.1:$port$ONE" >"$OUT/$name.wrk"
  for _ in $(seq 1 100); do [ -s "$OUT/$name.jfr" ] && break; sleep 0.1; done
  sleep 1 # the recording's file is complete once JFR has closed it
  kill "$pid"; wait "$pid" 2>/dev/null || true
  requests=$(python3 -c 'import re,sys; t=open(sys.argv[1]).read(); print(re.search(r"(\d+) requests in", t).group(1))' \
    "$OUT/$name.wrk")
  echo "== $name: $(grep Requests/sec "$OUT/$name.wrk")"
  python3 benchmarks/jfr_top.py "$OUT/$name.jfr" "$requests" "$((PROFILE_SECONDS + 1))"
done
echo "recordings in $OUT" >&2
