#!/usr/bin/env bash
# Agent benchmarks against the running local cluster with its agents (deploy/local-cluster.sh start):
#   deploy/bench/agent.sh failure [--kills 50] [--node node1]     kill -> failed monitor committed, -> restarted; p50/p99
#   deploy/bench/agent.sh rest [--resources 100] [--seconds 60]    the agent's CPU and memory at rest
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
cli_jar="$root/cli/target/raftbeat-cli.jar"
bench_jar="$root/deploy/target/raftbeat-deploy.jar"
if [[ ! -f "$cli_jar" || ! -f "$bench_jar" ]]; then
    echo "agent bench: build first: (cd $root && mvn -B -q -DskipTests package)" >&2
    exit 69
fi
case "${1:-}" in
    failure) main=io.raftbeat.bench.MonitorFailure ;;
    rest) main=io.raftbeat.bench.AgentAtRest ;;
    *) echo "usage: $0 failure|rest [--flag value ...]" >&2; exit 64 ;;
esac
shift
cd "$root"
exec java -Dcom.google.protobuf.use_unsafe_pre22_gencode=true -cp "$cli_jar:$bench_jar" "$main" "$@"
