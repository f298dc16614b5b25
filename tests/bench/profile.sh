#!/bin/sh
# Instruction profile of one request kind (callgrind, repeatable on a noisy
# machine): builds a small bench data set, runs the server under callgrind
# collecting only inside dispatch(), sends N keep-alive requests and prints
# instructions per request with the top functions.
#   tests/bench/profile.sh [N] [PATH]     (default 2000 /courses/kursus-001/03-modul-3)
#   PROFILE_ROLE=hr tests/bench/profile.sh 3 '/api/v1/completions?format=csv' 
# Needs valgrind, wrk, sqlite3, python3 (the bench's tools).
set -u
cd "$(dirname "$0")/../.." || exit 2
N=${1:-2000}
MOD=${2:-/courses/kursus-001/03-modul-3}
BIN=${BUILD:-build}/lentera
PW=bench-lentera-2026
tmp=$(mktemp -d /tmp/lentera-prof.XXXXXX)
trap 'kill $spid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_http() {
	i=0
	while ! curl -fs -o /dev/null "http://127.0.0.1:$1/healthz"; do
		i=$((i + 1)); [ $i -gt 600 ] && { echo "profile: no answer" >&2; exit 1; }
		sleep 0.1
	done
}
python3 tests/bench/gen.py courses "$tmp/courses" 10 || exit 1
port=$(free_port)
"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
    --courses "$tmp/courses" --web web > "$tmp/log" 2>&1 & spid=$!
wait_http "$port"; kill $spid; wait $spid 2>/dev/null
echo "$PW" | "$BIN" user add --nip 196001011985031001 --name "Bench Hash" \
    --role learner --db "$tmp/db/lentera.db" > /dev/null || exit 1
hash=$(sqlite3 "$tmp/db/lentera.db" "SELECT pwhash FROM users WHERE nip='196001011985031001'")
python3 tests/bench/gen.py db "$tmp/db/lentera.db" "$hash" 10000 100000 20000 \
    64 "$tmp/sessions" || exit 1
# PROFILE_ROLE=hr: the session users may open HR pages and exports.
[ -n "${PROFILE_ROLE:-}" ] && sqlite3 "$tmp/db/lentera.db" \
    "UPDATE users SET role='$PROFILE_ROLE' WHERE id IN (SELECT user_id FROM sessions)"
port=$(free_port)
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    --toggle-collect=dispatch "$BIN" serve --no-demo --quiet --threads 8 \
    --port "$port" --db "$tmp/db/lentera.db" --courses "$tmp/courses" \
    --web web > "$tmp/log" 2>&1 & spid=$!
wait_http "$port"
# Warm every worker's caches first, then zero the counters.
BENCH_SESSIONS="$tmp/sessions" wrk -t1 -c1 -d2s -s tests/bench/wrk.lua \
    "http://127.0.0.1:$port$MOD" > /dev/null
callgrind_control -z $spid > /dev/null
# Exactly N requests: one connection, the wrk script counts them.
python3 - "$port" "$MOD" "$tmp/sessions" "$N" <<'PY'
import socket, sys
port, path, sf, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
toks = [l.split()[1] for l in open(sf)]
s = socket.create_connection(("127.0.0.1", port))
f = s.makefile("rb")
for i in range(n):
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nCookie: lentera_sid=%s\r\n\r\n"
               % (path, toks[i % len(toks)])).encode())
    st = f.readline()
    assert b" 200 " in st, st
    ln, chunked = 0, False
    while True:
        h = f.readline()
        if h in (b"\r\n", b""): break
        if h.lower().startswith(b"content-length:"): ln = int(h.split(b":")[1])
        if h.lower().startswith(b"transfer-encoding:") and b"chunked" in h.lower(): chunked = True
    if not chunked:
        f.read(ln)
        continue
    while True:
        k = int(f.readline().split(b";")[0], 16)
        f.read(k + 2)
        if k == 0: break
PY
callgrind_control -d $spid > /dev/null
kill $spid; wait $spid 2>/dev/null
f=$tmp/cg.out.1; cp "$f" "${PROFILE_OUT:-/tmp/lentera-profile.out}"
tot=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
echo "requests: $N   instructions per request: $((tot / N))"
callgrind_annotate --inclusive=yes "$f" 2>/dev/null | sed -n '1,/^$/d; p' | head -45
callgrind_annotate "$f" 2>/dev/null | grep -v '^--' | sed -n '/Ir/,$p' | head -30
