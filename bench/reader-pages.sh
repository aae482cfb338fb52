#!/usr/bin/env bash
# Measures requests/s for one demo article page: served from the output cache, rendered on every request,
# and as a static file from nginx on the same machine (the physical reference). Prints a Markdown table.
# Usage: bench/reader-pages.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-64}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/gaceta-bench.XXXXXX)
APP_PORT=5091
NGINX_PORT=8091
# shellcheck source=bench/lib.sh
. bench/lib.sh

cleanup() {
    stop_app
    stop_nginx
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools
publish_app

# Three alternating rounds against the cached app and nginx, so both see the same machine; medians reported.
start_app ReaderCache__Enabled=true
ARTICLE=$(curl -sf "http://127.0.0.1:$APP_PORT/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*"' | head -n 1 | cut -d'"' -f2)
URL="http://127.0.0.1:$APP_PORT$ARTICLE"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/article.html"
curl -sf "$URL" >"$WORK/article.html"
SIZE=$(wc -c <"$WORK/article.html")

mkdir -p "$WORK/www"
cp "$WORK/article.html" "$WORK/www/article.html"
start_nginx "$WORK/www" text/html

wrk -t2 -c16 -d10s "$URL" >/dev/null  # warm the cache and the JIT
wrk -t2 -c16 -d5s "$NGINX_URL" >/dev/null
: >"$WORK/cached.txt"; : >"$WORK/nginx.txt"; : >"$WORK/uncached.txt"
for _ in 1 2 3; do
    measure "$URL" >>"$WORK/cached.txt"
    measure "$NGINX_URL" >>"$WORK/nginx.txt"
done
stop_app

start_app ReaderCache__Enabled=false
wrk -t2 -c16 -d15s "$URL" >/dev/null
for _ in 1 2 3; do measure "$URL" >>"$WORK/uncached.txt"; done
stop_app

CACHED=$(pick cached 1); CACHED_P50=$(pick cached 2); CACHED_P99=$(pick cached 3)
UNCACHED=$(pick uncached 1); UNCACHED_P50=$(pick uncached 2); UNCACHED_P99=$(pick uncached 3)
NGINX=$(pick nginx 1); NGINX_P50=$(pick nginx 2); NGINX_P99=$(pick nginx 3)

echo "Article: $ARTICLE ($SIZE bytes); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of 3 runs, on $(nproc) cores"
echo
echo "| served by | requests/s | p50 (ms) | p99 (ms) | vs nginx |"
echo "|---|---:|---:|---:|---:|"
echo "| Gaceta, output cache | $CACHED | $CACHED_P50 | $CACHED_P99 | $(ratio "$CACHED" "$NGINX") |"
echo "| Gaceta, rendered per request | $UNCACHED | $UNCACHED_P50 | $UNCACHED_P99 | $(ratio "$UNCACHED" "$NGINX") |"
echo "| nginx, saved HTML as a static file | $NGINX | $NGINX_P50 | $NGINX_P99 | 100 % |"
