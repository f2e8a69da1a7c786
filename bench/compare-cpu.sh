#!/usr/bin/env bash
# Where Baton's CPU goes inside ../shared/peer-bench/compare.sh's measured window: runs compare.sh for Baton alone
# (SIDES=baton) and, over 15 s of its 20 s window, reads the CPU time of every Baton thread and of the local mariadbd
# (/proc/<pid>/task/*/stat; no profiler attached, so the run is the same as a plain compare.sh run). Prints
# compare.sh's line, then milliseconds of CPU per refresh: Baton's request threads, its C2 JIT compiler, the rest,
# and MariaDB's (the database shares the same cores).
#
# usage (from the project root): bench/compare-cpu.sh
# env: passed through to compare.sh (MODE, WORKERS, BATON_JAVA, BATON_JVM_OPTS, BATON_ARGS, SKIP_BUILD)
set -euo pipefail
cd "$(dirname "$0")/.."
COMPARE=${COMPARE:-../shared/peer-bench/compare.sh}
[ -x "$COMPARE" ] || { echo "no $COMPARE" >&2; exit 2; }
out=$(mktemp -d /tmp/baton-compare-cpu.XXXXXX)
SIDES=baton "$COMPARE" >"$out/compare.txt" 2>"$out/compare.err" &
compare_pid=$!
until grep -q 'measuring Baton' "$out/compare.err" 2>/dev/null; do
  kill -0 "$compare_pid" 2>/dev/null || { cat "$out/compare.err" >&2; exit 1; }
  sleep 0.5
done
# compare.sh starts Baton from auth-server/target; find its JVM (only read, never signalled)
baton_pid=$(jcmd -l | awk '/auth-server.*\.jar/ {print $1; exit}')
mariadb_pid=$(pgrep -o -x mariadbd || true)
[ -n "$baton_pid" ] || { echo "Baton's JVM not found" >&2; exit 1; }

# thread CPU in clock ticks, summed by thread name without its trailing number
threads() {
  for task in /proc/"$baton_pid"/task/*; do
    { name=$(tr ' ' '_' <"$task/comm") && ticks=$(awk '{print $14 + $15}' "$task/stat"); } 2>/dev/null || continue
    echo "$name $ticks"
  done | awk '{sub(/[-#]?[0-9]+$/, "", $1); sum[$1] += $2} END {for (n in sum) print n, sum[n]}' | sort
}
process_ticks() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }

sleep 11   # compare.sh's 10 s warm-up; its measured window then lasts 20 s, and these 15 s end well inside it
threads >"$out/before"; db_before=$(process_ticks "$mariadb_pid")
sleep 15
threads >"$out/after"; db_after=$(process_ticks "$mariadb_pid")
kill -0 "$baton_pid" 2>/dev/null || { echo "Baton stopped before the second reading" >&2; exit 1; }
wait "$compare_pid" || true   # compare.sh exits 1 when it ran one side only
cat "$out/compare.txt"
rps=$(awk '/^baton/ {print $4}' "$out/compare.txt")
[ -n "$rps" ] || { cat "$out/compare.err" >&2; exit 1; }
hz=$(getconf CLK_TCK)
join "$out/before" "$out/after" | awk -v rps="$rps" -v hz="$hz" -v db=$((db_after - db_before)) '
  { d = ($3 - $2) * 1000 / hz; total += d; if ($1 ~ /^http-nio/) requests += d; else if ($1 ~ /^C2_Compiler/) c2 += d }
  END { n = rps * 15
        printf "CPU per refresh in the window: Baton %.2f ms (request threads %.2f, C2 JIT %.2f, other %.2f); mariadbd %.2f ms\n",
          total / n, requests / n, c2 / n, (total - requests - c2) / n, db * 1000 / hz / n }'
rm -rf "$out"
