#!/usr/bin/env bash
# Benchmark of the resource server: GET /api/me with a valid Baton access token against
# GET /api/public/me-baseline (unauthenticated, same work), side by side in one run on this machine.
#
#   bench/resource-server/api-me.sh
#
# Also measures a control: the baseline endpoint with the token's bytes in a header nobody reads.
# The resource server runs with the Spring profile "bench" (dev.baton.resource.bench): it adds the baseline endpoint
# and the tuning measured in docs/PERFORMANCE.md (the verified-token cache, the regex-free bearer token resolver and
# firewall header rule) to the sample.
# Builds both apps (tests skipped), starts the auth-server on 127.0.0.1:$AUTH_PORT with a throw-away H2 database
# and the resource server on 127.0.0.1:$API_PORT, runs bench/resource-server/ApiMeBenchmark.java, prints a
# Markdown report and keeps a copy under bench/results/. Stops only the two servers it started.
# Knobs (environment): AUTH_PORT (9200), API_PORT (8280), CONCURRENCY (16), DURATION (20 s per round and endpoint),
# WARMUP (15 s per endpoint), ROUNDS (2), MAVEN_FLAGS (e.g. -o to build offline), SKIP_BUILD=true,
# VERIFIED_TOKENS_MAX_SIZE (10000, the bench profile's cache of verified tokens; 0 verifies every signature).
# Keep-alive connections are not capped (Tomcat's default closes one every 100 requests), so the figures measure
# the request path rather than TCP handshakes.
set -euo pipefail
cd "$(dirname "$0")/../.."

AUTH_PORT=${AUTH_PORT:-9200}
API_PORT=${API_PORT:-8280}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
ROUNDS=${ROUNDS:-2}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/baton-bench-api-me.XXXXXX")
AUTH_PID=""
API_PID=""

cleanup() {
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null || true
  [ -n "$AUTH_PID" ] && kill "$AUTH_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() { # url, name, log
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not come up; see $3" >&2
  exit 1
}

if [ "${SKIP_BUILD:-false}" != "true" ]; then
  ./mvnw -q -B ${MAVEN_FLAGS:-} -pl auth-server,resource-server-demo -DskipTests package
fi

java -jar auth-server/target/auth-server-0.1.0-SNAPSHOT.jar \
  --server.port="$AUTH_PORT" --server.address=127.0.0.1 --baton.issuer="http://127.0.0.1:$AUTH_PORT" \
  --spring.datasource.url="jdbc:h2:file:$WORK/baton;MODE=MySQL;DATABASE_TO_LOWER=TRUE" \
  --baton.keys.encryption-key-file="$WORK/kek" > "$WORK/auth-server.log" 2>&1 &
AUTH_PID=$!
java -jar resource-server-demo/target/resource-server-demo-0.1.0-SNAPSHOT.jar \
  --server.port="$API_PORT" --server.address=127.0.0.1 \
  --spring.profiles.active=bench --baton.resource.issuer="http://127.0.0.1:$AUTH_PORT" \
  --baton.resource.bench.verified-tokens.max-size="${VERIFIED_TOKENS_MAX_SIZE:-10000}" \
  --server.tomcat.max-keep-alive-requests=-1 \
  > "$WORK/resource-server.log" 2>&1 &
API_PID=$!

wait_for "http://127.0.0.1:$AUTH_PORT/actuator/health" auth-server "$WORK/auth-server.log"
wait_for "http://127.0.0.1:$API_PORT/api/public/me-baseline" resource-server "$WORK/resource-server.log"

mkdir -p bench/results
REPORT="bench/results/resource-server-api-me-$(date -u +%Y%m%dT%H%M%SZ).md"
java bench/resource-server/ApiMeBenchmark.java --api "http://127.0.0.1:$API_PORT" \
  --issuer "http://127.0.0.1:$AUTH_PORT" --concurrency "$CONCURRENCY" --duration "$DURATION" \
  --warmup "$WARMUP" --rounds "$ROUNDS" \
  --note "resource server: profile bench, bench.verified-tokens.max-size=${VERIFIED_TOKENS_MAX_SIZE:-10000}" | tee "$REPORT"
echo "Report saved to $REPORT" >&2
