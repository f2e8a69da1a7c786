#!/usr/bin/env bash
# Baton benchmarks. One command per scenario:
#   bench/run.sh refresh             refresh chains, demo-web (client_secret_basic), 4 and 16 workers
#   bench/run.sh client-credentials  demo-service tokens, 4 and 16 workers
#   bench/run.sh growth              refresh p99 with 10 000 / 1 000 000 (/ 10 000 000) stored families
#   bench/run.sh profile             JFR profile of the refresh load, top frames, CPU by thread
#   bench/run.sh signing             CPU per RS256 / ES256 signature, JDK against AWS-LC
#   bench/run.sh smoke               10-second run on H2 for CI
# Environment: DB=mariadb|h2|both (default: both when MariaDB answers), WORKERS=4,16, DURATION=20, WARMUP=10,
# ALG=RS256|ES256|EdDSA, BENCH_SERVER_JAVA, BENCH_SERVER_JVM_OPTS, BENCH_SERVER_ARGS, BENCH_SKIP_BUILD=1,
# GROWTH_SIZES="10000 1000000 10000000", PUBLISH=1 (copy the growth chart to docs/).
set -euo pipefail
SCENARIO=${1:?usage: bench/run.sh refresh|client-credentials|growth|profile|signing|smoke}
source "$(dirname "$0")/lib.sh"

WORKERS=${WORKERS:-4,16}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
ALG=${ALG:-}
ALG_ARGS=()
if [ -n "$ALG" ]; then ALG_ARGS=(--baton.keys.algorithm="$ALG"); fi
LABEL_SUFFIX=${LABEL:-}
STAMP=$(date -u +%Y%m%dT%H%M%S)
RESULTS=$RESULTS_DIR/$STAMP-$SCENARIO.tsv

dbs() {
  if [ -n "${DB:-}" ] && [ "$DB" != both ]; then echo "$DB"; return; fi
  if mariadb_up; then echo "mariadb h2"; else echo h2; fi
}

label() { echo "$1${ALG:+-$ALG}${LABEL_SUFFIX:+-$LABEL_SUFFIX}"; }

run_refresh() {
  local db=$1 max
  max=$(echo "$WORKERS" | tr ',' '\n' | sort -n | tail -1)
  prepare_db "$db" refresh
  start_server "${ALG_ARGS[@]}"
  harness seed --base "$BASE" --families "$max" --out "$WORK/tokens"
  harness refresh --base "$BASE" --pid "$SERVER_PID" --tokens "$WORK/tokens" --workers "$WORKERS" \
    --warmup "$WARMUP" --duration "$DURATION" --label "$(label "$db")" --results "$RESULTS" \
    --strict "${STRICT:-false}"
  stop_server
  check_store
  [ "$db" = mariadb ] && mariadb_cli -e "DROP DATABASE IF EXISTS $DB_NAME" && DB_NAME=
  return 0
}

run_client_credentials() {
  local db=$1
  prepare_db "$db" cc
  start_server "${ALG_ARGS[@]}"
  harness client-credentials --base "$BASE" --pid "$SERVER_PID" --workers "$WORKERS" \
    --warmup "$WARMUP" --duration "$DURATION" --label "$(label "$db")" --results "$RESULTS"
  stop_server
  [ "$db" = mariadb ] && mariadb_cli -e "DROP DATABASE IF EXISTS $DB_NAME" && DB_NAME=
  return 0
}

# Growth: one store, extended size by size; at each size a fresh server JVM, the same 16 chains, the same load.
run_growth() {
  local db=${DB:-mariadb} loaded=0 size
  [ "$db" = both ] && db=mariadb
  local sizes=${GROWTH_SIZES:-10000 1000000}
  local workers=${GROWTH_WORKERS:-16}
  prepare_db "$db" growth
  start_server "${ALG_ARGS[@]}"
  harness seed --base "$BASE" --families "$workers" --out "$WORK/tokens"
  stop_server
  : >"$RESULTS_DIR/$STAMP-growth.dat"
  for size in $sizes; do
    if [ "$size" -gt "$loaded" ]; then
      log "bulk loading families $((loaded + 1))..$size"
      harness bulk --jdbc "$JDBC_URL" --user "$JDBC_USER" --from $((loaded + 1)) --to "$size"
      loaded=$size
    fi
    start_server "${ALG_ARGS[@]}"
    harness refresh --base "$BASE" --pid "$SERVER_PID" --tokens "$WORK/tokens" --workers "$workers" \
      --warmup "$WARMUP" --duration "$DURATION" --label "$(label "$db-$size")" --results "$RESULTS"
    stop_server
    awk -F'\t' -v n="$size" 'END { print n, $5, $6, $7, $4 }' "$RESULTS" >>"$RESULTS_DIR/$STAMP-growth.dat"
  done
  check_store
  chart "$RESULTS_DIR/$STAMP-growth.dat" "$RESULTS_DIR/$STAMP-growth.png" "$db"
  echo
  echo "growth ($db, $workers workers): stored families, p50, p90, p99 (ms), req/s"
  cat "$RESULTS_DIR/$STAMP-growth.dat"
  awk 'NR == 1 { first = $4 } END { printf "p99 largest / smallest: %.2f (target <= 1.3)\n", $4 / first }' \
    "$RESULTS_DIR/$STAMP-growth.dat"
  if [ -n "${PUBLISH:-}" ]; then
    mkdir -p "$ROOT/docs/images" && cp "$RESULTS_DIR/$STAMP-growth.png" "$ROOT/docs/images/growth.png"
    log "chart copied to docs/images/growth.png"
  fi
}

chart() {
  if ! command -v gnuplot >/dev/null; then log "gnuplot missing (apt-get install -y gnuplot-nox): no chart"; return; fi
  gnuplot <<GNUPLOT
set terminal pngcairo size 800,450 font "sans,10"
set output "$2"
set title "Baton refresh latency vs stored token families ($3, ${GROWTH_WORKERS:-16} workers)"
set logscale x
set xlabel "stored token families"
set ylabel "latency (ms)"
set yrange [0:*]
set key top left
set grid
plot "$1" using 1:2 with linespoints title "p50", "$1" using 1:3 with linespoints title "p90", \
     "$1" using 1:4 with linespoints title "p99"
GNUPLOT
  log "chart: $2"
}

# CPU time (user + system, clock ticks) of each of the server's thread groups ("http-nio-…-exec", "C2 CompilerThread",
# "GC Thread", …), one "name ticks" line each.
thread_cpu() {
  for t in /proc/"$SERVER_PID"/task/*; do
    printf '%s %s\n' "$(tr ' ' '_' <"$t/comm" | sed -E 's/[-#]?[0-9]+$//')" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done | awk '{ticks[$1] += $2} END {for (name in ticks) print name, ticks[name]}' | sort
}

# Profile: JFR during a refresh load, then the hottest frames (top of stack) and hottest Baton/Spring/JDBC
# frames anywhere on the stack, and which threads spent the server's CPU (the JIT compiler's share shows how far
# from warm the server still is). On Java 25+ the samples are CPU-time samples (jdk.CPUTimeSample), which also
# count time in native code such as the signing library; before, execution samples.
run_profile() {
  local db=${DB:-mariadb} events=jdk.ExecutionSample cpu_time=()
  [ "$db" = both ] && db=mariadb
  if [ "$("$SERVER_JAVA" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $3}')" -ge 25 ]; then
    events=jdk.CPUTimeSample cpu_time=(jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=1ms)
  fi
  SERVER_JVM_OPTS="$SERVER_JVM_OPTS -XX:FlightRecorderOptions:stackdepth=256"
  prepare_db "$db" profile
  start_server "${ALG_ARGS[@]}"
  harness seed --base "$BASE" --families 16 --out "$WORK/tokens"
  harness refresh --base "$BASE" --pid "$SERVER_PID" --tokens "$WORK/tokens" --workers 16 --warmup "$WARMUP" \
    --duration 5 --label warmup >/dev/null
  thread_cpu >"$WORK/threads-before"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$WORK/refresh.jfr" "${cpu_time[@]}" >/dev/null
  harness refresh --base "$BASE" --pid "$SERVER_PID" --tokens "$WORK/tokens" --workers 16 --warmup 1 \
    --duration "$DURATION" --label "$(label "$db")-jfr" --results "$RESULTS"
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  thread_cpu >"$WORK/threads-after"
  stop_server
  cp "$WORK/refresh.jfr" "$RESULTS_DIR/$STAMP-refresh.jfr"
  JFR="$(dirname "$(command -v "$SERVER_JAVA")")/jfr" EVENTS=$events "$(dirname "$0")/jfr-summary.sh" "$RESULTS_DIR/$STAMP-refresh.jfr"
  printf '\nserver CPU by thread (share of the process during the recording):\n'
  join "$WORK/threads-before" "$WORK/threads-after" | awk '{d[$1] = $3 - $2; total += $3 - $2}
    END {for (name in d) if (d[name] > 0) printf "  %5.1f%%  %s\n", 100 * d[name] / total, name}' | sort -rn | head -8
}

build
machine_line
case "$SCENARIO" in
  refresh) for db in $(dbs); do run_refresh "$db"; done ;;
  client-credentials) for db in $(dbs); do run_client_credentials "$db"; done ;;
  growth) run_growth ;;
  profile) run_profile ;;
  signing) "$SERVER_JAVA" -Xmx512m -jar "$BENCH_JAR" signing; exit 0 ;;
  smoke)
    WORKERS=4; WARMUP=3; DURATION=10; STRICT=true; run_refresh h2 ;;
  *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
esac
echo
echo "results: $RESULTS"
