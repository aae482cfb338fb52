#!/usr/bin/env bash
# Measures the cluster topology on this machine: nginx in front of one or two web nodes on PostgreSQL, the reader
# cache in memory or in Redis, for a cached article page and for the same page rendered on every request.
# Both nodes share this machine's cores, so a second node shows the cost of the topology, not added capacity.
# Usage: bench/cluster.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=${2:-64}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/gaceta-bench.XXXXXX)
APP_PORT=5093
NODE_B_PORT=5094
NGINX_PORT=8093
PG_PORT=55493
REDIS_PORT=56393
PGBIN=/usr/lib/postgresql/15/bin
# shellcheck source=bench/lib.sh
. bench/lib.sh

NODE_PIDS=()
REDIS_PID=""
cleanup() {
    for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/proxy.pid" ] && kill "$(cat "$WORK/proxy.pid")" 2>/dev/null || true
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
    if [ -f "$WORK/pg/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/pg_ctl -D '$WORK/pg' -m fast -w stop" >/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools
command -v redis-server >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
publish_app

chown postgres:postgres "$WORK"
su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/initdb -D '$WORK/pg' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/pg_ctl -D '$WORK/pg' -l '$WORK/pg.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$WORK' -c max_connections=200\" start" >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!

PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
SITE="http://127.0.0.1:$NGINX_PORT"

# node PORT [NAME=VALUE...] : one web node on PostgreSQL, its settings over start_app's, named after nginx's address.
node() {
    local port=$1
    shift
    APP_PORT=$port start_app Database__Provider=Postgres ConnectionStrings__Gaceta="$PG" Site__PublicUrl="$SITE" \
        Network__TrustedProxies__0=127.0.0.1 "$@"
    NODE_PIDS+=("$APP_PID")
    APP_PID=""
}

stop_nodes() {
    for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    NODE_PIDS=()
}

# proxy PORT... : nginx on NGINX_PORT, round robin over the nodes, configured as docs/operations.md shows.
proxy() {
    [ -f "$WORK/proxy.pid" ] && { kill "$(cat "$WORK/proxy.pid")"; sleep 0.5; }
    mkdir -p "$WORK/nginx-tmp"
    local servers=""
    for port in "$@"; do servers+="server 127.0.0.1:$port max_fails=1 fail_timeout=5s; "; done
    cat >"$WORK/proxy.conf" <<CONF
worker_processes 1;
pid $WORK/proxy.pid;
error_log $WORK/proxy-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx-tmp; proxy_temp_path $WORK/nginx-tmp; fastcgi_temp_path $WORK/nginx-tmp;
    uwsgi_temp_path $WORK/nginx-tmp; scgi_temp_path $WORK/nginx-tmp;
    upstream gaceta { $servers keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://gaceta;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_connect_timeout 1s;
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
CONF
    /usr/sbin/nginx -c "$WORK/proxy.conf"
    sleep 0.5
}

# round NAME : warms, then measures the article page three times into $WORK/NAME.txt.
round() {
    wrk -t2 -c16 -d5s "$SITE$ARTICLE" >/dev/null
    : >"$WORK/$1.txt"
    for _ in 1 2 3; do measure "$SITE$ARTICLE" >>"$WORK/$1.txt"; done
}

# The first node migrates and seeds the demo newsroom; the others start on the migrated schema.
node "$APP_PORT" Demo__Seed=true
stop_nodes
ARTICLE=""

for cache in memory redis; do
    for mode in cached rendered; do
        extra=(ReaderCache__Enabled=$([ "$mode" = cached ] && echo true || echo false) Database__MigrateOnStartup=false)
        [ "$cache" = redis ] && extra+=(ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT")
        if [ "$cache" = memory ] && [ "$mode" = rendered ]; then continue; fi
        node "$APP_PORT" "${extra[@]}"
        proxy "$APP_PORT"
        [ -n "$ARTICLE" ] || ARTICLE=$(curl -sf "$SITE/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*"' | head -n 1 | cut -d'"' -f2)
        round "one-$cache-$mode"
        if [ "$cache" = redis ]; then
            node "$NODE_B_PORT" "${extra[@]}"
            proxy "$APP_PORT" "$NODE_B_PORT"
            round "two-$cache-$mode"
        fi
        stop_nodes
    done
done

row() { echo "| $1 | $(pick "$2" 1) | $(pick "$2" 2) | $(pick "$2" 3) |"; }
echo "Article $ARTICLE through nginx; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of 3 runs, on $(nproc) cores shared by every process"
echo
echo "| topology | requests/s | p50 (ms) | p99 (ms) |"
echo "|---|---:|---:|---:|"
row "one node, cache in memory" one-memory-cached
row "one node, cache in Redis" one-redis-cached
row "two nodes, cache in Redis" two-redis-cached
row "one node, rendered per request (Redis limits)" one-redis-rendered
row "two nodes, rendered per request" two-redis-rendered
