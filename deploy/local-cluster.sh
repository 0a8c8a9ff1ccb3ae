#!/usr/bin/env bash
# A local Raftbeat cluster: three store members on 127.0.0.1 (gRPC 7001-7003, Raft 7101-7103).
# Data, logs and pid files live in run/ at the top of the checkout (git-ignored).
#
#   deploy/local-cluster.sh start          build if needed, start store1-store3, return once a leader is elected
#   deploy/local-cluster.sh start NAME     start one member (e.g. after kill)
#   deploy/local-cluster.sh stop [NAME]    SIGTERM, wait, then SIGKILL
#   deploy/local-cluster.sh kill NAME      SIGKILL (a crash)
#   deploy/local-cluster.sh status         each member's process and the leader
#   deploy/local-cluster.sh logs NAME [-f] the member's log (-f: follow)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
run="$root/run"
store_jar="$root/cib-store/target/raftbeat-store.jar"
cli_jar="$root/cli/target/raftbeat-cli.jar"
raftbeat="$root/cli/bin/raftbeat"
members=(store1 store2 store3)
peers="store1=127.0.0.1:7101/127.0.0.1:7001,store2=127.0.0.1:7102/127.0.0.1:7002,store3=127.0.0.1:7103/127.0.0.1:7003"
start_timeout="${RAFTBEAT_START_TIMEOUT:-90}"
stop_timeout="${RAFTBEAT_STOP_TIMEOUT:-20}"
export CIB_SERVER="127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"

die() { echo "local-cluster: $*" >&2; exit 1; }

member_number() {
    case "$1" in
        store1|store2|store3) echo "${1#store}" ;;
        *) echo "local-cluster: unknown member '$1' (known: ${members[*]})" >&2; exit 64 ;;
    esac
}

# The pid of a running member, or nothing (a stale pid file is removed).
pid_of() {
    local name="$1" file="$run/$1.pid" pid
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] \
        && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "raftbeat-store.jar --id $name "; then
        echo "$pid"
    else
        rm -f "$file"
    fi
}

build_if_needed() {
    if [[ ! -f "$store_jar" || ! -f "$cli_jar" ]]; then
        echo "local-cluster: building (mvn -B -q -DskipTests package) ..."
        (cd "$root" && mvn -B -q -DskipTests package) || die "the build failed"
    fi
}

start_member() {
    local name="$1" n pid
    n="$(member_number "$name")"
    pid="$(pid_of "$name")"
    if [[ -n "$pid" ]]; then
        echo "$name is already running (pid $pid)"
        return 0
    fi
    mkdir -p "$run/$name"
    # setsid + nohup: the member outlives this script and its terminal.
    setsid nohup java -Xms64m -Xmx1g -Dcom.google.protobuf.use_unsafe_pre22_gencode=true \
        ${RAFTBEAT_STORE_JAVA_OPTS:-} -jar "$store_jar" --id "$name" \
        --raft "127.0.0.1:$((7100 + n))" --grpc "127.0.0.1:$((7000 + n))" \
        --peers "$peers" --data "$run/$name/data" >> "$run/$name.log" 2>&1 < /dev/null &
    echo $! > "$run/$name.pid"
    echo "$name started (pid $!, gRPC 127.0.0.1:$((7000 + n)), Raft 127.0.0.1:$((7100 + n)), log run/$name.log)"
}

wait_for_leader() {
    local deadline=$((SECONDS + start_timeout)) line name
    while ((SECONDS < deadline)); do
        if line="$("$raftbeat" leader -t 2 2>/dev/null)"; then
            echo "leader: $line"
            return 0
        fi
        for name in "$@"; do
            if [[ -z "$(pid_of "$name")" ]]; then
                tail -n 20 "$run/$name.log" >&2 || true
                die "$name exited while starting (its log is above, all of it in run/$name.log)"
            fi
        done
        sleep 1
    done
    die "no leader elected within ${start_timeout}s; see: deploy/local-cluster.sh logs store1"
}

stop_member() {
    local name="$1" pid deadline
    pid="$(pid_of "$name")"
    if [[ -z "$pid" ]]; then
        echo "$name is not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + stop_timeout))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        echo "$name did not stop within ${stop_timeout}s: killed (pid $pid)"
    else
        echo "$name stopped (pid $pid)"
    fi
    rm -f "$run/$name.pid"
}

kill_member() {
    local name="$1" pid
    member_number "$name" > /dev/null
    pid="$(pid_of "$name")"
    [[ -n "$pid" ]] || { echo "$name is not running"; return 0; }
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$run/$name.pid"
    echo "$name killed with SIGKILL (pid $pid)"
}

status() {
    local name n pid leader="" running=0
    leader="$("$raftbeat" leader -t 3 2>/dev/null)" || leader=""
    for name in "${members[@]}"; do
        n="$(member_number "$name")"
        pid="$(pid_of "$name")"
        local role=""
        [[ -n "$leader" && "${leader%% *}" == "$name" ]] && role="  leader"
        if [[ -n "$pid" ]]; then
            running=$((running + 1))
            printf '%-7s running  pid %-7s gRPC 127.0.0.1:%s  Raft 127.0.0.1:%s%s\n' \
                "$name" "$pid" $((7000 + n)) $((7100 + n)) "$role"
        else
            printf '%-7s stopped\n' "$name"
        fi
    done
    if [[ -n "$leader" ]]; then echo "leader: $leader"; else echo "leader: none"; fi
    ((running > 0)) || return 3
    [[ -n "$leader" ]] || return 1
}

cmd="${1:-}"
name="${2:-}"
case "$cmd" in
    start)
        build_if_needed
        mkdir -p "$run"
        if [[ -n "$name" ]]; then
            member_number "$name" > /dev/null
            start_member "$name"
            wait_for_leader "$name"
        else
            for m in "${members[@]}"; do start_member "$m"; done
            wait_for_leader "${members[@]}"
            "$raftbeat" members
        fi
        ;;
    stop)
        if [[ -n "$name" ]]; then member_number "$name" > /dev/null; stop_member "$name"
        else for m in "${members[@]}"; do stop_member "$m"; done; fi
        ;;
    kill)
        [[ -n "$name" ]] || { echo "usage: $0 kill NAME" >&2; exit 64; }
        kill_member "$name"
        ;;
    status) status ;;
    logs)
        [[ -n "$name" ]] || { echo "usage: $0 logs NAME [-f]" >&2; exit 64; }
        member_number "$name" > /dev/null
        [[ -f "$run/$name.log" ]] || die "no log for $name yet (run/$name.log)"
        if [[ "${3:-}" == "-f" ]]; then exec tail -n 50 -F "$run/$name.log"; else cat "$run/$name.log"; fi
        ;;
    *)
        echo "usage: $0 start [NAME] | stop [NAME] | status | kill NAME | logs NAME [-f]" >&2
        exit 64
        ;;
esac
