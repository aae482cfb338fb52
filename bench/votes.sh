#!/usr/bin/env bash
# Accepted votes per second on SQLite and on PostgreSQL, each vote from a new reader: its own email address and its
# own client address (X-Forwarded-For from the trusted proxy on loopback, so the per-client limit stays as shipped).
# Votes are posted as the page's script posts them (the results fragment back), with a form token taken from the
# article page. For each engine:
#   throughput  wrk for the whole run; the votes stored, counted in the database, must cover every 2xx answer and
#               exceed them by no more than the requests in flight when wrk stopped (one per connection);
#   SIGKILL     the same load, the host killed with SIGKILL halfway; after a restart the votes stored must again
#               cover every 2xx answer (an acknowledged vote is a stored vote).
# Each run also checks that the answers' tallies add up to the votes stored.
# Usage: bench/votes.sh [duration-seconds] [connections]        ENGINES="sqlite postgres" by default
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
THREADS=${THREADS:-2}
ENGINES=${ENGINES:-sqlite postgres}
WORK=$(mktemp -d /tmp/gaceta-votes.XXXXXX)
APP_PORT=5094
PG_PORT=55494
PGBIN=/usr/lib/postgresql/15/bin
# shellcheck source=bench/lib.sh
. bench/lib.sh

cleanup() {
    stop_app
    if [ -f "$WORK/pg/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/pg_ctl -D '$WORK/pg' -m fast -w stop" >/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools
command -v sqlite3 >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
[ -x "$PGBIN/initdb" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
publish_app

ORIGIN="http://127.0.0.1:$APP_PORT"
cat >"$WORK/votes.lua" <<'LUA'
-- Each request is a new reader: a new email and a new client address. Counts the answers that acknowledge a vote.
local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end
function init(args)
    counter = 0
    accepted = 0
    refused = 0
    token, answer, origin, run, block = args[1], args[2], args[3], args[4], tonumber(args[5])
end
function request()
    counter = counter + 1
    local n = id * 1000000 + counter
    local address = string.format("%d.%d.%d.%d", block, id, math.floor(counter / 256) % 256, counter % 256)
    local body = "answer=" .. answer .. "&email=" .. run .. "-" .. n .. "%40example.org&website=&elapsed=&return=%2Fen%2F&token=" .. token
    return wrk.format("POST", "/en/polls/harbour-expansion?fragment=1",
        { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin, ["X-Forwarded-For"] = address }, body)
end
function response(status, headers, body)
    if status == 200 and body and body:find("poll-total", 1, true) then accepted = accepted + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
    local ok, other = 0, 0
    for _, t in ipairs(threads) do
        ok = ok + t:get("accepted")
        other = other + t:get("refused")
    end
    io.write(string.format("acknowledged=%d other=%d\n", ok, other))
end
LUA

start_engine() { # engine -> the settings for start_app in ENGINE_SETTINGS
    case "$1" in
        sqlite)
            rm -f "$WORK"/gaceta.db*
            ENGINE_SETTINGS=(ConnectionStrings__Gaceta="Data Source=$WORK/gaceta.db")
            ;;
        postgres)
            if [ ! -f "$WORK/pg/postmaster.pid" ]; then
                chown postgres:postgres "$WORK"
                su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/initdb -D '$WORK/pg' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
                # Durable commits (fsync and synchronous_commit on, as shipped): the SIGKILL run depends on them.
                su postgres -s /bin/sh -c "cd '$WORK' && $PGBIN/pg_ctl -D '$WORK/pg' -l '$WORK/pg.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$WORK' -c max_connections=200\" start" >/dev/null
            fi
            ENGINE_SETTINGS=(Database__Provider=Postgres ConnectionStrings__Gaceta="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres")
            ;;
    esac
}

sql() { # engine query -> one value
    case "$1" in
        sqlite) sqlite3 "$WORK/gaceta.db" "$2" ;;
        postgres) psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "$2" ;;
    esac
}

stored() { sql "$1" 'SELECT COUNT(*) FROM "Votes"'; }
tallied() { sql "$1" 'SELECT COALESCE(SUM("VoteCount"), 0) FROM "PollOption"'; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2"; }

start() { start_app "${ENGINE_SETTINGS[@]}" Network__TrustedProxies__0=127.0.0.1 Site__PublicUrl="$ORIGIN"; }

ROWS=()
for engine in $ENGINES; do
    start_engine "$engine"
    start
    ARTICLE=$(curl -sf "$ORIGIN/en/" | grep -o 'href="/en/20[0-9][0-9]/[0-9][0-9]/[^"]*harbour[^"]*"' | head -n 1 | cut -d'"' -f2)
    PAGE=$(curl -sf "$ORIGIN$ARTICLE")
    TOKEN=$(grep -o 'name="token" value="[^"]*"' <<<"$PAGE" | head -n 1 | cut -d'"' -f4)
    ANSWER=$(grep -o 'name="answer" value="[0-9]*"' <<<"$PAGE" | head -n 1 | cut -d'"' -f4)
    sleep 2 # a person takes longer than the form's minimum fill time
    # Two cores settle only after tens of seconds of load (tiered JIT): warm up as long as a run.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/votes.lua" "$ORIGIN" -- "$TOKEN" "$ANSWER" "$ORIGIN" warm 11 >/dev/null

    BEFORE=$(stored "$engine")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/votes.lua" "$ORIGIN" -- "$TOKEN" "$ANSWER" "$ORIGIN" run 12 >"$WORK/wrk.txt"
    sleep 1
    RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt" | to_ms)
    P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt" | to_ms)
    ACK=$(field acknowledged "$WORK/wrk.txt"); OTHER=$(field other "$WORK/wrk.txt")
    STORED=$(($(stored "$engine") - BEFORE))
    ACCEPTED=$(awk -v a="$ACK" -v d="$DURATION" 'BEGIN { printf "%.0f", a / d }')
    CHECK=ok
    { [ "$STORED" -ge "$ACK" ] && [ "$STORED" -le $((ACK + CONNECTIONS)) ] && [ "$(stored "$engine")" = "$(tallied "$engine")" ]; } || CHECK=MISMATCH
    ROWS+=("| $engine | throughput | $ACCEPTED | $P50 | $P99 | $ACK | $OTHER | $STORED | $CHECK |")

    # SIGKILL halfway through the same load.
    BEFORE=$(stored "$engine")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/votes.lua" "$ORIGIN" -- "$TOKEN" "$ANSWER" "$ORIGIN" kill 13 >"$WORK/wrk-kill.txt" 2>&1 &
    WRK_PID=$!
    sleep $((DURATION / 2))
    kill -9 "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    wait "$WRK_PID" || true
    start
    ACK=$(field acknowledged "$WORK/wrk-kill.txt"); OTHER=$(field other "$WORK/wrk-kill.txt")
    STORED=$(($(stored "$engine") - BEFORE))
    CHECK=ok
    { [ "$STORED" -ge "$ACK" ] && [ "$STORED" -le $((ACK + CONNECTIONS)) ] && [ "$(stored "$engine")" = "$(tallied "$engine")" ]; } || CHECK=MISMATCH
    ROWS+=("| $engine | SIGKILL at $((DURATION / 2)) s | | | | $ACK | $OTHER | $STORED | $CHECK |")
    stop_app
done

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, a new email and client address per vote, results fragment answered, $(nproc) cores"
echo
echo "| engine | run | accepted votes/s | p50 (ms) | p99 (ms) | acknowledged (2xx) | other answers | votes stored | stored covers acknowledged, tallies = votes |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
if printf '%s\n' "${ROWS[@]}" | grep -q MISMATCH; then
    echo "MISMATCH between votes stored and acknowledged" >&2
    exit 1
fi
