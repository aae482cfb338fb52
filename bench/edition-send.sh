#!/usr/bin/env bash
# Sends one newsletter edition to N subscribers into postfix's smtp-sink with `gaceta editions send`, on SQLite,
# and reports messages per second and the sender's peak memory (maximum resident set size).
# Usage: bench/edition-send.sh [recipients] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
RECIPIENTS=${1:-100000}
CONNECTIONS=${2:-8}
WORK=$(mktemp -d /tmp/gaceta-bench.XXXXXX)
APP_PORT=5093
SINK_PORT=52593
# shellcheck source=bench/lib.sh
. bench/lib.sh

SINK_PID=""
cleanup() {
    stop_app
    [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools
[ -x /usr/sbin/smtp-sink ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
publish_app
dotnet publish src/Gaceta.Cli -c Release -o "$WORK/cli" --nologo -v quiet >/dev/null

# The demo database: schema, stories and the premium politics newsletter (id 1).
start_app
stop_app

python3 - "$WORK/gaceta.db" "$RECIPIENTS" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
now = "2026-11-29 09:00:00"
c.executemany('INSERT INTO "Subscribers" ("Email","Language","CreatedAt") VALUES (?,?,?)',
              ((f"reader{i}@example.org", "es" if i % 3 == 0 else "en", now) for i in range(n)))
c.execute('''INSERT INTO "Subscriptions" ("SubscriberId","NewsletterId","Status","Grant","Source","CreatedAt","ConfirmedAt")
             SELECT "Id", 1, 'Active', 'Complimentary', 'Import', ?, ? FROM "Subscribers" WHERE "Email" LIKE 'reader%@example.org' ''', (now, now))
c.execute('''INSERT INTO "Editions" ("NewsletterId","Status","CreatedAt","Recipients","Version") VALUES (1,'Draft',?,0,1)''', (now,))
edition = c.execute('SELECT max("Id") FROM "Editions"').fetchone()[0]
c.executemany('INSERT INTO "EditionTexts" ("EditionId","Language","Subject","Intro") VALUES (?,?,?,?)',
              [(edition, "en", "The week in politics", "Three votes, two deals and what they mean."),
               (edition, "es", "La semana política", "Tres votaciones, dos pactos y lo que suponen.")])
c.executemany('INSERT INTO "EditionStories" ("EditionId","StoryId","Position") VALUES (?,?,?)',
              [(edition, s, p) for p, (s,) in enumerate(c.execute('SELECT "Id" FROM "Stories" ORDER BY "Id" LIMIT 3').fetchall())])
c.commit()
print(edition)
PY

/usr/sbin/smtp-sink -u nobody "127.0.0.1:$SINK_PORT" 1024 &
SINK_PID=$!
sleep 0.5

cd "$WORK/cli"
/usr/bin/time -v -o "$WORK/time.txt" env \
    ConnectionStrings__Gaceta="Data Source=$WORK/gaceta.db" Site__PublicUrl=http://localhost:5080 \
    Site__Languages__0=en Site__Languages__1=es Site__TimeZone=Europe/Madrid \
    Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port=$SINK_PORT Mail__Smtp__Security=None \
    Sending__Connections="$CONNECTIONS" Sending__BatchSize=1000 \
    dotnet Gaceta.Cli.dll editions send 1 >"$WORK/send.txt"
cd - >/dev/null

elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
seconds=$(awk -v t="$elapsed" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
sent=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM Deliveries WHERE State='Sent'\").fetchone()[0])" "$WORK/gaceta.db")
tail -n 1 "$WORK/send.txt"
echo
echo "| recipients | connections | sent | wall time (whole command) | messages/s | peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -v n="$RECIPIENTS" -v c="$CONNECTIONS" -v sent="$sent" -v s="$seconds" -v rss="$rss" \
    'BEGIN { printf "| %d | %d | %d | %.1f s | %.0f | %.0f MB |\n", n, c, sent, s, sent / s, rss / 1024 }'
