# Shared by the load scripts: a published Gaceta on a temporary SQLite file, started and stopped by PID.
# Expects WORK (a temporary folder) and APP_PORT to be set by the caller.

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

# start_app NAME=VALUE... : starts the app with extra environment settings and waits for /healthz.
start_app() {
    (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production \
        ConnectionStrings__Gaceta="Data Source=$WORK/gaceta.db" Demo__Seed=true \
        Mail__PickupDirectory="$WORK/mail" Logging__LogLevel__Default=Warning "$@" \
        dotnet Gaceta.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1) &
    APP_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$APP_PORT/healthz" >/dev/null && return; sleep 0.2; done
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
