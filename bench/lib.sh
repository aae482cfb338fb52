# Shared by the load scripts: a published Gaceta on a temporary SQLite file, started and stopped by PID, nginx
# serving a folder as the physical reference, and wrk's figures read back.
# Expects WORK (a temporary folder), APP_PORT, NGINX_PORT, THREADS, CONNECTIONS and DURATION to be set by the caller.

APP_PID=""

ensure_tools() {
    local missing=()
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    if ((${#missing[@]})); then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

publish_app() {
    dotnet publish src/Gaceta.Web -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
}

# start_app NAME=VALUE... : starts the app with extra environment settings and waits for /readyz.
start_app() {
    (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production \
        ConnectionStrings__Gaceta="Data Source=$WORK/gaceta.db" Demo__Seed=true Site__PublicUrl="http://127.0.0.1:$APP_PORT" \
        Mail__PickupDirectory="$WORK/mail" Logging__LogLevel__Default=Warning "$@" \
        dotnet Gaceta.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1) &
    APP_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$APP_PORT/readyz" >/dev/null && return; sleep 0.2; done
    echo "The app did not start:" >&2
    cat "$WORK/app.log" >&2
    exit 1
}

stop_app() {
    [ -n "$APP_PID" ] || return 0
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# start_nginx ROOT DEFAULT_TYPE : nginx on NGINX_PORT serving ROOT, as a static file server is tuned.
start_nginx() {
    mkdir -p "$WORK/nginx-tmp"
    # nginx's workers drop root: the folder it serves must be readable by others (mktemp makes it private).
    chmod 755 "$WORK" "$1"
    cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path $WORK/nginx-tmp;
    proxy_temp_path $WORK/nginx-tmp;
    fastcgi_temp_path $WORK/nginx-tmp;
    uwsgi_temp_path $WORK/nginx-tmp;
    scgi_temp_path $WORK/nginx-tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $1;
        default_type $2;
    }
}
CONF
    /usr/sbin/nginx -c "$WORK/nginx.conf"
    sleep 0.5
}

stop_nginx() {
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.2f", v }'; }

measure() { # url -> "requests/s p50-ms p99-ms"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" >"$WORK/wrk.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt" | to_ms)
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt" | to_ms)
    echo "$rps $p50 $p99"
}

median() { sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }

# pick NAME COLUMN : the median of one column of the rounds saved in $WORK/NAME.txt
pick() { awk -v c="$2" '{ print $c }' "$WORK/$1.txt" | sed 's/ms$//' | median; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
