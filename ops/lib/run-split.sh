#!/usr/bin/env bash
# ops/lib/run-split.sh — the split deployment on one machine, for trying it (ADR 0015); started by `ops/run --split`
# after ops/run has loaded .env, provisioned the database and built the jars (the environment carries SERVICE_*).
#   command-app on $SERVICE_PORT+1, two query-apps on $SERVICE_PORT+2 and +3 (management ports 9465..9467), and,
#   when nginx is installed, nginx on $SERVICE_PORT routing with ops/nginx/routes.conf (without TLS: local only).
# Ctrl-C stops all of them. Arguments are passed to java (JAVA_OPTS).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=${SERVICE_PORT:-8880}
RUN_DIR=$(mktemp -d /tmp/embapi-split.XXXXXX)
pids=()

log() { printf '[run --split] %s\n' "$*" >&2; }

stop_all() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start_jvm() { # name jar port management-port java-args...
    local name=$1 jar=$2 port=$3 management=$4
    shift 4
    SERVICE_PORT=$port java @"$REPO/ops/jvm.options" "$@" -jar "$REPO/$jar" --management.server.port="$management" \
        --management.server.address=127.0.0.1 >"$RUN_DIR/$name.log" 2>&1 &
    pids+=($!)
    log "$name: http://127.0.0.1:$port (pid $!, log $RUN_DIR/$name.log)"
}

start_jvm command command-app/target/embapi-command.jar $((BASE + 1)) 9465 "$@"
start_jvm query-1 query-app/target/embapi-query.jar $((BASE + 2)) 9466 "$@"
start_jvm query-2 query-app/target/embapi-query.jar $((BASE + 3)) 9467 "$@"

if command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; then
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    mkdir -p "$RUN_DIR/nginx"
    cat >"$RUN_DIR/nginx/nginx.conf" <<CONF
pid $RUN_DIR/nginx/nginx.pid;
error_log $RUN_DIR/nginx/error.log;
daemon off;
events {}
http {
    access_log $RUN_DIR/nginx/access.log;
    client_max_body_size 64m;
    client_body_temp_path $RUN_DIR/nginx/body;
    proxy_temp_path $RUN_DIR/nginx/proxy;
    fastcgi_temp_path $RUN_DIR/nginx/fastcgi;
    uwsgi_temp_path $RUN_DIR/nginx/uwsgi;
    scgi_temp_path $RUN_DIR/nginx/scgi;
    upstream embapi_command { server 127.0.0.1:$((BASE + 1)); }
    upstream embapi_query { server 127.0.0.1:$((BASE + 2)); server 127.0.0.1:$((BASE + 3)); }
    server {
        listen ${SERVICE_HOST:-127.0.0.1}:$BASE;
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        include $REPO/ops/nginx/routes.conf;
    }
}
CONF
    "$nginx_bin" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" &
    pids+=($!)
    log "nginx: http://${SERVICE_HOST:-127.0.0.1}:$BASE routes with ops/nginx/routes.conf"
else
    log "nginx is not installed: send writes to :$((BASE + 1)) and reads to :$((BASE + 2))/:$((BASE + 3))"
fi
log "Ctrl-C stops all processes"
wait -n "${pids[@]}" || true
log "a process ended; stopping the others"
