# Shared functions of the benchmark scripts (sourced, not run). Everything a script starts is stopped by PID and
# every database it creates is dropped by the EXIT trap, so a run leaves nothing behind.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${BENCH_PORT:-9400}
BASE=http://127.0.0.1:$PORT
SERVER_JAR=$ROOT/auth-server/target/auth-server-0.1.0-SNAPSHOT.jar
BENCH_JAR=$ROOT/bench/target/baton-bench.jar
SERVER_JAVA=${BENCH_SERVER_JAVA:-java}          # e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:--Xms512m -Xmx512m}
RESULTS_DIR=${BENCH_RESULTS:-$ROOT/bench/results}
WORK=$(mktemp -d /tmp/baton-bench.XXXXXX)
SERVER_PID=
DB_NAME=
mkdir -p "$RESULTS_DIR"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

mariadb_cli() { mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -u root "$@"; }

mariadb_up() { mariadb_cli -e 'SELECT 1' >/dev/null 2>&1; }

cleanup() {
  stop_server
  if [ -n "$DB_NAME" ]; then mariadb_cli -e "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true; fi
  if [ -z "${BENCH_KEEP_WORK:-}" ]; then rm -rf "$WORK"; else log "work files kept in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() {
  if [ -n "${BENCH_SKIP_BUILD:-}" ] && [ -f "$SERVER_JAR" ] && [ -f "$BENCH_JAR" ]; then return; fi
  log "building auth-server and the harness"
  (cd "$ROOT" && ./mvnw ${MAVEN_FLAGS:-} -q -B -pl auth-server -DskipTests package && ./mvnw ${MAVEN_FLAGS:-} -q -B -f bench/pom.xml package)
}

harness() { java -Xms256m -Xmx512m -XX:+UseSerialGC -jar "$BENCH_JAR" "$@"; }

# prepare_db h2|mariadb NAME: a fresh, empty store (the server's migrations create the schema).
prepare_db() {
  DB_KIND=$1
  if [ "$DB_KIND" = mariadb ]; then
    mariadb_up || { log "MariaDB does not answer on 127.0.0.1:3306"; exit 1; }
    DB_NAME=baton_bench_$2
    mariadb_cli -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4"
    JDBC_URL="jdbc:mariadb://127.0.0.1:3306/$DB_NAME"
    JDBC_USER=root
  else
    mkdir -p "$WORK/h2"
    JDBC_URL="jdbc:h2:file:$WORK/h2/baton;MODE=MySQL;DATABASE_TO_LOWER=TRUE"
    JDBC_USER=baton
  fi
}

# start_server [extra Spring arguments...]: starts Baton on $PORT against the prepared store, waits until ready.
start_server() {
  if curl -s -o /dev/null "$BASE/" 2>/dev/null; then log "port $PORT is taken"; exit 1; fi
  local args=(--server.port="$PORT" --server.address=127.0.0.1 --baton.issuer="http://localhost:$PORT"
    --baton.demo.enabled=true --logging.file.name= ${BENCH_SERVER_ARGS:-})
  if [ "$DB_KIND" = mariadb ]; then
    args+=(--spring.profiles.active=mysql)
    BATON_DB_URL=$JDBC_URL BATON_DB_USER=root BATON_DB_PASSWORD= \
      BATON_KEY_ENCRYPTION_KEY=${BATON_KEY_ENCRYPTION_KEY:-MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=} \
      $SERVER_JAVA $SERVER_JVM_OPTS -jar "$SERVER_JAR" "${args[@]}" "$@" >>"$WORK/server.log" 2>&1 &
  else
    $SERVER_JAVA $SERVER_JVM_OPTS -jar "$SERVER_JAR" "${args[@]}" --spring.datasource.url="$JDBC_URL" \
      --baton.keys.encryption-key-file="$WORK/kek" "$@" >>"$WORK/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "Baton exited during startup:"; tail -40 "$WORK/server.log" >&2; SERVER_PID=; exit 1
    fi
    if curl -sf -o /dev/null "$BASE/.well-known/openid-configuration"; then
      log "Baton is up (pid $SERVER_PID, $DB_KIND)"; return
    fi
    sleep 0.5
  done
  log "Baton did not start in 60 s"; tail -40 "$WORK/server.log" >&2; exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# check_store: no family with two live tokens (H2's file is opened once the server is stopped).
check_store() {
  harness check --jdbc "$JDBC_URL" --user "$JDBC_USER" --password ''
}

machine_line() {
  printf 'machine: %s cores, %s, %s RAM; server JVM: %s; load %s\n' "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
    "$(free -h | awk '/Mem:/ {print $2}')" \
    "$($SERVER_JAVA -version 2>&1 | head -1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
