#!/usr/bin/env bash
# Search latency over generated articles on both engines: a SQLite file and a throw-away PostgreSQL cluster
# (fsync off, as in the tests; shared_buffers 1 GB, a quarter of a small server's memory, where the default 128 MB
# would leave the search index to the OS page cache), each filled to N articles, then Q searches timed one at a time.
# Usage: bench/search-latency.sh [articles] [queries]
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
QUERIES=${2:-2000}
WORK=$(mktemp -d /tmp/gaceta-search.XXXXXX)
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=55471

cleanup() {
    if [ -f "$WORK/pg/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$WORK/pg' -m fast -w stop" >/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build bench/Gaceta.Benchmarks -c Release --nologo -v quiet >/dev/null
BENCH=bench/Gaceta.Benchmarks/bin/Release/net10.0/Gaceta.Benchmarks.dll

echo "== SQLite"
dotnet "$BENCH" search-latency Sqlite "Data Source=$WORK/search.db" "$ARTICLES" "$QUERIES"

echo "== PostgreSQL"
chown postgres:postgres "$WORK"
su postgres -s /bin/sh -c "$PGBIN/initdb -D '$WORK/pg' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$WORK/pg' -l '$WORK/pg.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k '$WORK' -c fsync=off -c synchronous_commit=off -c shared_buffers=1GB\" start" >/dev/null
dotnet "$BENCH" search-latency Postgres "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres" "$ARTICLES" "$QUERIES"
