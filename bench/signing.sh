#!/usr/bin/env bash
# CPU per JWS signature, JDK against AWS-LC (the server's native signing), on BENCH_SERVER_JAVA (default java).
exec "$(dirname "$0")/run.sh" signing "$@"
