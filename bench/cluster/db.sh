# Databases of the cluster harness (sourced): one private MariaDB, or a three-member Galera cluster from Debian's
# galera-4, each member with its own datadir and loopback ports chosen free at runtime. Everything is started and
# stopped by PID under $CLUSTER_WORK; the shared server on 3306 is never touched.

GALERA_PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
# As root, the members run as the "mysql" system user (mariadbd drops to it): Debian's rsync state-transfer
# script starts an rsync daemon, which as root would switch to "nobody" and fail to write the datadir.
if [ "$(id -u)" = 0 ] && id mysql >/dev/null 2>&1; then DB_USER=mysql; else DB_USER=$(id -un); fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

mdb_cli() { mariadb --protocol=TCP -h 127.0.0.1 -P "$1" -u root --connect-timeout=2 "${@:2}"; }

# mdb_options N: the server options of member N (without wsrep options for the private server).
mdb_options() {
  local n=$1 dir=$CLUSTER_WORK/db$1
  echo --no-defaults --datadir="$dir/data" --port="${DB_PORT[$n]}" --bind-address=127.0.0.1 \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --user="$DB_USER" --skip-grant-tables \
    --skip-name-resolve --innodb-buffer-pool-size=64M --innodb-log-file-size=32M --max-connections=300 \
    --log-error="$dir/error.log" --innodb-flush-log-at-trx-commit=2
}

galera_options() {
  local n=$1 peers="" i
  for i in 1 2 3; do peers+="${peers:+,}127.0.0.1:${GCOMM_PORT[$i]}"; done
  echo --wsrep-on=ON --wsrep-provider="$GALERA_PROVIDER" --wsrep-cluster-name=baton-harness \
    --wsrep-node-name="member$n" --wsrep-node-address="127.0.0.1:${GCOMM_PORT[$n]}" \
    --wsrep-cluster-address="gcomm://$peers" \
    "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${GCOMM_PORT[$n]};ist.recv_addr=127.0.0.1:${IST_PORT[$n]};gcache.size=128M" \
    --wsrep-sst-receive-address="127.0.0.1:${SST_PORT[$n]}" --wsrep-sst-method=rsync \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2
}

db_wait() {
  local n=$1 i
  for i in $(seq 1 120); do
    if ! kill -0 "${DB_PID[$n]}" 2>/dev/null; then
      log "database member $n exited:"; tail -30 "$CLUSTER_WORK/db$n/error.log" >&2; return 1
    fi
    if mdb_cli "${DB_PORT[$n]}" -N -e 'SELECT 1' >/dev/null 2>&1; then
      if [ "$DB_KIND" != galera ] || [ "$(mdb_cli "${DB_PORT[$n]}" -N -e "SHOW STATUS LIKE 'wsrep_ready'" | cut -f2)" = ON ]; then
        return 0
      fi
    fi
    sleep 0.5
  done
  log "database member $n did not become ready"; tail -30 "$CLUSTER_WORK/db$n/error.log" >&2; return 1
}

# db_start N [extra options]: starts member N (or the private server, N=1) in the background.
db_start() {
  local n=$1; shift
  # shellcheck disable=SC2046
  if [ "$DB_KIND" = galera ]; then
    setsid mariadbd $(mdb_options "$n") $(galera_options "$n") "$@" >>"$CLUSTER_WORK/db$n/stdout.log" 2>&1 &
  else
    setsid mariadbd $(mdb_options "$n") "$@" >>"$CLUSTER_WORK/db$n/stdout.log" 2>&1 &
  fi
  DB_PID[$n]=$!
}

db_kill() {
  local n=$1
  [ -n "${DB_PID[$n]:-}" ] || return 0
  kill -9 "${DB_PID[$n]}" 2>/dev/null || true
  wait "${DB_PID[$n]}" 2>/dev/null || true
  DB_PID[$n]=
}

db_stop() {
  local n=$1 i
  [ -n "${DB_PID[$n]:-}" ] || return 0
  kill "${DB_PID[$n]}" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "${DB_PID[$n]}" 2>/dev/null || break; sleep 0.5; done
  db_kill "$n"
}

db_init_dir() {
  chmod 755 "$CLUSTER_WORK"
  mkdir -p "$CLUSTER_WORK/db$1"
  chown "$DB_USER" "$CLUSTER_WORK/db$1"
  mariadb-install-db --no-defaults --datadir="$CLUSTER_WORK/db$1/data" --user="$DB_USER" \
    --auth-root-authentication-method=normal --skip-test-db >"$CLUSTER_WORK/db$1/install.log" 2>&1
}

# private_db_up: one MariaDB of the harness's own; sets DB_PORT[1] and JDBC_URLS (one URL for every node).
private_db_up() {
  DB_KIND=mariadb
  DB_PORT[1]=$(free_port)
  db_init_dir 1
  db_start 1
  db_wait 1
  mdb_cli "${DB_PORT[1]}" -e "CREATE DATABASE baton CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  log "private MariaDB on 127.0.0.1:${DB_PORT[1]} (pid ${DB_PID[1]})"
}

# galera_up: three members on loopback. Member 1 bootstraps an empty cluster; its datadir, cleanly shut down, is
# the starting state of members 2 and 3, so that they join by IST (Galera's own incremental transfer) with no
# SST script at all. A member killed later is recovered (mariadbd --wsrep-recover, as Debian's galera_recovery
# does) and rejoins by IST too.
galera_up() {
  DB_KIND=galera
  local n
  for n in 1 2 3; do DB_PORT[$n]=$(free_port); GCOMM_PORT[$n]=$(free_port); IST_PORT[$n]=$(free_port); SST_PORT[$n]=$(free_port); done
  db_init_dir 1
  db_start 1 --wsrep-new-cluster
  db_wait 1
  mdb_cli "${DB_PORT[1]}" -e "CREATE DATABASE baton CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  db_stop 1
  for n in 2 3; do
    mkdir -p "$CLUSTER_WORK/db$n"; cp -a "$CLUSTER_WORK/db1/data" "$CLUSTER_WORK/db$n/data"; chown "$DB_USER" "$CLUSTER_WORK/db$n"
  done
  db_start 1 --wsrep-new-cluster
  db_wait 1
  for n in 2 3; do db_start "$n"; db_wait "$n"; done
  log "Galera cluster of $(mdb_cli "${DB_PORT[1]}" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2) members on 127.0.0.1:${DB_PORT[1]},${DB_PORT[2]},${DB_PORT[3]}"
}

# galera_rejoin N: after a kill, recover the member's position and start it again; it catches up by IST.
galera_rejoin() {
  local n=$1 position
  # shellcheck disable=SC2046
  mariadbd $(mdb_options "$n") $(galera_options "$n") --wsrep-recover --log-error="$CLUSTER_WORK/db$n/recover.log" \
    >/dev/null 2>&1 || true
  position=$(grep -o 'Recovered position: .*' "$CLUSTER_WORK/db$n/recover.log" | tail -1 | awk '{print $3}')
  log "member $n recovered position ${position:-unknown}"
  if [ -n "$position" ]; then db_start "$n" --wsrep-start-position="$position"; else db_start "$n"; fi
  db_wait "$n"
}

db_down_all() {
  local n
  for n in 3 2 1; do db_stop "$n"; done
}
