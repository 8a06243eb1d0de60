#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md on this machine and prints one table.
#   benchmarks/run.sh            # full run (about 15 minutes on 2 cores)
#   QUICK=1 benchmarks/run.sh    # short rounds, to check the script itself
# Needs JDK 17+, git, python3, wrk and redis-server (both installed from Debian packages when missing). Builds the
# fake of BASE_COMMIT (default 63992cd, before the hostile-input work) from this repository's history to compare.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}; WARMUP=${WARMUP:-5s}; ROUNDS=${ROUNDS:-3}; JMH_ARGS=${JMH_ARGS:-}
if [ -n "${QUICK:-}" ]; then DURATION=2s; WARMUP=1s; ROUNDS=1; JMH_ARGS="-wi 1 -i 1 -w 1 -r 1"; fi
CONNECTIONS=32; THREADS=1 # issue 25's configuration: wrk, 1 thread, 32 keep-alive connections
OUT=benchmarks/target/results; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.csv

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
./mvnw -B -q -Pbenchmarks -DskipTests -DskipITs install
JAR=benchmarks/target/benchmarks.jar
FAKE=fake-ofauth-server/target/fake-ofauth-server.jar
WIREMOCK=benchmarks/target/wiremock-standalone.jar
JAVA=${JAVA:-java}

PIDS=()
# The fake as it was before the hostile-input work (issue 25's baseline), built from git into a temporary folder.
BASE_COMMIT=${BASE_COMMIT:-63992cd}
BASE_DIR=$(mktemp -d)
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap 'cleanup; rm -rf "$BASE_DIR"' EXIT
echo "building the fake of $BASE_COMMIT in $BASE_DIR" >&2
git archive "$BASE_COMMIT" | tar -x -C "$BASE_DIR"
# That commit has no Maven wrapper of its own: this checkout's wrapper builds it.
./mvnw -B -q -f "$BASE_DIR/pom.xml" -DskipTests -Dmaven.javadoc.skip=true -Dspotless.check.skip=true \
  -pl fake-ofauth-server -am package
BASE_FAKE="$BASE_DIR/fake-ofauth-server/target/fake-ofauth-server.jar"

# start CMD... : runs a server in the background, waits for its port line, echoes the port
start() {
  local log; log=$(mktemp); "$@" >"$log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 300); do
    local port; port=$(grep -oE 'port[: ]+[0-9]+' "$log" | head -1 | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.1
  done
  echo "server did not start: $*" >&2; cat "$log" >&2; exit 1
}

# the exact bytes every server answers for GET one message
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.Fixtures > "$OUT/one.json"
mkdir -p "$OUT/wiremock/mappings"
python3 - "$OUT" <<'PY'
import base64, json, sys
out = sys.argv[1]
body = open(out + "/one.json", "rb").read()
json.dump({"request": {"method": "GET", "url": "/v2/access/mass-messages/5001"},
           "response": {"status": 200, "headers": {"Content-Type": "application/json; charset=utf-8"},
                        "base64Body": base64.b64encode(body).decode()}},
          open(out + "/wiremock/mappings/one.json", "w"))
PY

FAKE_PORT=$(start $JAVA -jar "$FAKE" --port 0 --rate-limit off)
BASE_PORT=$(start $JAVA -jar "$BASE_FAKE" --port 0 --rate-limit off)
BARE_PORT=$(start $JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.BareVertxServer "$OUT/one.json")
# WireMock's documented performance settings: no journal, no request logging, async responses.
WM_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$JAVA -jar "$WIREMOCK" --port "$WM_PORT" --bind-address 127.0.0.1 --root-dir "$OUT/wiremock" --no-request-journal \
  --disable-request-logging --async-response-enabled=true --container-threads 50 --disable-banner \
  >"$OUT/wiremock.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$WM_PORT/v2/access/mass-messages/5001" >/dev/null && break; sleep 0.1; done

H=(-H 'apiKey: demo-api-key' -H 'x-connection-id: conn_demo')
# run NAME URL [wrk args...] : one wrk round, appends "NAME rps p99_ms" to the csv
run() {
  local name=$1 url=$2; shift 2
  local txt="$OUT/$name.$RANDOM.txt"
  wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" --latency "${H[@]}" "$@" "$url" > "$txt"
  python3 - "$name" "$txt" >> "$OUT/wrk.csv" <<'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{name},{rps},{p99},{non2xx.group(1) if non2xx else 0}")
PY
}

ONE=/v2/access/mass-messages/5001
echo "warm-up..." >&2
for u in "http://127.0.0.1:$FAKE_PORT$ONE" "http://127.0.0.1:$BASE_PORT$ONE" "http://127.0.0.1:$WM_PORT$ONE" \
  "http://127.0.0.1:$BARE_PORT$ONE"; do
  wrk -t$THREADS -c$CONNECTIONS -d"$WARMUP" "${H[@]}" "$u" >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: GET one message, alternating servers" >&2
  run get-one-fake "http://127.0.0.1:$FAKE_PORT$ONE"
  run get-one-fake-base "http://127.0.0.1:$BASE_PORT$ONE"
  run get-one-wiremock "http://127.0.0.1:$WM_PORT$ONE"
  run get-one-bare "http://127.0.0.1:$BARE_PORT$ONE"
  run get-page-fake "http://127.0.0.1:$FAKE_PORT/v2/access/mass-messages?type=scheduled&limit=20"
done

# DELETE of existing messages: a set large enough, reset between rounds.
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.Recordings "$OUT/bulk" 600000
DEL_PORT=$(start $JAVA -Xmx6g -jar "$FAKE" --port 0 --rate-limit off --recordings "$OUT/bulk")
cat > "$OUT/delete.lua" <<'LUA'
local next_base = 0
function setup(thread) thread:set("base", next_base); next_base = next_base + 300000 end
counter = 0
function request()
  counter = counter + 1
  return wrk.format("DELETE", "/v2/access/mass-messages/scheduled/" .. (base + counter),
    {["apiKey"] = "bench-key", ["x-connection-id"] = "conn_bulk"})
end
LUA
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: DELETE existing messages" >&2
  curl -sf -X POST -H "Content-Type: application/json" "http://127.0.0.1:$DEL_PORT/__admin/reset" >/dev/null
  # The fake makes a connection's queue on its first use: make it now, outside the timed round.
  curl -sf -H 'apiKey: bench-key' -H 'x-connection-id: conn_bulk' \
    "http://127.0.0.1:$DEL_PORT/v2/access/mass-messages?limit=1" >/dev/null
  H=(-H 'apiKey: bench-key' -H 'x-connection-id: conn_bulk')
  run delete-fake "http://127.0.0.1:$DEL_PORT" -s "$OUT/delete.lua"
done

# The servers above are done: stop them, so that idle servers (one holding 600,000 messages) are not in the way of
# the start-up rounds.
cleanup; PIDS=()
echo "start-up: process start to first 200" >&2
for r in $(seq 1 "$ROUNDS"); do
  P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "startup-fake,$($JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.StartupTimer "http://127.0.0.1:$P$ONE" \
    "apiKey=demo-api-key,x-connection-id=conn_demo" -- $JAVA -jar "$FAKE" --port "$P")" >> "$OUT/startup.csv"
  P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "startup-fake-archive,$($JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.StartupTimer "http://127.0.0.1:$P$ONE" \
    "apiKey=demo-api-key,x-connection-id=conn_demo" -- fake-ofauth-server/bin/fake-ofauth --port "$P")" >> "$OUT/startup.csv"
  P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "startup-wiremock,$($JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.StartupTimer "http://127.0.0.1:$P$ONE" "" -- \
    $JAVA -jar "$WIREMOCK" --port "$P" --bind-address 127.0.0.1 --root-dir "$OUT/wiremock" --no-request-journal \
    --disable-request-logging --async-response-enabled=true --disable-banner)" >> "$OUT/startup.csv"
done
cleanup; PIDS=()

echo "the JUnit extension's in-process start, first and after" >&2
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.InProcessStartRun 51 2>/dev/null | grep '^inprocess,' > "$OUT/inprocess.csv"

echo "JMH: adapter and decoding" >&2
$JAVA -jar "$JAR" $JMH_ARGS -prof gc -rf csv -rff "$OUT/jmh.csv" 'AdapterBenchmark|DecodingBenchmark|ObservationCostBenchmark' > "$OUT/jmh.txt"

echo "bulk deletion against the rate limit" >&2
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.BulkDeletionRun 2>/dev/null | grep '^bulk,' > "$OUT/bulk.csv"

echo "deletion jobs: requests per message, rate-limit floors, the store's cost" >&2
JOB_ARGS="2000 3"; [ -n "${QUICK:-}" ] && JOB_ARGS="300 1"
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.DeletionJobRun $JOB_ARGS 2>/dev/null | grep '^jobs,' > "$OUT/jobs.csv"

echo "three processes, one connection: local buckets, the budget shared on Redis, one job shared on Redis" >&2
command -v redis-server >/dev/null || { apt-get update -q && apt-get install -y -q redis-server; }
SHARED_ROUNDS=3; [ -n "${QUICK:-}" ] && SHARED_ROUNDS=1
# A run that fails keeps its rounds so far and its error output, and the rest of the benchmarks still run.
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.SharedBudgetRun $SHARED_ROUNDS 2>"$OUT/shared.err" | grep '^shared,' \
  > "$OUT/shared.csv" || echo "SharedBudgetRun failed: $OUT/shared.err says why" >&2

echo "the shared budget under contention: 32 takers in each of 3 processes on one connection" >&2
$JAVA -cp "$JAR" dev.ofauthqueue.benchmarks.BudgetContentionRun $SHARED_ROUNDS 2>"$OUT/contention.err" \
  | grep '^contention,' > "$OUT/contention.csv" || echo "BudgetContentionRun failed: $OUT/contention.err says why" >&2

echo "the simulation of deletion jobs: 10,000 seeds" >&2
SIM_SEEDS=10000; [ -n "${QUICK:-}" ] && SIM_SEEDS=500
./mvnw -B -q test -pl ports -Dtest='JobSimulationTest#everyHistoryKeepsThePromisesOfDeletionJobs' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dofauth.sim.seeds=$SIM_SEEDS
python3 - "$SIM_SEEDS" > "$OUT/sim.csv" <<'PY'
import sys, xml.etree.ElementTree as ET
suite = ET.parse("ports/target/surefire-reports/TEST-dev.ofauthqueue.ports.service.simulation.JobSimulationTest.xml")
case = next(c for c in suite.iter("testcase") if c.get("name") == "everyHistoryKeepsThePromisesOfDeletionJobs")
print(f"sim,{sys.argv[1]},{case.get('time')}")
PY

python3 benchmarks/report.py "$OUT" "$(nproc)" "$(java -version 2>&1 | head -1)"
