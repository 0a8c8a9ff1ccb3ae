#!/usr/bin/env bash
# A local Raftbeat cluster: three store members on 127.0.0.1 (gRPC 7001-7003, Raft 7101-7103) and three node
# agents (node1-node3), each with its own working directory, as three machines would have.
# Data, logs and pid files live in run/ at the top of the checkout (git-ignored).
#
#   deploy/local-cluster.sh start          build if needed, start store1-store3, wait for a leader, start node1-node3,
#                                          configure fencing (device fence-local: deploy/fence/fence_raftbeat_local)
#   deploy/local-cluster.sh start NAME     start one member or agent (e.g. after kill)
#   deploy/local-cluster.sh stop [NAME]    SIGTERM, wait, then SIGKILL (agents first)
#   deploy/local-cluster.sh kill NAME      SIGKILL (a crash)
#   deploy/local-cluster.sh status         each process, the leader and the nodes
#   deploy/local-cluster.sh logs NAME [-f] the process's log (-f: follow)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
run="$root/run"
store_jar="$root/cib-store/target/raftbeat-store.jar"
agent_jar="$root/node-agent/target/raftbeat-agent.jar"
cli_jar="$root/cli/target/raftbeat-cli.jar"
raftbeat="$root/cli/bin/raftbeat"
fence_agent="$root/deploy/fence/fence_raftbeat_local"
fence_dir="$run/fence-agents"
members=(store1 store2 store3)
agents=(node1 node2 node3)
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

# "member" or "agent"; anything else is a usage error.
kind_of() {
    case "$1" in
        store1|store2|store3) echo member ;;
        node1|node2|node3) echo agent ;;
        *) echo "local-cluster: unknown process '$1' (known: ${members[*]} ${agents[*]})" >&2; exit 64 ;;
    esac
}

# The pid of a running member or agent, or nothing (a stale pid file is removed).
pid_of() {
    local name="$1" file="$run/$1.pid" pid jar=raftbeat-store.jar flag=--id
    [[ "$(kind_of "$name")" == agent ]] && jar=raftbeat-agent.jar flag=--node
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] \
        && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$jar $flag $name "; then
        echo "$pid"
    else
        rm -f "$file"
    fi
}

build_if_needed() {
    if [[ ! -f "$store_jar" || ! -f "$cli_jar" || ! -f "$agent_jar" ]]; then
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

start_agent() {
    local name="$1" pid java
    pid="$(pid_of "$name")"
    if [[ -n "$pid" ]]; then
        echo "$name is already running (pid $pid)"
        return 0
    fi
    mkdir -p "$run/$name/run"
    link_fence_agents
    java="$(command -v java)" || die "java is not on the PATH"
    # Its own run directory: the nodes share this machine, their resources must not see each other's state files.
    # The command line goes to run/NAME.argv, from which fence_raftbeat_local starts the node (here, and again after
    # it fenced the node): in its own session, under tini as a subreaper as a machine's init would be (the node's
    # daemonized resource processes are reaped the moment they die, or a zombie would still answer kill -0), with
    # the pid files run/NAME.pid (the agent: kill NAME crashes the agent, not the node's resources) and NAME.init.pid.
    # shellcheck disable=SC2206 # RAFTBEAT_AGENT_JAVA_OPTS holds several options
    local argv=("$java" -Xms16m -Xmx256m -XX:+UseSerialGC -Dcom.google.protobuf.use_unsafe_pre22_gencode=true
        ${RAFTBEAT_AGENT_JAVA_OPTS:-} -jar "$agent_jar" --node "$name" --servers "$CIB_SERVER"
        --work-dir "$run/$name" --run-dir "$run/$name/run" --fence-dir "$fence_dir")
    printf '%s\0' "${argv[@]}" > "$run/$name.argv"
    if ! command -v tini > /dev/null; then
        echo "local-cluster: tini is not installed (apt-get install tini): dead resource processes are reaped late" >&2
    fi
    "$fence_agent" --run-dir "$run" --action on --plug "$name" > /dev/null \
        || die "$name did not start (see run/$name.log)"
    pid="$(pid_of "$name")"
    echo "$name started (pid $pid, agent, work dir run/$name, log run/$name.log)"
}

# The fence agents the node agents run (--fence-dir): Debian's fence-agents, and this checkout's.
link_fence_agents() {
    local agent
    mkdir -p "$fence_dir"
    for agent in /usr/sbin/fence_* "$root"/deploy/fence/fence_*; do
        if [[ -x "$agent" ]]; then ln -sfn "$agent" "$fence_dir/"; fi
    done
}

# Fencing on, with the device that reboots this cluster's nodes; once: a second start finds the device there (108)
# and leaves the configuration as it is, stonith-enabled included.
configure_fencing() {
    local out rc=0 dir="${run//&/&amp;}"
    dir="${dir//</&lt;}" dir="${dir//\"/&quot;}"
    out="$("$root/cli/bin/cibadmin" -C -o resources -X "<primitive id=\"fence-local\" class=\"stonith\" \
type=\"fence_raftbeat_local\"><instance_attributes id=\"fence-local-params\">\
<nvpair id=\"fence-local-run_dir\" name=\"run_dir\" value=\"$dir\"/>\
<nvpair id=\"fence-local-pcmk_host_list\" name=\"pcmk_host_list\" value=\"${agents[*]}\"/></instance_attributes>\
<operations><op id=\"fence-local-monitor-60s\" name=\"monitor\" interval=\"60s\"/></operations></primitive>" 2>&1)" \
        || rc=$?
    case "$rc" in
        0)
            "$root/cli/bin/crm_attribute" -t crm_config -n stonith-enabled -v true \
                || die "cannot set stonith-enabled=true"
            echo "fencing: enabled, device fence-local (fence_raftbeat_local, run_dir $run) for ${agents[*]}"
            ;;
        108) echo "fencing: device fence-local is configured already" ;;
        *) die "cannot configure the fence device fence-local: $out" ;;
    esac
}

start_one() {
    if [[ "$(kind_of "$1")" == agent ]]; then start_agent "$1"; else start_member "$1"; wait_for_leader "$1"; fi
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

# Waits until every agent's node is online in the CIB, then shows the cluster as crm_mon -1 does.
wait_for_nodes() {
    local deadline=$((SECONDS + start_timeout)) online a
    while ((SECONDS < deadline)); do
        online="$("$root/cli/bin/cibadmin" -Q -A "//node_state[@crmd='online']" 2>/dev/null \
            | grep -o '<node_state ' | wc -l)" || online=0
        if ((online >= ${#agents[@]})); then
            "$root/cli/bin/crm_mon" -1
            return 0
        fi
        for a in "${agents[@]}"; do
            if [[ -z "$(pid_of "$a")" ]]; then
                tail -n 20 "$run/$a.log" >&2 || true
                die "$a exited while starting (its log is above, all of it in run/$a.log)"
            fi
        done
        sleep 0.5
    done
    die "the nodes did not come online within ${start_timeout}s; see: deploy/local-cluster.sh logs node1"
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
    for name in "${agents[@]}"; do
        pid="$(pid_of "$name")"
        if [[ -n "$pid" ]]; then
            printf '%-7s running  pid %-7s agent, work dir run/%s\n' "$name" "$pid" "$name"
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
            start_one "$name"
        else
            for m in "${members[@]}"; do start_member "$m"; done
            wait_for_leader "${members[@]}"
            "$raftbeat" members
            for a in "${agents[@]}"; do start_agent "$a"; done
            wait_for_nodes
            configure_fencing
        fi
        ;;
    stop)
        if [[ -n "$name" ]]; then kind_of "$name" > /dev/null; stop_member "$name"
        else for p in "${agents[@]}" "${members[@]}"; do stop_member "$p"; done; fi
        ;;
    kill)
        [[ -n "$name" ]] || { echo "usage: $0 kill NAME" >&2; exit 64; }
        kind_of "$name" > /dev/null
        kill_member "$name"
        ;;
    status) status ;;
    logs)
        [[ -n "$name" ]] || { echo "usage: $0 logs NAME [-f]" >&2; exit 64; }
        kind_of "$name" > /dev/null
        [[ -f "$run/$name.log" ]] || die "no log for $name yet (run/$name.log)"
        if [[ "${3:-}" == "-f" ]]; then exec tail -n 50 -F "$run/$name.log"; else cat "$run/$name.log"; fi
        ;;
    *)
        echo "usage: $0 start [NAME] | stop [NAME] | status | kill NAME | logs NAME [-f]" >&2
        exit 64
        ;;
esac
