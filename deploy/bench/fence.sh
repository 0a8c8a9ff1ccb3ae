#!/usr/bin/env bash
# Node failover with fencing against the running local cluster (deploy/local-cluster.sh start configures the fence
# device fence-local): a node's agent killed -9 -> node lost -> fenced -> its resource running on another node.
#   deploy/bench/fence.sh [--runs 20]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
cli_jar="$root/cli/target/raftbeat-cli.jar"
bench_jar="$root/deploy/target/raftbeat-deploy.jar"
if [[ ! -f "$cli_jar" || ! -f "$bench_jar" ]]; then
    echo "fence bench: build first: (cd $root && mvn -B -q -DskipTests package)" >&2
    exit 69
fi
cd "$root"
exec java -Dcom.google.protobuf.use_unsafe_pre22_gencode=true -cp "$cli_jar:$bench_jar" \
    io.raftbeat.bench.NodeFailover --cluster-dir "$root/run" "$@"
