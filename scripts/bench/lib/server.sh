# Sourced by the HTTP-level benchmarks: builds and starts a CouchJs server of its own (temp data
# dir, an admin with a random password), samples its RSS every 0.5 s, and stops it on exit.
# Needs: root, port, keep (1 keeps the data dir). Sets: server, data, rss_log, BENCH_URL, BENCH_AUTH, password.
# Extra server environment: pass it in server_env (e.g. server_env="COUCHJS_QUERY_SERVERS__JAVASCRIPT=v8").
dotnet build "$root/src/CouchJs.Server" -c Release --nologo -v quiet >/dev/null
data=$(mktemp -d /tmp/couchjs-bench-XXXXXX)
password=bench-$RANDOM
env ${server_env:-} COUCHDB_USER=admin COUCHDB_PASSWORD=$password \
  dotnet "$root/src/CouchJs.Server/bin/Release/net10.0/CouchJs.Server.dll" --port "$port" --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
rss_log="$data/rss.log"
cleanup() {
  kill "$server" 2>/dev/null || true
  kill "$sampler" 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/_up" >/dev/null && break; sleep 0.5; done
# RSS of the server every 0.5 s: total, anonymous (heap), file-backed (mapped database pages).
( while kill -0 "$server" 2>/dev/null; do
    awk '/^VmRSS|^RssAnon|^RssFile/ {printf "%s ", $2} END {print ""}' "/proc/$server/status" >>"$rss_log" 2>/dev/null || true
    sleep 0.5
  done ) &
sampler=$!
export BENCH_URL="http://127.0.0.1:$port" BENCH_AUTH=$(printf 'admin:%s' "$password" | base64)
# The peak of the RSS samples as JSON.
peak_rss() {
  awk '{ if ($1 > t) t = $1; if ($2 > a) a = $2; if ($3 > f) f = $3 } END { printf "{\"peak_rss_kb\":%d,\"peak_anon_kb\":%d,\"peak_file_kb\":%d}", t, a, f }' "$rss_log"
}
