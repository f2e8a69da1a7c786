#!/usr/bin/env bash
# Baton's multi-node harness: Baton nodes (the packaged jar, profile mysql, ports chosen free at runtime, bound to
# 127.0.0.1) on one private MariaDB or on a three-member Galera cluster, and the scenarios of
# bench/src/main/java/dev/baton/bench/ClusterScenarios.java. One command per suite:
#   bench/cluster/run.sh ci        two nodes on one private MariaDB, a few races each (CI, under 2 minutes)
#   bench/cluster/run.sh mariadb   the full scenarios on one private MariaDB, the database killed under load
#   bench/cluster/run.sh galera    the full scenarios on two members of a three-member Galera cluster
#   bench/cluster/run.sh galera-baseline   replays and alternating refreshes on Galera without the conflict retry
#                                  and with wsrep_sync_wait=0: what the galera suite's targets guard against
# Environment: RACES=100, PARALLEL=10, REFRESHES=10000, LOAD_SECONDS=30, DB_KILLS=1 (mariadb suite: database kills
# under load, one after the other), BENCH_SKIP_BUILD=1 (reuse the jars),
# CLUSTER_KEEP=1 (keep the work directory with every log), NODE_JVM_OPTS, NODE_ARGS (extra Spring arguments of
# every node, e.g. --baton.database.retry.max-attempts=1 to see the conflicts without the retry).
# Everything the harness starts is stopped by PID when it ends; the shared server on 3306 is never touched.
set -euo pipefail
SUITE=${1:?usage: bench/cluster/run.sh ci|mariadb|galera}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SERVER_JAR=$ROOT/auth-server/target/auth-server-0.1.0-SNAPSHOT.jar
BENCH_JAR=$ROOT/bench/target/baton-bench.jar
NODE_JVM_OPTS=${NODE_JVM_OPTS:--Xms128m -Xmx384m -XX:+UseSerialGC}
CLUSTER_WORK=$(mktemp -d /tmp/baton-cluster.XXXXXX)
declare -a DB_PORT DB_PID GCOMM_PORT IST_PORT SST_PORT NODE_PORT NODE_PID NODE_MEMBER
FAILED=()
BASELINE_ARGS=()

log() { printf '[cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# shellcheck source=db.sh
source "$HERE/db.sh"

cleanup() {
  local i
  for i in "${!NODE_PID[@]}"; do node_kill "$i"; done
  db_down_all
  if [ -n "${CLUSTER_KEEP:-}" ]; then log "work directory kept: $CLUSTER_WORK"; else rm -rf "$CLUSTER_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() {
  if [ -n "${BENCH_SKIP_BUILD:-}" ] && [ -f "$SERVER_JAR" ] && [ -f "$BENCH_JAR" ]; then return; fi
  log "building auth-server and the harness"
  (cd "$ROOT" && ./mvnw ${MAVEN_FLAGS:-} -q -B -pl auth-server -DskipTests package \
    && ./mvnw ${MAVEN_FLAGS:-} -q -B -f bench/pom.xml package)
}

harness() { java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$BENCH_JAR" "$@"; }

# node_start I MEMBER: Baton node I on database member MEMBER (1 for the private server), in the background.
node_start() {
  local i=$1 member=$2
  NODE_PORT[$i]=${NODE_PORT[$i]:-$(free_port)}
  NODE_MEMBER[$i]=$member
  BATON_DB_URL="jdbc:mariadb://127.0.0.1:${DB_PORT[$member]}/baton" BATON_DB_USER=root BATON_DB_PASSWORD= \
    BATON_KEY_ENCRYPTION_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= \
    setsid java $NODE_JVM_OPTS -jar "$SERVER_JAR" --spring.profiles.active=mysql --server.port="${NODE_PORT[$i]}" \
    --server.address=127.0.0.1 --baton.issuer="http://127.0.0.1:${NODE_PORT[1]}" --baton.demo.enabled=true \
    --logging.file.name= --logging.level.dev.baton.auth.database.TransactionRetry=DEBUG ${NODE_ARGS:-} "${BASELINE_ARGS[@]}" >>"$CLUSTER_WORK/node$i.log" 2>&1 &
  NODE_PID[$i]=$!
}

node_wait() {
  local i=$1 n
  for n in $(seq 1 240); do
    if ! kill -0 "${NODE_PID[$i]}" 2>/dev/null; then log "node $i exited:"; tail -40 "$CLUSTER_WORK/node$i.log" >&2; return 1; fi
    if curl -sf -o /dev/null "http://127.0.0.1:${NODE_PORT[$i]}/actuator/health/readiness"; then
      log "node $i up on 127.0.0.1:${NODE_PORT[$i]} (pid ${NODE_PID[$i]}, database member ${NODE_MEMBER[$i]})"; return 0
    fi
    sleep 0.5
  done
  log "node $i did not start in 120 s"; tail -40 "$CLUSTER_WORK/node$i.log" >&2; return 1
}

node_kill() {
  local i=$1
  [ -n "${NODE_PID[$i]:-}" ] || return 0
  kill -9 "${NODE_PID[$i]}" 2>/dev/null || true
  wait "${NODE_PID[$i]}" 2>/dev/null || true
  NODE_PID[$i]=
}

# Node 1 first: it migrates the schema and creates the first signing key; node 2 starts on a ready database.
nodes_up() {
  node_start 1 "$1"; node_wait 1
  node_start 2 "$2"; node_wait 2
}

nodes() { echo "http://127.0.0.1:${NODE_PORT[1]},http://127.0.0.1:${NODE_PORT[2]}"; }

jdbc() { echo "jdbc:mariadb://127.0.0.1:${DB_PORT[1]}/baton"; }

# scenario NAME ARGS...: runs one harness scenario, keeps its report, remembers a failure, goes on.
scenario() {
  local name=$1; shift
  log "scenario: $name"
  if harness "$@" | tee -a "$CLUSTER_WORK/report.txt"; then :; else FAILED+=("$name"); fi
  conflicts | tee -a "$CLUSTER_WORK/report.txt"
}

# conflicts: the transactions each node ran again after losing a race, so far (TransactionRetry's DEBUG lines).
conflicts() {
  local i line=""
  for i in 1 2; do
    [ -f "$CLUSTER_WORK/node$i.log" ] || continue
    line+=" node $i $(grep -c 'conflict with a concurrent transaction' "$CLUSTER_WORK/node$i.log" || true),"
  done
  echo "  transactions retried after a conflict, so far:${line%,}"
}

# under_load NAME SECONDS ACTION_AT ACTION [RECOVERY_AT RECOVERY]: the failover load, with a fault injected.
under_load() {
  local name=$1 seconds=$2 at=$3 action=$4 recovery_at=${5:-} recovery=${6:-} load
  log "scenario: $name"
  harness load --nodes "$(nodes)" --chains 16 --duration "$seconds" --jdbc "$(jdbc)" \
    >"$CLUSTER_WORK/$name.out" 2>&1 &
  load=$!
  sleep "$at"; log "$name: $action"; eval "$action"
  if [ -n "$recovery" ]; then sleep $((recovery_at - at)); log "$name: $recovery"; eval "$recovery"; fi
  if wait "$load"; then :; else FAILED+=("$name"); fi
  sed "s/^load /$name: load /" "$CLUSTER_WORK/$name.out" | tee -a "$CLUSTER_WORK/report.txt"
}

# outage: token endpoint latency while the (private) database is down, then recovery after its restart.
outage() {
  scenario outage outage --node "http://127.0.0.1:${NODE_PORT[1]}" --db-pid "${DB_PID[1]}" \
    --requests "${OUTAGE_REQUESTS:-10}" --tokens "$CLUSTER_WORK/outage-tokens"
  wait "${DB_PID[1]}" 2>/dev/null || true
  DB_PID[1]=
  db_start 1; db_wait 1
  scenario recover recover --node "http://127.0.0.1:${NODE_PORT[1]}" --tokens "$CLUSTER_WORK/outage-tokens"
}

machine() {
  printf 'machine: %s cores, %s RAM, load %s; %s; galera %s\n' "$(nproc)" "$(free -h | awk '/Mem:/ {print $2}')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(mariadbd --version | awk '{print $3}')" \
    "$(dpkg-query -W -f='${Version}' galera-4 2>/dev/null || echo '?')" | tee -a "$CLUSTER_WORK/report.txt"
}

# The whole run is one function, read before it starts: editing this file during a run cannot derail it.
main() {
  build
  machine
  case "$SUITE" in
    ci)
      private_db_up; nodes_up 1 1
      scenario replays-strict replays --nodes "$(nodes)" --races "${RACES:-5}" --parallel "${PARALLEL:-10}" --client strict --jdbc "$(jdbc)"
      scenario replays-grace replays --nodes "$(nodes)" --races "${RACES:-5}" --parallel "${PARALLEL:-10}" --client grace --jdbc "$(jdbc)"
      scenario alternate alternate --nodes "$(nodes)" --chains 4 --refreshes "${REFRESHES:-400}"
      OUTAGE_REQUESTS=${OUTAGE_REQUESTS:-3} outage
      ;;
    mariadb)
      private_db_up; nodes_up 1 1
      scenario replays-strict replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client strict --jdbc "$(jdbc)"
      scenario replays-grace replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client grace --jdbc "$(jdbc)"
      scenario alternate alternate --nodes "$(nodes)" --chains 10 --refreshes "${REFRESHES:-10000}"
      under_load kill-node "${LOAD_SECONDS:-30}" 10 "node_kill 2" 20 "node_start 2 1; node_wait 2"
      # DB_KILLS=10: the database killed (SIGKILL) and restarted under commit-heavy load that many times in a row.
      for kill in $(seq "${DB_KILLS:-1}"); do
        under_load "kill-database-$kill" "${LOAD_SECONDS:-30}" 8 "db_kill 1" 18 "db_start 1"
      done
      outage
      ;;
    galera)
      galera_up; nodes_up 1 2
      scenario replays-strict replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client strict --jdbc "$(jdbc)"
      scenario replays-grace replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client grace --jdbc "$(jdbc)"
      scenario alternate alternate --nodes "$(nodes)" --chains 10 --refreshes "${REFRESHES:-10000}"
      under_load kill-node "${LOAD_SECONDS:-30}" 10 "node_kill 2" 20 "node_start 2 2; node_wait 2"
      under_load kill-member "${LOAD_SECONDS:-40}" 8 "db_kill 2" 20 "galera_rejoin 2"
      ;;
    galera-baseline)
      BASELINE_ARGS=(--baton.database.retry.max-attempts=1 "--spring.datasource.hikari.connection-init-sql=SET time_zone = '+00:00'")
      galera_up; nodes_up 1 2
      scenario replays-strict replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client strict --jdbc "$(jdbc)"
      scenario replays-grace replays --nodes "$(nodes)" --races "${RACES:-100}" --parallel "${PARALLEL:-10}" --client grace --jdbc "$(jdbc)"
      scenario alternate alternate --nodes "$(nodes)" --chains 10 --refreshes "${REFRESHES:-10000}"
      ;;
    *) echo "unknown suite $SUITE" >&2; exit 2 ;;
  esac
  echo
  echo "=== report ($SUITE) ==="
  cat "$CLUSTER_WORK/report.txt"
  if [ ${#FAILED[@]} -gt 0 ]; then echo "FAIL: ${FAILED[*]}"; exit 1; fi
  echo "PASS: every scenario met its target"
}

main "$@"
