#!/usr/bin/env bash
# Gaceta's article page against the peers a newsroom would pick instead, in one round-robin run: WordPress (Debian's,
# no page cache) and Ghost, installed on loopback by the peers' own setup scripts, with the same article text; Gaceta
# rendered on every request (ReaderCache__Enabled=false) and from its output cache; nginx serving Gaceta's page as a
# static file, the physical ceiling. Prints a Markdown table with the ratios the performance goals are stated in.
# Usage: bench/peers.sh [duration-seconds] [connections]
#   PEERS=../shared/peers (where wordpress/ and ghost/ live); run their setup.sh first (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=${2:-32}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
PEERS=${PEERS:-../shared/peers}
WORK=$(mktemp -d /tmp/gaceta-peers.XXXXXX)
APP_PORT=5095
UNCACHED_PORT=5096
NGINX_PORT=8095
# shellcheck source=bench/lib.sh
. bench/lib.sh

UNCACHED_PID=""
cleanup() {
    stop_app
    [ -n "$UNCACHED_PID" ] && kill "$UNCACHED_PID" 2>/dev/null || true
    stop_nginx
    rm -rf "$WORK"
}
trap cleanup EXIT

WP_PATH=$(cat /var/www/peer-static/.post-path 2>/dev/null || echo /2024/05/14/regional-rail-extension-opens-to-passengers/)
WP_URL="http://127.0.0.1:8081$WP_PATH"
GHOST_URL="http://127.0.0.1:2368/$(basename "$WP_PATH")/"
for peer in "$WP_URL" "$GHOST_URL"; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$peer")" = 200 ] \
        || { echo "$peer does not answer: run $PEERS/wordpress/setup.sh and $PEERS/ghost/setup.sh first" >&2; exit 1; }
done

ensure_tools
publish_app

# The rendered-per-request node runs beside the cached one, on the same demo database.
APP_PORT=$UNCACHED_PORT start_app ReaderCache__Enabled=false
UNCACHED_PID=$APP_PID
APP_PID=""
start_app ReaderCache__Enabled=true
ARTICLE=$(curl -sf "http://127.0.0.1:$APP_PORT/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*harbour[^"]*"' | head -n 1 | cut -d'"' -f2)
CACHED_URL="http://127.0.0.1:$APP_PORT$ARTICLE"
UNCACHED_URL="http://127.0.0.1:$UNCACHED_PORT$ARTICLE"

mkdir -p "$WORK/www"
curl -sf "$CACHED_URL" >"$WORK/www/article.html"
start_nginx "$WORK/www" text/html
STATIC_URL="http://127.0.0.1:$NGINX_PORT/article.html"

# The JIT settles only after tens of seconds of load on two cores; the peers' script warms each target for 5 s.
wrk -t"$THREADS" -c16 -d30s "$UNCACHED_URL" >/dev/null
wrk -t"$THREADS" -c16 -d15s "$CACHED_URL" >/dev/null

RUNS=$RUNS DURATION=${DURATION}s THREADS=$THREADS CONNS=$CONNECTIONS bash "$PEERS/wordpress/bench.sh" \
    gaceta-rendered="$UNCACHED_URL" gaceta-cached="$CACHED_URL" nginx-static="$STATIC_URL" \
    wordpress="$WP_URL" ghost="$GHOST_URL" | tee "$WORK/peers.txt"

median_of() { awk -v n="$1" '$1 == n && NF == 5 && $3 ~ /^\(/ { print $2 }' "$WORK/peers.txt"; }
RENDERED=$(median_of gaceta-rendered); CACHED=$(median_of gaceta-cached); STATIC=$(median_of nginx-static)
WP=$(median_of wordpress); GHOST=$(median_of ghost)
times() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }

echo
echo "Article: $ARTICLE ($(wc -c <"$WORK/www/article.html") bytes); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of $RUNS round-robin runs, $(nproc) cores"
echo
echo "| served by | requests/s | vs WordPress | vs Ghost | vs nginx static |"
echo "|---|---:|---:|---:|---:|"
echo "| Gaceta, rendered per request | $RENDERED | $(times "$RENDERED" "$WP") | $(times "$RENDERED" "$GHOST") | $(ratio "$RENDERED" "$STATIC") |"
echo "| Gaceta, output cache | $CACHED | $(times "$CACHED" "$WP") | $(times "$CACHED" "$GHOST") | $(ratio "$CACHED" "$STATIC") |"
echo "| nginx, Gaceta's page as a static file | $STATIC | | | 100 % |"
echo "| WordPress 6.1 (Debian), no page cache | $WP | 1.0× | | |"
echo "| Ghost 5.130 | $GHOST | | 1.0× | |"
