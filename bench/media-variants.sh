#!/usr/bin/env bash
# Measures requests/s for served photo copies (a demo illustration's 1280-pixel WebP and JPEG, already made and
# cached on disk) against nginx serving the same files from a folder. Prints a Markdown table.
# Usage: bench/media-variants.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-64}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/gaceta-bench.XXXXXX)
APP_PORT=5092
NGINX_PORT=8092
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
start_app ReaderCache__Enabled=true Media__Path="$WORK/media"

ARTICLE=$(curl -sf "http://127.0.0.1:$APP_PORT/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*"' | head -n 1 | cut -d'"' -f2)
WEBP=$(curl -sf "http://127.0.0.1:$APP_PORT$ARTICLE" | grep -o '/media/[0-9a-f]*/1280\.webp' | head -n 1)
[ -n "$WEBP" ] || { echo "The demo article $ARTICLE shows no library photo." >&2; exit 1; }
JPEG=${WEBP%.webp}.jpg
mkdir -p "$WORK/www"
for copy in "$WEBP" "$JPEG"; do
    curl -sf "http://127.0.0.1:$APP_PORT$copy" -o "$WORK/www/$(basename "$copy")"  # made on this first request
done
start_nginx "$WORK/www" application/octet-stream

: >"$WORK/webp.txt"; : >"$WORK/jpeg.txt"; : >"$WORK/nginx-webp.txt"; : >"$WORK/nginx-jpeg.txt"
wrk -t2 -c16 -d10s "http://127.0.0.1:$APP_PORT$WEBP" >/dev/null  # warm the JIT
for _ in 1 2 3; do
    measure "http://127.0.0.1:$APP_PORT$WEBP" >>"$WORK/webp.txt"
    measure "http://127.0.0.1:$NGINX_PORT/$(basename "$WEBP")" >>"$WORK/nginx-webp.txt"
    measure "http://127.0.0.1:$APP_PORT$JPEG" >>"$WORK/jpeg.txt"
    measure "http://127.0.0.1:$NGINX_PORT/$(basename "$JPEG")" >>"$WORK/nginx-jpeg.txt"
done

row() { # label name size
    echo "| $1 | $3 | $(pick "$2" 1) | $(pick "$2" 2) | $(pick "$2" 3) |"
}
WEBP_SIZE=$(wc -c <"$WORK/www/$(basename "$WEBP")"); JPEG_SIZE=$(wc -c <"$WORK/www/$(basename "$JPEG")")
echo "Copies of $WEBP; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of 3 runs, on $(nproc) cores"
echo
echo "| served by | bytes | requests/s | p50 (ms) | p99 (ms) |"
echo "|---|---:|---:|---:|---:|"
row "Gaceta, 1280-pixel WebP" webp "$WEBP_SIZE"
row "nginx, the same WebP" nginx-webp "$WEBP_SIZE"
row "Gaceta, 1280-pixel JPEG" jpeg "$JPEG_SIZE"
row "nginx, the same JPEG" nginx-jpeg "$JPEG_SIZE"
echo
echo "Gaceta vs nginx: WebP $(ratio "$(pick webp 1)" "$(pick nginx-webp 1)"), JPEG $(ratio "$(pick jpeg 1)" "$(pick nginx-jpeg 1)")"
