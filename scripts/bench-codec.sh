#!/usr/bin/env bash
# Codec benchmarks: Miville against the JAIN-SIP RI over the same messages (docs/benchmarks.md).
#
#   scripts/bench-codec.sh                      # everything, settings for a 2-core machine
#   scripts/bench-codec.sh 'CodecBenchmark.*Parse'   # a JMH regex; further JMH options may follow
#   JMH_OPTS='-f 1 -wi 3 -i 3 -w 1s -r 1s' scripts/bench-codec.sh   # quicker, noisier
#   SKIP_BUILD=1 scripts/bench-codec.sh         # reuse bench/target/benchmarks.jar
#
# Prints the load before and after (other work on the machine skews the numbers), then a table
# of ops/s and the Miville/JAIN-SIP ratio. Raw results: bench/target/results/codec.{csv,log}.
set -euo pipefail

cd "$(dirname "$0")/.."

JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
if [[ ! -x "$JAVA" ]]; then
  JAVA="$(command -v java)"
fi
JMH_OPTS="${JMH_OPTS:--f 2 -wi 5 -i 5 -w 3s -r 2s}"
# CPU time per op as well as ops/s: it holds up when other work shares the cores (see the class).
PROF_OPTS="${PROF_OPTS:--prof io.miville.bench.CpuTimeProfiler}"
OUT="bench/target/results"
JAR="bench/target/benchmarks.jar"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B -Pbench -pl bench -am package -DskipTests
fi
mkdir -p "$OUT"

# Pin to one core (CPU 1 by default) so the measured thread is not moved around; the JIT and
# GC threads share it, which costs warm-up time but not steady-state throughput.
PIN=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc)" -gt 1 ]]; then
  PIN=(taskset -c "${BENCH_CPU:-1}")
fi

echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "java:    $("$JAVA" -version 2>&1 | head -1)"
echo "command: ${PIN[*]} $JAVA -jar $JAR $JMH_OPTS $PROF_OPTS $*"
echo "load before: $(uptime)"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
"${PIN[@]}" "$JAVA" -jar "$JAR" $JMH_OPTS $PROF_OPTS -rf csv -rff "$OUT/codec.csv" "$@" >"$OUT/codec.log" 2>&1 || {
  tail -40 "$OUT/codec.log"
  exit 1
}
echo "load after:  $(uptime)"
echo

# The JMH table, then Miville against JAIN-SIP side by side: throughput, and CPU time per op
# where the profiler ran (its ratio is JAIN-SIP's time over Miville's, so above 1 means faster).
sed -n '/^Benchmark /,$p' "$OUT/codec.log"
echo
awk -F, '
  NR == 1 { next }
  {
    sub(/\r$/, "")
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    metric = "ops"
    if ($1 ~ /:cpu\.time\.norm$/) { metric = "cpu"; sub(/:cpu\.time\.norm$/, "", $1) }
    else if ($1 ~ /:/) next
    n_parts = split($1, parts, ".")
    bench = parts[n_parts]
    msg = (NF >= 8 && $8 != "") ? $8 : "mix (4 msgs)"
    if (bench ~ /Respond$/) msg = "200 to INVITE"
    else if (bench ~ /Built$|BuildAndEncode$/) msg = "INVITE (builder)"
    op = bench
    sub(/^(miville|jainSip)/, "", op)
    side = (bench ~ /^miville/) ? "m" : "j"
    key = op SUBSEP msg
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    score[key, side, metric] = $5
    err[key, side, metric] = ($6 == "NaN") ? "" : sprintf(" ±%.0f", $6)
  }
  function cell(key, side, metric) {
    return ((key, side, metric) in score) ? sprintf("%.0f%s", score[key, side, metric], err[key, side, metric]) : "-"
  }
  function ratio(a, b) {
    return (a != "" && b != "" && b > 0) ? sprintf("%.1fx", a / b) : "-"
  }
  END {
    printf "%-15s %-17s %20s %20s %6s  %16s %16s %6s\n", "operation", "message", "Miville ops/s", "JAIN-SIP ops/s", "ratio",
        "Miville cpu ns/op", "JAIN-SIP ns/op", "ratio"
    for (k = 1; k <= n; k++) {
      key = order[k]
      split(key, kk, SUBSEP)
      printf "%-15s %-17s %20s %20s %6s  %16s %16s %6s\n", kk[1], kk[2],
          cell(key, "m", "ops"), cell(key, "j", "ops"), ratio(score[key, "m", "ops"], score[key, "j", "ops"]),
          cell(key, "m", "cpu"), cell(key, "j", "cpu"), ratio(score[key, "j", "cpu"], score[key, "m", "cpu"])
    }
  }' "$OUT/codec.csv"
