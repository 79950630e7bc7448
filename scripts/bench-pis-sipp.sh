#!/usr/bin/env bash
# PIS end-to-end benchmark (docs/pis-cli.md, issue item 9): SIPp sends SEEK (pis-seek.xml) to
# `miville pis serve` with the demo site over UDP on 127.0.0.1, in steps of increasing rate, and
# reports the highest step with 0 failed calls; then the whole visit (pis-visit.xml: SEEK, AIM,
# INVITE, ACK, BYE, FLUSH, WASH) at VISIT_RATE. SIPp runs on CPU 0, the controller on CPU 1
# (taskset). The controller's time runs TIME_SCALE times faster (its holds, flushes and washes are
# seconds long: at scale 1 the site's ~400 proxies, each held 60 s by a 200 Proxy Available, would
# bound the rate at about 7 SEEKs/s; the protocol and the stack are what is measured here).
#
#   scripts/bench-pis-sipp.sh                          # about 2 minutes
#   RATES='1000 2000' STEP_SECONDS=5 SKIP_BUILD=1 scripts/bench-pis-sipp.sh
#
# Settings (environment; defaults in brackets): RATES ["500 1000 2000 3000 4000 6000"]
# STEP_SECONDS [10]; VISIT_RATE [20] VISIT_SECONDS [10]; TIME_SCALE [1000]; PORT [5070];
# SUT_JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; JAVA [temurin 25]; SKIP_BUILD [0];
# OUT [bench/target/results/pis-sipp].
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "$JAVA" ]] || JAVA="$(command -v java)"
RATES="${RATES:-500 1000 2000 3000 4000 6000}"
STEP_SECONDS="${STEP_SECONDS:-10}"
VISIT_RATE="${VISIT_RATE:-20}"
VISIT_SECONDS="${VISIT_SECONDS:-10}"
TIME_SCALE="${TIME_SCALE:-1000}"
PORT="${PORT:-5070}"
SUT_JAVA_OPTS="${SUT_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC}"
OUT="${OUT:-bench/target/results/pis-sipp}"
SCENARIOS=pis/src/test/resources/sipp

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building cli/target/miville.jar"
  mvn -q -B -o -DskipTests package -pl cli -am
fi
[[ -f cli/target/miville.jar ]] || { echo "bench-pis-sipp: cli/target/miville.jar is missing" >&2; exit 2; }
command -v sipp >/dev/null || { echo "bench-pis-sipp: sipp not found (apt-get install sip-tester)" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# the airport's clusters of the demo site, one a line, taken in turn by SIPp
{
  echo SEQUENTIAL
  sed -n 's/^ *controller: resourcecontroller@\(.*\.msy\.example\)$/\1/p' config/pis-demo-site.yaml
} > "$OUT/clusters.csv"
log "$(($(wc -l < "$OUT/clusters.csv") - 1)) clusters in $OUT/clusters.csv"

SUT_PID=""
stop_sut() {
  if [[ -n "$SUT_PID" ]] && kill -0 "$SUT_PID" 2>/dev/null; then
    kill -TERM "$SUT_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SUT_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SUT_PID" 2>/dev/null || true
    wait "$SUT_PID" 2>/dev/null || true
  fi
  SUT_PID=""
}
trap stop_sut EXIT

# shellcheck disable=SC2086
taskset -c 1 "$JAVA" $SUT_JAVA_OPTS -jar cli/target/miville.jar pis serve --udp "127.0.0.1:$PORT" \
  --time-scale "$TIME_SCALE" --log-level warning > "$OUT/serve.log" 2>&1 &
SUT_PID=$!
for _ in $(seq 100); do
  grep -q "listening on udp" "$OUT/serve.log" 2>/dev/null && break
  kill -0 "$SUT_PID" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
  sleep 0.2
done
log "pis serve on 127.0.0.1:$PORT (pid $SUT_PID), time scale $TIME_SCALE"

# one SIPp run pinned to CPU 0; prints "successful failed"
run_sipp() {
  local name="$1" scenario="$2" rate="$3" calls="$4"; shift 4
  local dir="$OUT/$name"
  mkdir -p "$dir"
  (cd "$dir" && timeout $((STEP_SECONDS + VISIT_SECONDS + 60)) taskset -c 0 sipp -sf "$OLDPWD/$scenario" "$@" \
      -i 127.0.0.1 -t u1 -r "$rate" -m "$calls" -l $((rate * 2)) -max_socket 100 -timeout 60s \
      -timeout_error -nostdin -trace_stat -stf stats.csv -fd 1 -trace_err -error_file errors.log \
      "127.0.0.1:$PORT" > out.log 2>&1) || true
  awk -F';' 'NR==1{for(i=1;i<=NF;i++){if($i=="SuccessfulCall(C)")s=i;if($i=="FailedCall(C)")f=i}} END{print $s+0, $f+0}' \
    "$dir/stats.csv"
}

best=0
for rate in $RATES; do
  calls=$((rate * STEP_SECONDS))
  read -r ok failed < <(run_sipp "seek-$rate" "$SCENARIOS/pis-seek.xml" "$rate" "$calls" -inf "$OUT/clusters.csv")
  log "SEEK at $rate/s for ${STEP_SECONDS}s: $ok successful, $failed failed"
  if [[ "$failed" == 0 && "$ok" == "$calls" ]]; then
    best=$rate
  else
    break
  fi
  sleep 2
done

calls=$((VISIT_RATE * VISIT_SECONDS))
read -r vok vfailed < <(run_sipp "visit-$VISIT_RATE" "$SCENARIOS/pis-visit.xml" "$VISIT_RATE" "$calls" \
  -key cluster terminal-checkin-w.msy.example -inf "$OUT/clusters.csv")
log "visit at $VISIT_RATE/s for ${VISIT_SECONDS}s: $vok successful, $vfailed failed"

stop_sut
tail -3 "$OUT/serve.log" >&2 || true
echo "pis-sipp: highest SEEK rate with 0 failures: $best/s (steps: $RATES, ${STEP_SECONDS}s each, time scale $TIME_SCALE)"
echo "pis-sipp: whole visit at $VISIT_RATE/s: $vok successful, $vfailed failed"
