#!/usr/bin/env bash
# Scheduler benchmark, no cluster needed: our Scheduler.schedule in-process against Pacemaker's crm_simulate -S
# on the same generated CIB files (100 / 1,000 / 10,000 primitives on 3 / 16 / 32 nodes by default):
#   deploy/bench/scheduler.sh [--primitives 100,1000,10000] [--nodes 3,16,32] [--runs 5] [--warmup 3]
#                             [--timeout 120] [--dir DIR] [--pacemaker yes|no]
# Prints a table; measures, never asserts. RAFTBEAT_BENCH_HEAP sets the JVM's -Xmx (default 2g).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
cli_jar="$root/cli/target/raftbeat-cli.jar"
bench_jar="$root/deploy/target/raftbeat-deploy.jar"
if [[ ! -f "$cli_jar" || ! -f "$bench_jar" ]]; then
    echo "scheduler bench: build first: (cd $root && mvn -B -q -DskipTests package)" >&2
    exit 69
fi
exec java "-Xmx${RAFTBEAT_BENCH_HEAP:-2g}" -Dcom.google.protobuf.use_unsafe_pre22_gencode=true \
    -cp "$cli_jar:$bench_jar" io.raftbeat.bench.SchedulerBench "$@"
