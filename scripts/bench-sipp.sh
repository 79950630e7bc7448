#!/usr/bin/env bash
# Transport benchmark (docs/benchmarks.md §2): SIPp's built-in `uac` calls three UASes over UDP on
# 127.0.0.1 — `miville serve`, a JAIN-SIP RI UAS (io.miville.bench.uas.JainSipUas) and `sipp -sn uas` —
# and measures, for each:
#   a. the highest call rate with 0 failed calls: warm-up, a ramp of short runs, then a soak that
#      must pass (else one step down and soak again);
#   b. CPU seconds of the UAS process per 1,000 calls at one fixed rate (CPU_RATE);
#   c. goodput (successful calls/s) at OVERLOAD_FACTOR (1.5) x its own highest clean rate, as a share
#      of that rate.
# SIPp is pinned to CPU 0 and the UAS to CPU 1 (taskset). Every SIPp run has -m and a timeout; every
# process started here is stopped on exit.
#
#   scripts/bench-sipp.sh                                      # the full run (about 25 minutes)
#   SOAK_SECONDS=10 RAMP_SECONDS=3 OVERLOAD_SECONDS=10 CPU_SECONDS=10 SETTLE_SECONDS=5 \
#     RAMP_STEP=1000 scripts/bench-sipp.sh                     # a quick smoke run
#   SYSTEMS='miville jainsip' SKIP_BUILD=1 scripts/bench-sipp.sh   # some of the systems, no build
#
# Settings (environment; defaults in brackets): WARMUP_RATE [1000] WARMUP_SECONDS [10];
# RAMP_START [1000] RAMP_STEP [500] RAMP_MAX [20000] RAMP_SECONDS [10]; SOAK_SECONDS [60]
# SOAK_TRIES [4]; CPU_RATE [2000] CPU_SECONDS [30]; OVERLOAD_FACTOR [1.5] OVERLOAD_SECONDS [60];
# SETTLE_SECONDS [35] (quiet time before and after the CPU run: UDP server transactions live
# 64*T1 = 32 s after their final response); PAUSE_SECONDS [3] (after a warm-up, between ramp steps);
# SYSTEMS ["miville jainsip sipp"]; SUT_JAVA_OPTS [-Xms1g -Xmx1g -XX:+UseG1GC] (both Java UASes);
# JAIN_SIP_THREADS [1]; JAVA [temurin 25]; SKIP_BUILD [0]; OUT [bench/target/results/sipp].
# Extra JVM options for Miville only (for example a JFR recording): MIVILLE_EXTRA_OPTS.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"

JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "$JAVA" ]] || JAVA="$(command -v java)"
WARMUP_RATE="${WARMUP_RATE:-1000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
RAMP_START="${RAMP_START:-1000}"
RAMP_STEP="${RAMP_STEP:-500}"
RAMP_MAX="${RAMP_MAX:-20000}"
RAMP_SECONDS="${RAMP_SECONDS:-10}"
SOAK_SECONDS="${SOAK_SECONDS:-60}"
SOAK_TRIES="${SOAK_TRIES:-4}"
CPU_RATE="${CPU_RATE:-2000}"
CPU_SECONDS="${CPU_SECONDS:-30}"
OVERLOAD_FACTOR="${OVERLOAD_FACTOR:-1.5}"
OVERLOAD_SECONDS="${OVERLOAD_SECONDS:-60}"
SETTLE_SECONDS="${SETTLE_SECONDS:-35}"
PAUSE_SECONDS="${PAUSE_SECONDS:-3}"
SYSTEMS="${SYSTEMS:-miville jainsip sipp}"
SUT_JAVA_OPTS="${SUT_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
JAIN_SIP_THREADS="${JAIN_SIP_THREADS:-1}"
OUT="${OUT:-bench/target/results/sipp}"
SIPP_CPU=0
SUT_CPU=1
BUFF=2097152
CLK_TCK="$(getconf CLK_TCK)"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building cli/target/miville.jar and bench/target/benchmarks.jar"
  mvn -q -B -DskipTests package
  mvn -q -B -Pbench -pl bench -am package -DskipTests
fi
for f in cli/target/miville.jar bench/target/benchmarks.jar; do
  [[ -f "$f" ]] || { echo "bench-sipp: $f is missing (run without SKIP_BUILD=1)" >&2; exit 2; }
done
command -v sipp >/dev/null || { echo "bench-sipp: sipp not found (apt-get install sip-tester)" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"

# --- processes -------------------------------------------------------------------------------

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
trap 'exit 130' INT TERM

# A UDP port nobody uses on 127.0.0.1, and for SIPp's RTP echo a base with base+2 free too.
free_port() {
  python3 - "${1:-1}" <<'EOF'
import random, socket, sys
span = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 60000, 2)
    socks = []
    try:
        for p in range(base, base + span):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            socks.append(s)
            s.bind(("127.0.0.1", p))
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in socks:
            s.close()
EOF
}

# CPU seconds (user + system, all threads) of a process so far, from /proc/PID/stat fields 14, 15.
cpu_seconds() {
  awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / tck }' "/proc/$1/stat"
}

# Starts system $1 on CPU 1 listening on 127.0.0.1:$2; sets SUT_PID (the process itself: the
# launchers exec).
start_sut() {
  local system="$1" port="$2" logf="$OUT/$1.sut.$WARMUPS.log"
  case "$system" in
    miville)
      MIVILLE_NO_BUILD=1 MIVILLE_JAVA="$JAVA" MIVILLE_JAVA_OPTS="$SUT_JAVA_OPTS ${MIVILLE_EXTRA_OPTS:-}" \
        taskset -c "$SUT_CPU" bin/miville serve --udp "127.0.0.1:$port" --log-level warning >"$logf" 2>&1 &
      ;;
    jainsip)
      # shellcheck disable=SC2086 # SUT_JAVA_OPTS is a list of options
      taskset -c "$SUT_CPU" "$JAVA" $SUT_JAVA_OPTS -cp bench/target/benchmarks.jar io.miville.bench.uas.JainSipUas \
        --port "$port" --threads "$JAIN_SIP_THREADS" >"$logf" 2>&1 &
      ;;
    sipp)
      taskset -c "$SUT_CPU" sipp -sn uas -i 127.0.0.1 -p "$port" -mp "$(free_port 3)" -cp "$(free_port)" \
        -buff_size "$BUFF" -nostdin >/dev/null 2>"$logf" &
      ;;
    *) echo "bench-sipp: unknown system $system" >&2; exit 2 ;;
  esac
  SUT_PID=$!
  for _ in $(seq 150); do
    if ! kill -0 "$SUT_PID" 2>/dev/null; then
      echo "bench-sipp: $system did not start:" >&2; tail -20 "$logf" >&2; exit 1
    fi
    if [[ "$system" == sipp ]]; then
      ss -uln 2>/dev/null | grep -q "127.0.0.1:$port " && return 0
    else
      grep -q "listening on udp" "$logf" && return 0
    fi
    sleep 0.2
  done
  echo "bench-sipp: $system not listening after 30 s" >&2; exit 1
}

# run_uac NAME RATE SECONDS [OPEN_LIMIT]: SIPp uac on CPU 0 against the running UAS at RATE calls/s
# for SECONDS (-m RATE*SECONDS). Prints "rc successful failed retransmissions elapsed_s
# sipp_cpu_s". A run is clean when rc is 0 and failed is 0.
TARGET_PORT=""
run_uac() {
  local name="$1" rate="$2" secs="$3" limit="${4:-}" dir="$OUT/runs/$1"
  local calls=$((rate * secs))
  mkdir -p "$dir"
  # Open calls: SIPp's default (-l 3*rate for calls shorter than a second) would throttle the
  # offered load as soon as the UAS falls behind; 40 s of calls never throttles (a call fails
  # after at most ~32 s of retransmissions).
  [[ -n "$limit" ]] || limit=$((rate * 40))
  local rc=0
  timeout -k 5 $((secs + 90)) taskset -c "$SIPP_CPU" /usr/bin/time -f "%U %S" -o "$dir/time" \
    sipp -sn uac "127.0.0.1:$TARGET_PORT" -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port 3)" -cp "$(free_port)" \
    -r "$rate" -rp 1000 -m "$calls" -l "$limit" -buff_size "$BUFF" -nostdin \
    -timeout "$((secs + 60))s" -timeout_error \
    -trace_stat -stf "$dir/stat.csv" -fd 1 -trace_err -error_file "$dir/errors.log" -max_log_size 1000000 \
    >"$dir/sipp.log" 2>&1 || rc=$?
  awk -F';' -v rc="$rc" -v calls="$calls" -v timef="$dir/time" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { last = $0 }
    END {
      n = split(last, v, ";")
      split(v[col["StartTime"]], s, "\t"); split(v[col["CurrentTime"]], c, "\t")
      cpu = "-"
      # /usr/bin/time writes "Command exited with non-zero status N" first when SIPp failed
      while ((getline line < timef) > 0) if (split(line, t, " ") == 2) cpu = sprintf("%.1f", t[1] + t[2])
      ok = v[col["SuccessfulCall(C)"]] + 0; failed = v[col["FailedCall(C)"]] + 0
      # calls SIPp never finished (killed at the bound) count as failed
      if (ok + failed < calls) failed = calls - ok
      printf "%d %d %d %d %.1f %s\n", rc, ok, failed, v[col["Retransmissions(C)"]] + 0, c[3] - s[3], cpu
    }' "$dir/stat.csv" 2>/dev/null || echo "$rc 0 $calls 0 0 -"
}

clean() { [[ "$1" == 0 && "$3" == 0 ]]; }

declare -A CLEAN SOAK CPU CPU_NOTE OVER_RATE GOODPUT SHARE OVER_DETAIL

# A fresh UAS of system $1, warmed up (JIT done) at WARMUP_RATE for WARMUP_SECONDS, then at $2
# calls/s as long if $2 is given, each followed by PAUSE_SECONDS of quiet. A cold JVM cannot take a
# high rate: JAIN-SIP started cold at 2,000 calls/s fills its heap and stops. Every phase, and
# every retry after a failed run, starts from a fresh UAS: one that broke (JAIN-SIP out of heap, a
# backlog of retransmissions) must not spoil the next figure.
fresh_sut() {
  local system="$1" rate r
  stop_sut
  WARMUPS=$((WARMUPS + 1))
  TARGET_PORT="$(free_port)"
  start_sut "$system" "$TARGET_PORT"
  log "$system: started on CPU $SUT_CPU (udp 127.0.0.1:$TARGET_PORT, pid $SUT_PID)"
  for rate in "$WARMUP_RATE" ${2:+"$2"}; do
    r=$(run_uac "$system-warmup-$WARMUPS-$rate" "$rate" "$WARMUP_SECONDS")
    log "$system: warm-up $rate/s x ${WARMUP_SECONDS}s: $r"
    sleep "$PAUSE_SECONDS"
  done
}
WARMUPS=0

measure() {
  local system="$1" r

  # a. the highest rate with 0 failed calls: a ramp of short runs, then a soak at the last clean
  # step; if the soak fails, one step down (fresh UAS) and soak again
  fresh_sut "$system"
  log "$system: columns are: sipp-exit-code successful failed retransmissions elapsed-s sipp-cpu-s"
  local rate="$RAMP_START" best=0
  while ((rate <= RAMP_MAX)); do
    r=$(run_uac "$system-ramp-$rate" "$rate" "$RAMP_SECONDS")
    log "$system: ramp $rate/s x ${RAMP_SECONDS}s: $r"
    # shellcheck disable=SC2086 # the fields of the result
    if clean $r; then best=$rate; else break; fi
    rate=$((rate + RAMP_STEP))
    sleep "$PAUSE_SECONDS"
  done
  ((best > 0)) || best=$((RAMP_START - RAMP_STEP))
  CLEAN[$system]=0
  SOAK[$system]="no clean soak"
  local try s_rc s_ok s_failed s_retrans s_rest
  for ((try = 1; try <= SOAK_TRIES && best > 0; try++)); do
    ((rate > RAMP_MAX && try == 1)) || fresh_sut "$system"
    r=$(run_uac "$system-soak-$best" "$best" "$SOAK_SECONDS")
    log "$system: soak $best/s x ${SOAK_SECONDS}s: $r"
    read -r s_rc s_ok s_failed s_retrans s_rest <<<"$r"
    # shellcheck disable=SC2086
    if clean $r; then
      CLEAN[$system]=$best
      SOAK[$system]="$s_ok calls, $s_failed failed, $s_retrans retransmissions"
      break
    fi
    SOAK[$system]="no clean soak (last: $best/s, $s_failed of $((s_ok + s_failed)) failed)"
    best=$((best - RAMP_STEP))
  done

  # b. CPU per call at CPU_RATE, from a UAS warmed up at that rate whose warm-up transactions have
  # ended; the window closes SETTLE_SECONDS after the run, so that the timers of its transactions
  # (Timers J/K/L, dialog clean-up) are paid for too.
  fresh_sut "$system" "$CPU_RATE"
  sleep "$SETTLE_SECONDS"
  local before after c_rc c_ok c_failed c_retrans c_elapsed c_cpu
  before=$(cpu_seconds "$SUT_PID")
  r=$(run_uac "$system-cpu-$CPU_RATE" "$CPU_RATE" "$CPU_SECONDS")
  sleep "$SETTLE_SECONDS"
  after=$(cpu_seconds "$SUT_PID")
  read -r c_rc c_ok c_failed c_retrans c_elapsed c_cpu <<<"$r"
  CPU[$system]=$(awk -v a="$after" -v b="$before" -v n="$c_ok" 'BEGIN { printf (n > 0 ? "%.3f" : "-"), (a - b) * 1000 / n }')
  CPU_NOTE[$system]="$c_ok ok, $c_failed failed, $c_retrans retransmissions; UAS $(awk -v a="$after" -v b="$before" \
    'BEGIN { printf "%.2f", a - b }') s CPU in ${c_elapsed} s + ${SETTLE_SECONDS} s; SIPp ${c_cpu} s CPU"
  log "$system: CPU run $CPU_RATE/s x ${CPU_SECONDS}s: $r; UAS CPU $before -> $after s"

  # c. overload: OVERLOAD_FACTOR x the highest clean rate, on a fresh UAS
  local base=${CLEAN[$system]} over o_rc o_ok o_failed o_retrans o_elapsed o_cpu
  ((base > 0)) || base=$best
  over=$(awk -v b="$base" -v f="$OVERLOAD_FACTOR" 'BEGIN { printf "%d", b * f + 0.5 }')
  OVER_RATE[$system]=$over
  if ((over > 0)); then
    fresh_sut "$system"
    r=$(run_uac "$system-overload-$over" "$over" "$OVERLOAD_SECONDS")
    log "$system: overload $over/s x ${OVERLOAD_SECONDS}s: $r"
    read -r o_rc o_ok o_failed o_retrans o_elapsed o_cpu <<<"$r"
    GOODPUT[$system]=$(awk -v n="$o_ok" -v t="$o_elapsed" 'BEGIN { printf (t > 0 ? "%.0f" : "-"), n / t }')
    SHARE[$system]=$(awk -v n="$o_ok" -v t="$o_elapsed" -v b="$base" \
      'BEGIN { printf (t > 0 && b > 0 ? "%.0f%%" : "-"), 100 * n / t / b }')
    OVER_DETAIL[$system]="$o_ok ok, $o_failed failed in ${o_elapsed} s, $o_retrans retransmissions, SIPp ${o_cpu} s CPU"
  fi
  stop_sut
}

echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "java:    $("$JAVA" -version 2>&1 | head -1); sipp: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ,]*' | head -1)"
echo "settings: WARMUP ${WARMUP_RATE}/s x ${WARMUP_SECONDS}s; RAMP ${RAMP_START}+${RAMP_STEP}..${RAMP_MAX}/s x ${RAMP_SECONDS}s;" \
  "SOAK ${SOAK_SECONDS}s; CPU ${CPU_RATE}/s x ${CPU_SECONDS}s (+${SETTLE_SECONDS}s); OVERLOAD x${OVERLOAD_FACTOR} for ${OVERLOAD_SECONDS}s;" \
  "SUT_JAVA_OPTS='$SUT_JAVA_OPTS' JAIN_SIP_THREADS=$JAIN_SIP_THREADS"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
for system in $SYSTEMS; do
  measure "$system"
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo

name() { case "$1" in miville) echo "Miville serve" ;; jainsip) echo "JAIN-SIP RI UAS" ;; sipp) echo "sipp -sn uas" ;; esac; }
printf "%-16s | %17s | %-45s | %14s | %-10s | %7s | %s\n" "UAS" "zero-failure rate" "soak ${SOAK_SECONDS}s" \
  "CPU s/1k calls" "overload" "goodput" "share of clean rate"
for system in $SYSTEMS; do
  printf "%-16s | %15s/s | %-45s | %14s | %8s/s | %5s/s | %s\n" "$(name "$system")" "${CLEAN[$system]}" "${SOAK[$system]}" \
    "${CPU[$system]}" "${OVER_RATE[$system]:--}" "${GOODPUT[$system]:--}" "${SHARE[$system]:--}"
done
echo
for system in $SYSTEMS; do
  echo "$(name "$system"): CPU run at ${CPU_RATE}/s: ${CPU_NOTE[$system]}; overload: ${OVER_DETAIL[$system]:--}"
done
if [[ -n "${CLEAN[miville]:-}" && -n "${CLEAN[jainsip]:-}" ]]; then
  awk -v mr="${CLEAN[miville]}" -v jr="${CLEAN[jainsip]}" -v mc="${CPU[miville]}" -v jc="${CPU[jainsip]}" 'BEGIN {
    if (jr > 0) printf "Miville / JAIN-SIP: zero-failure rate %.2fx", mr / jr
    if (mc > 0) printf ", CPU per call %.2f of JAIN-SIP%s", mc / jc, ""
    printf "\n" }'
fi
echo "raw: $OUT/runs/*/ (SIPp stat.csv, errors.log, sipp.log), $OUT/*.sut.*.log (UAS output, one per start)"
