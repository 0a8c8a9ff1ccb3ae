#!/usr/bin/env bash
# Write-load benchmark against the running local cluster (deploy/local-cluster.sh start):
#   deploy/bench/write-load.sh [--clients 1,16,64] [--seconds 10] [--warmup 2] [--servers host:port,...] [--spread]
# Prints one line per run: clients, ops, ops/s, p50, p99, errors.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
cli_jar="$root/cli/target/raftbeat-cli.jar"
bench_jar="$root/deploy/target/raftbeat-deploy.jar"
if [[ ! -f "$cli_jar" || ! -f "$bench_jar" ]]; then
    echo "write-load: build first: (cd $root && mvn -B -q -DskipTests package)" >&2
    exit 69
fi
exec java -Dcom.google.protobuf.use_unsafe_pre22_gencode=true -cp "$cli_jar:$bench_jar" \
    io.raftbeat.bench.WriteLoad "$@"
