#!/usr/bin/env bash
# Memory under a long mixed load: readers (article pages in both languages, front pages, section pages), searches
# (a new query now and then, so some miss the cache) and votes (a new email and client address each), for
# MINUTES minutes against one published node on SQLite with its output cache, while dotnet-counters records the
# process's working set and the GC's committed memory every 10 s. Prints the first and last minute's averages and their ratio.
# Usage: bench/soak.sh [minutes] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
CONNECTIONS=${2:-16}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/gaceta-soak.XXXXXX)
APP_PORT=5097
# shellcheck source=bench/lib.sh
. bench/lib.sh
trap 'stop_app; rm -rf "$WORK"' EXIT

ensure_tools
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-counters >/dev/null 2>&1 || dotnet tool install -g dotnet-counters --version 10.0.750501 >/dev/null
command -v dotnet-gcdump >/dev/null 2>&1 || dotnet tool install -g dotnet-gcdump --version 10.0.750501 >/dev/null
publish_app
ORIGIN="http://127.0.0.1:$APP_PORT"
start_app Network__TrustedProxies__0=127.0.0.1

ARTICLE=$(curl -sf "$ORIGIN/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*harbour[^"]*"' | head -n 1 | cut -d'"' -f2)
SPANISH=$(curl -sf "$ORIGIN$ARTICLE" | grep -o 'href="/es/20[0-9][0-9]/[0-9][0-9]/[^"]*"' | head -n 1 | cut -d'"' -f2)
PAGE=$(curl -sf "$ORIGIN$ARTICLE")
TOKEN=$(grep -o 'name="token" value="[^"]*"' <<<"$PAGE" | head -n 1 | cut -d'"' -f4)
ANSWER=$(grep -o 'name="answer" value="[0-9]*"' <<<"$PAGE" | head -n 1 | cut -d'"' -f4)
SECTION=$(curl -sf "$ORIGIN/en/" | grep -o 'href="/en/[a-z-]*/"' | head -n 1 | cut -d'"' -f2)
sleep 2

cat >"$WORK/mix.lua" <<LUA
-- Six readers' pages, two searches and two votes in every ten requests.
local threads = {}
function setup(thread) thread:set("id", #threads + 1); table.insert(threads, thread) end
function init(args) counter = 0 end
local words = { "harbour", "council", "ferry", "vote", "budget", "puerto", "consejo", "museum", "rail", "water" }
function request()
    counter = counter + 1
    local k = counter % 10
    -- Every request comes from a reader of its own, as on a busy day: the per-client limits are not what is measured.
    local reader = { ["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, math.floor(counter / 256) % 256, counter % 256) }
    if k == 0 or k == 5 then
        local body = "answer=$ANSWER&email=soak-" .. id .. "-" .. counter .. "%40example.org&website=&elapsed=&return=%2Fen%2F&token=$TOKEN"
        reader["Content-Type"] = "application/x-www-form-urlencoded"
        reader["Origin"] = "$ORIGIN"
        return wrk.format("POST", "/en/polls/harbour-expansion?fragment=1", reader, body)
    elseif k == 1 then
        -- Mostly repeated searches (cached), one in twenty new.
        local q = words[(counter % #words) + 1]
        if counter % 20 == 1 then q = q .. "+" .. tostring(counter) end
        return wrk.format("GET", "/en/search?q=" .. q, reader)
    elseif k == 2 then return wrk.format("GET", "/es/buscar?q=" .. words[(counter % #words) + 1], reader)
    elseif k == 3 then return wrk.format("GET", "$SPANISH", reader)
    elseif k == 4 then return wrk.format("GET", "/en/", reader)
    elseif k == 6 then return wrk.format("GET", "$SECTION", reader)
    elseif k == 7 then return wrk.format("GET", "/es/", reader)
    else return wrk.format("GET", "$ARTICLE", reader) end
end
LUA

# Recorded for the length of the load (a background job ignores the interrupt that would stop it early).
dotnet-counters collect -p "$APP_PID" --refresh-interval 10 --format csv -o "$WORK/counters.csv" \
    --counters System.Runtime --duration "00:00:$(printf %02d "$MINUTES"):00" >/dev/null 2>&1 </dev/null &
COUNTERS_PID=$!
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${MINUTES}m" --latency -s "$WORK/mix.lua" "$ORIGIN" >"$WORK/wrk.txt"
wait "$COUNTERS_PID" 2>/dev/null || true

# What the heap holds at the end, after the full collection a dump makes: the largest types.
dotnet-gcdump collect -p "$APP_PID" -o "$WORK/end.gcdump" >/dev/null 2>&1 || true
[ -z "${SOAK_KEEP:-}" ] || cp "$WORK/counters.csv" "$SOAK_KEEP"

# The CSV has one row per counter and sample (every 10 s): timestamp, provider, counter name, type, value (bytes).
per_minute() { # counter-pattern -> one "minute MB" line per minute
    awk -F, -v pattern="$1" '$3 ~ pattern { n++; m = int((n - 1) / 6) + 1; sum[m] += $5 / 1048576; count[m]++ }
        END { for (i = 1; i in sum; i++) printf "%d %.1f\n", i, sum[i] / count[i] }' "$WORK/counters.csv"
}
per_minute 'memory.working_set' >"$WORK/ws.txt"
per_minute 'memory.committed_size' >"$WORK/heap.txt"
RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
ERRORS=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$WORK/wrk.txt")

echo "Mixed load for $MINUTES min (6 reads, 2 searches, 2 votes in 10), wrk -t$THREADS -c$CONNECTIONS, $RATE requests/s, $(nproc) cores${ERRORS:+; $ERRORS}"
echo
echo "| minute | working set (MB) | GC committed memory (MB) |"
echo "|---:|---:|---:|"
join "$WORK/ws.txt" "$WORK/heap.txt" | awk '{ printf "| %d | %s | %s |\n", $1, $2, $3 }'
FIRST=$(awk 'NR == 1 { print $2 }' "$WORK/ws.txt"); LAST=$(awk 'END { print $2 }' "$WORK/ws.txt")
echo
echo "Working set, last minute against the first: $(ratio "$LAST" "$FIRST")"
echo
echo "Largest types on the heap at the end (dotnet-gcdump):"
dotnet-gcdump report "$WORK/end.gcdump" 2>/dev/null | sed -n '1,14p'
