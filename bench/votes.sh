#!/usr/bin/env bash
# Measures accepted votes per second on SQLite: wrk posts votes with a distinct email each (Lua script),
# then the stored total (read back from the poll's results) is checked against the 2xx responses.
# Usage: bench/votes.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
WORK=$(mktemp -d /tmp/gaceta-votes.XXXXXX)
APP_PORT=5094
# shellcheck source=bench/lib.sh
. bench/lib.sh
trap 'stop_app; rm -rf "$WORK"' EXIT

ensure_tools
publish_app
# The per-client limit would stop a load generator on one address; it is lifted to measure the write path.
start_app Polls__VotesPerClientPerMinute=100000

ORIGIN="http://127.0.0.1:$APP_PORT"
cat >"$WORK/votes.lua" <<LUA
local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end
function init(args)
    counter = 0
    accepted = 0
    refused = 0
    quota = tonumber(args[1] or "0")
    run = args[2] or "a"
end
function request()
    counter = counter + 1
    if quota > 0 and counter > quota then
        -- The votes are all out; fill the rest of the run with requests that change nothing.
        return wrk.format("GET", "/healthz")
    end
    local body = "answer=1&email=bench-" .. run .. "-" .. id .. "-" .. counter .. "%40example.org&website=&elapsed=&return=%2Fen%2F"
    return wrk.format("POST", "/en/polls/harbour-expansion",
        { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = "$ORIGIN" }, body)
end
function response(status, headers, body)
    if body and body:find("poll%-total") then
        if status >= 200 and status < 300 then accepted = accepted + 1 else refused = refused + 1 end
    elseif status >= 300 and not (body and body:find("Healthy")) then
        refused = refused + 1
    end
end
function done(summary, latency, requests)
    local ok, other = 0, 0
    for _, t in ipairs(threads) do
        ok = ok + t:get("accepted")
        other = other + t:get("refused")
    end
    io.write(string.format("responses_2xx=%d responses_other=%d\n", ok, other))
end
LUA

stored() { curl -sf "$ORIGIN/en/polls/harbour-expansion/results" | sed -n 's/.*class="poll-total">\([0-9,.]*\) vote.*/\1/p' | tr -d ,.; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$WORK/wrk.txt"; }

wrk -t2 -c8 -d5s -s "$WORK/votes.lua" "$ORIGIN" -- 0 warmup >/dev/null

# Throughput: votes for the whole run. Requests still in flight when wrk stops are stored but not counted
# by wrk, so this run's stored total may exceed its 2xx count by at most the number of connections.
BEFORE=$(stored)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/votes.lua" "$ORIGIN" -- 0 throughput >"$WORK/wrk.txt"
RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
OK=$(field responses_2xx); OTHER=$(field responses_other); STORED=$(($(stored) - BEFORE))

# Exactness: each wrk thread sends a fixed number of votes, well within the run, then only reads; every vote
# has had its answer when wrk stops, so the votes stored must equal the 2xx answers exactly.
QUOTA=$(awk -v r="$RATE" -v d="$DURATION" 'BEGIN { q = int(r * d * 0.5 / 2); print (q < 1 ? 1 : q) }')
BEFORE=$(stored)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/votes.lua" "$ORIGIN" -- "$QUOTA" exact >"$WORK/wrk.txt"
EXACT_OK=$(field responses_2xx); EXACT_OTHER=$(field responses_other); AFTER=$(stored)
EXACT_STORED=$((AFTER - BEFORE))

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, one distinct email per vote, SQLite, $(nproc) cores"
echo
echo "| run | accepted votes/s | p50 | p99 | 2xx responses | other responses | votes stored |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| throughput | $RATE | $P50 | $P99 | $OK | $OTHER | $STORED |"
echo "| exactness ($QUOTA votes per thread) | | | | $EXACT_OK | $EXACT_OTHER | $EXACT_STORED |"
if [ "$EXACT_OK" != "$EXACT_STORED" ] || [ "$EXACT_OTHER" != "0" ] || [ "$STORED" -lt "$OK" ] || [ "$STORED" -gt $((OK + CONNECTIONS)) ]; then
    echo "MISMATCH between votes stored and 2xx responses" >&2
    exit 1
fi
echo
echo "Check passed: in the exactness run, stored votes equal 2xx responses ($EXACT_STORED)."
