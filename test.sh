#!/usr/bin/env bash
# Gaceta's test command: installs what the tests need (PostgreSQL, Chromium, postfix's smtp-sink, feedparser, xmllint, exiftool,
# Redis, nginx, wrk), starts PostgreSQL and an SMTP sink on loopback, runs every test project, stops them, and prints
# "N passed, M failed". The cluster tests start their own Redis, nginx and web nodes on loopback and stop them.
# Runs as root on Debian; later runs skip the installs already done.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RESULTS=${GACETA_TEST_RESULTS:-$ROOT/artifacts/test-results}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*"; }

install_packages() {
    local missing=()
    [ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v su >/dev/null 2>&1 || missing+=(util-linux)
    [ -x /usr/sbin/smtp-sink ] || missing+=(postfix)
    /usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing+=(python3-feedparser)
    command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
    command -v exiftool >/dev/null 2>&1 || missing+=(libimage-exiftool-perl)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    if ((${#missing[@]})); then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Missing packages: ${missing[*]}. Run as root, or install them first." >&2
            exit 1
        fi
        log "Installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        # Packages must not start their own daemons (Redis on 6379, nginx on 80): the tests start what they need.
        local policy=""
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            policy=/usr/sbin/policy-rc.d
            printf '#!/bin/sh\nexit 101\n' >"$policy"
            chmod +x "$policy"
        fi
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        [ -z "$policy" ] || rm -f "$policy"
    fi
}

free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

PGWORK=""
stop_postgres() {
    if [ -n "$PGWORK" ] && [ -f "$PGWORK/pg/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "cd '$PGWORK' && /usr/lib/postgresql/15/bin/pg_ctl -D '$PGWORK/pg' -m fast -w stop" >/dev/null || true
    fi
    [ -n "$PGWORK" ] && rm -rf "$PGWORK"
}

start_postgres() {
    local bin=/usr/lib/postgresql/15/bin port
    port=$(free_port "${GACETA_PG_PORT:-55432}")
    PGWORK=$(mktemp -d /tmp/gaceta-pg.XXXXXX)
    chown postgres:postgres "$PGWORK"
    su postgres -s /bin/sh -c "cd '$PGWORK' && $bin/initdb -D '$PGWORK/pg' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -s /bin/sh -c "cd '$PGWORK' && $bin/pg_ctl -D '$PGWORK/pg' -l '$PGWORK/pg.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$PGWORK' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
    export GACETA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
    log "PostgreSQL listening on 127.0.0.1:$port"
}

SINKWORK=""
SINKPID=""
stop_sink() {
    [ -n "$SINKPID" ] && kill "$SINKPID" 2>/dev/null || true
    [ -n "$SINKWORK" ] && rm -rf "$SINKWORK"
}

# postfix's smtp-sink accepts everything and writes each message to a file, so a large send can be counted.
start_sink() {
    local port
    port=$(free_port "${GACETA_SINK_PORT:-52525}")
    SINKWORK=$(mktemp -d /tmp/gaceta-sink.XXXXXX)
    chown nobody "$SINKWORK"
    /usr/sbin/smtp-sink -u nobody -d "$SINKWORK/%H/%M." "127.0.0.1:$port" 512 &
    SINKPID=$!
    export GACETA_SMTP_SINK="127.0.0.1:$port" GACETA_SMTP_SINK_DUMP="$SINKWORK"
    log "smtp-sink listening on 127.0.0.1:$port"
}

cleanup() {
    stop_sink
    stop_postgres
}

# Sums the counters of every TRX file: "N passed, M failed".
summarize() {
    local passed=0 failed=0 total=0 file counters
    for file in "$RESULTS"/*.trx; do
        [ -f "$file" ] || continue
        counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
        total=$((total + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")))
        passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
        failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    done
    local other=$((total - passed - failed))
    if ((other > 0)); then
        echo "$passed passed, $((failed + other)) failed"
    else
        echo "$passed passed, $failed failed"
    fi
}

install_packages
trap cleanup EXIT
start_postgres
start_sink

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
log "Building"
dotnet build Gaceta.slnx -c Release --nologo -v quiet

status=0
for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    log "Testing $name"
    dotnet test "$project" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --blame-hang-timeout 5m \
        --results-directory "$RESULTS" || status=1
done

summary=$(summarize)
echo "$summary"
if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] && ((BASH_REMATCH[1] > 0 && BASH_REMATCH[2] == 0)); then
    :
else
    status=1
fi
exit $status
