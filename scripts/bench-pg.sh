#!/bin/sh
# bench-pg.sh: the backends side by side (issue 16): one data set on SQLite,
# then moved with `lentera migrate` to PostgreSQL for one node and for two
# nodes behind nginx, the same figures for each. `make bench` runs it after
# scripts/bench.sh (the three-size run); results go to
# bench/results/<date>-<sha>-pg.txt.
# Benchmark (figures, not pass/fail): generates the data set into a temp
# database, runs lentera and two ceilings serving the same module page
# bytes (a minimal CivetWeb program and nginx), measures with wrk on
# loopback and writes everything to bench/results/<date>-<shortsha>.txt.
#   BENCH_QUICK=1   small data set and short runs (about a minute)
#   BENCH_SECS=N    seconds per wrk run (default 10, quick 3)
# Needs: wrk, nginx, sqlite3, python3, gcc (scripts/install-deps.sh + wrk nginx).
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/lentera
PW=bench-lentera-2026
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	NCOURSES=10 NUSERS=10000 NPROG=100000 NCOMP=20000 NSESS=1000 SECS=${BENCH_SECS:-3}
else
	NCOURSES=100 NUSERS=100000 NPROG=1000000 NCOMP=200000 NSESS=5000 SECS=${BENCH_SECS:-10}
fi
THREADS=2		# wrk threads (2 cores shared with the server)
CONNS=32		# = lentera's worker threads: more would only queue
WRKSESS=64		# distinct sessions the wrk runs rotate through

for t in wrk nginx python3 sqlite3 psql; do
	command -v $t >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v $t >/dev/null 2>&1 || { echo "bench: $t missing (apt-get install $t)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "bench: $BIN missing: run make" >&2; exit 2; }

tmp=$(mktemp -d /tmp/lentera-bench.XXXXXX)
chmod 755 "$tmp"	# nginx workers run as nobody
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkdir -p bench/results
sha=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)
out=bench/results/$(date -u +%Y-%m-%d)-$sha-pg.txt
: > "$out"
say() { echo "$*" | tee -a "$out"; }

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_http() {	# port
	i=0
	while ! curl -fs -o /dev/null "http://127.0.0.1:$1/healthz" 2>/dev/null &&
	    ! curl -fs -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 300 ] && { echo "bench: port $1 never answered" >&2; exit 1; }
		sleep 0.1
	done
}
hwm() { awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$1/status"; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

# wrk NAME URL [env...]: prints a row and sets RPS P50 P99 ERR.
bench_wrk() {
	name=$1 url=$2; shift 2
	line=$(env "$@" wrk -t$THREADS -c${WRK_CONNS:-$CONNS} -d${SECS}s \
	    -s tests/bench/wrk.lua "$url" 2>&1 | grep '^RESULT')
	set -- $line
	RPS=${2:-0} P50=${3:-0} P99=${4:-0} ERR=${5:-?}
	say "$(printf '%-34s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s' \
	    "$name" "$RPS" "$P50" "$P99" "$ERR")"
}
ratio() { python3 -c "print('%.2f' % ($1 / $2 if $2 else 0))"; }

say "Lentera bench $(date -u '+%Y-%m-%d %H:%M UTC') commit $sha"
say "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -r); wrk -t$THREADS -c$CONNS ${SECS}s"
say "data: $NCOURSES courses x 5 modules, $NUSERS learners, $NPROG progress rows, $NCOMP completions"

# 1. Data set: course tree, schema from the server, rows by python.
t0=$(date +%s)
python3 tests/bench/gen.py courses "$tmp/courses" $NCOURSES || exit 1
cp courses/pelayanan-publik-prima/quiz-final.lua "$tmp/courses/kursus-001/"
python3 - "$tmp/courses/kursus-001/course.md" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
i = s.index('\n---', 3)
open(p, 'w').write(s[:i] + '\nfinal: quiz-final.lua' + s[i:])
PY
port=$(free_port)
"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
    --courses "$tmp/courses" --web web > "$tmp/server.log" 2>&1 &
spid=$!; pids="$pids $spid"
wait_http "$port"
kill "$spid"; wait "$spid" 2>/dev/null
echo "$PW" | "$BIN" user add --nip 196001011985031001 --name "Bench Hash" \
    --role learner --db "$tmp/db/lentera.db" > /dev/null || exit 1
hash=$(sqlite3 "$tmp/db/lentera.db" "SELECT pwhash FROM users WHERE nip='196001011985031001'")
python3 tests/bench/gen.py db "$tmp/db/lentera.db" "$hash" $NUSERS $NPROG $NCOMP \
    $NSESS "$tmp/sessions" || exit 1
head -n $WRKSESS "$tmp/sessions" > "$tmp/wrksess"
# The PostgreSQL runs (section 7) start from this same data set.
cp "$tmp/db/lentera.db" "$tmp/pg-source.db"
say "data set generated in $(( $(date +%s) - t0 )) s ($(du -m "$tmp/db/lentera.db" | cut -f1) MB database)"

# 2. Lentera.
port=$(free_port)
"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
    --courses "$tmp/courses" --web web >> "$tmp/server.log" 2>&1 &
spid=$!; pids="$pids $spid"
wait_http "$port"
base=http://127.0.0.1:$port
tok=$(awk 'NR == 1 { print $2 }' "$tmp/sessions")
mod=/courses/kursus-001/03-modul-3
curl -fs -H "Cookie: lentera_sid=$tok" "$base$mod" > "$tmp/page.html" ||
    { echo "bench: module page failed" >&2; exit 1; }
say "module page $mod: $(wc -c < "$tmp/page.html") bytes; server RSS after start $(( $(rss_kb $spid) / 1024 )) MB"
say ""
say "== throughput (wrk on loopback)"
bench_wrk "lentera module page (logged in)" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
ours=$RPS ours99=$P99
bench_wrk "lentera /healthz (no session, no page)" "$base/healthz"

# 3. Ceilings serving the very same bytes.
gcc -O2 -o "$tmp/ceiling" tests/bench/ceiling.c -lcivetweb -lpthread || exit 1
gcc -O2 -Wall -Wextra -o "$tmp/herd" tests/bench/herd.c || exit 1
cport=$(free_port)
"$tmp/ceiling" "$cport" "$tmp/page.html" & cpid=$!; pids="$pids $cpid"
wait_http "$cport"
bench_wrk "CivetWeb ceiling (same bytes)" "http://127.0.0.1:$cport/"
civet=$RPS
kill "$cpid"
nport=$(free_port)
mkdir -p "$tmp/nginx/www"
cp "$tmp/page.html" "$tmp/nginx/www/index.html"
cat > "$tmp/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/nginx/www;
		location / { default_type text/html; try_files /index.html =404; }
	}
}
EOF
nginx -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" & npid=$!; pids="$pids $npid"
wait_http "$nport"
bench_wrk "nginx static (same bytes, auto)" "http://127.0.0.1:$nport/"
nginx_rps=$RPS
kill "$npid"

# Argon2id needs 64 MiB per hash in flight: report the peak before login.
say "server peak RSS before any login: $(hwm $spid)"
# 4. Login (Argon2id: bounded by hashing, ~2 at a time by design).
WRK_CONNS=4 bench_wrk "login POST (Argon2id)" "$base/login" BENCH_SESSIONS="$tmp/wrksess" \
    BENCH_NOCOOKIE=1 BENCH_METHOD=POST BENCH_BODY="nip=%nip&password=$PW"

# 5. HR CSV export of every completion.
say ""
say "== HR CSV export (/api/v1/completions?format=csv, all rows)"
hr=$(sqlite3 "$tmp/db/lentera.db" "SELECT id FROM users WHERE role='hr' LIMIT 1")
csv_export() {
	st=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: lentera_sid=$tok" \
	    "$base/api/v1/completions?format=csv")
	if [ "$st" = 404 ]; then
		say "csv export: n/a (route not built yet)"
		return
	fi
	# An HR session: promote the first bench user for this run only.
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='hr' WHERE nip='$(awk 'NR == 1 { print $1 }' "$tmp/sessions")'"
	peak_login=$(hwm $spid)
	before=$(rss_kb $spid)
	# Reset the peak (Linux clear_refs 5) so the export's own peak shows.
	echo 5 > "/proc/$spid/clear_refs" 2>/dev/null
	s0=$(date +%s.%N)
	rows=$(curl -s -H "Cookie: lentera_sid=$tok" "$base/api/v1/completions?format=csv" | wc -l)
	s1=$(date +%s.%N)
	after=$(awk '/VmHWM/ { print $2 }' "/proc/$spid/status")
	python3 -c "d=$s1-$s0; r=$rows-1; print('csv export: %d rows in %.2f s = %.0f rows/s; peak RSS growth %.1f MB' % (r, d, r/d, ($after-$before)/1024))" | tee -a "$out"
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='learner' WHERE nip='$(awk 'NR == 1 { print $1 }' "$tmp/sessions")'"
}
csv_export

# 5b. Certificate PDF: cairo + QR per request, at most 2 rendering at once
# (certpdf.h); every bench learner has a completion of kursus-050 (gen.py).
say ""
say "== certificate PDF (/certificate/<course>/pdf, rendered per request)"
WRK_CONNS=4 bench_wrk "certificate PDF (no logo)" "$base/certificate/kursus-050/pdf" \
    BENCH_SESSIONS="$tmp/wrksess"
pdf_rps=$RPS pdf_p99=$P99

# 6. Quiz attempt start and submit; synchronized start.
# The lead completes these once the quiz routes land: QUIZ names the quiz,
# quiz_start_body/quiz_submit_body the form bodies the routes expect.
QUIZ=/quiz/kursus-001/quiz-final.lua
# The final test of a sample course (generated questions included) is
# added to the generated course before the server starts: see step 1.
say ""
say "== quiz"
# dbq SQL: one query on the database under test ('|'-separated rows).
dbq() { sqlite3 "$tmp/db/lentera.db" "$1"; }
tag=""
quiz_bench() {
	# Synchronized start: every bench learner starts the same final at once.
	ulimit -n "$(ulimit -Hn)" 2>/dev/null	# 5,000 sockets at once
	# herd.c: one epoll process; its own CPU share shows it is not the bound.
	"$tmp/herd" "$port" "$tmp/sessions" $NSESS POST "$QUIZ/start" "csrf=%csrf" > "$tmp/herd.out"
	set -- $(grep '^RESULT' "$tmp/herd.out")
	say "${tag}synchronized start: $2 learners in 1 s, a fresh connection each: p50 $3 ms  p99 $4 ms  max $5 ms  errors $6"
	sync_p99=$4 sync_err=$6
	set -- $(grep '^CLIENT' "$tmp/herd.out")
	say "  load client (herd.c): $2 ms CPU over $3 ms = $4 of one core"
	# Submit: each open attempt once (graded in the sandbox, FULL fsync).
	dbq "SELECT u.nip, a.id FROM attempts a JOIN users u
	    ON u.id = a.user_id WHERE a.submitted_at IS NULL" | tr '|' ' ' | sort > "$tmp/open"
	sort "$tmp/sessions" | join - "$tmp/open" |
	    awk '{ print $2, $3, "/attempt/" $4 "/submit" }' > "$tmp/submits"
	say "open attempts to submit: $(wc -l < "$tmp/submits")"
	# Time-bound: throughput is what got graded and committed in the run
	# (a resubmitted attempt, once the pool is used up, changes nothing).
	n0=$(dbq "SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL")
	t0=$(date +%s.%N)
	# One second: the pool of open attempts must outlast the run.
	SECS=1 bench_wrk "${tag}quiz submit (latency)" "$base/" BENCH_PATHS="$tmp/submits" \
	    BENCH_THREADS=$THREADS BENCH_BODY="csrf=%csrf&q_nrr=1&q_ikm-konversi=2"
	t1=$(date +%s.%N)
	qs_p99=$P99
	n1=$(dbq "SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL")
	qs_rps=$(python3 -c "print('%.0f' % (($n1 - $n0) / ($t1 - $t0)))")
	say "${tag}quiz submits graded + committed: $((n1 - n0)) in $(python3 -c "print('%.1f' % ($t1 - $t0))") s = $qs_rps/s (pool $(wc -l < "$tmp/submits") open attempts)"
	# Attempt start throughput on learners who have none open: reuse the
	# wrk sessions after their attempts were submitted (attempt 2 of 3).
	bench_wrk "${tag}quiz attempt start (2nd attempt)" "$base$QUIZ/start" BENCH_SESSIONS="$tmp/wrksess" \
	    BENCH_METHOD=POST BENCH_BODY="csrf=%csrf"
	[ -n "$tag" ] && return
	make -s "$BUILD/unit/test_quiz" >/dev/null 2>&1 &&
	    "$BUILD/unit/test_quiz" 2>/dev/null | grep '^# quiz cost' | while read -r l; do
		say "Lua cost per attempt (build+grade, unit measurement): ${l#\# quiz cost: }"
	    done
}
quiz_bench
sq_page=$ours sq_sub=${qs_rps:-0} sq_sync=${sync_p99:-0}
sq_sub99=${qs_p99:-n/a} sq_err=${sync_err:-n/a}
sq_peak=${peak_login:-$(hwm $spid)}
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null

# 7. PostgreSQL: the same data set moved with `lentera migrate`, then one
# node, then two nodes behind nginx (docs/deploy.md's upstream block), each
# on a fresh copy: module page, synchronized start, submit. The cluster is
# scripts/pg.sh's (loopback, fsync and synchronous_commit on).
pg_bench() {
	pgout=$(sh scripts/pg.sh start) || { say "postgres: cluster did not start"; return; }
	pgdir=$(echo "$pgout" | sed -n 's/^PGDIR=//p')
	pgurl=$(echo "$pgout" | sed -n 's/^PGURL=//p')
	pg1=${pgurl%/*}/bench1 pg2=${pgurl%/*}/bench2
	psql -Xq -d "$pgurl" -c 'CREATE DATABASE bench1' -c 'CREATE DATABASE bench2'
	say ""
	say "== PostgreSQL 15 (same data set, lentera migrate)"
	s0=$(date +%s.%N)
	"$BIN" migrate --from "$tmp/pg-source.db" --to "$pg1" > "$tmp/migrate.out" 2>&1 ||
	    { say "migrate failed: $(tail -2 "$tmp/migrate.out")"; sh scripts/pg.sh stop "$pgdir"; return; }
	s1=$(date +%s.%N)
	rows=$(sed -n 's/.*: [0-9]* tables, \([0-9]*\) rows copied.*/\1/p' "$tmp/migrate.out")
	say "$(python3 -c "d=$s1-$s0; print('migrate: %d rows in %.1f s = %.0f rows/s, counts and checksums verified' % ($rows, d, $rows/d))")"
	"$BIN" migrate --from "$tmp/pg-source.db" --to "$pg2" > /dev/null 2>&1
	dbq() { psql -XAt -F'|' -d "$pgdb" -c "$1"; }
	keys="--keys $tmp/db/keys --data $tmp/pgdata"
	# One node.
	pgdb=$pg1 tag="pg 1 node: "
	port=$(free_port)
	"$BIN" serve --no-demo --quiet --port "$port" --db "$pg1" $keys \
	    --courses "$tmp/courses" --web web >> "$tmp/pg-server.log" 2>&1 &
	p1=$!; pids="$pids $p1"
	wait_http "$port"
	base=http://127.0.0.1:$port
	bench_wrk "pg 1 node: module page" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
	pg_page=$RPS
	qs_rps= sync_p99=
	quiz_bench
	pg_sub=${qs_rps:-0} pg_sync=${sync_p99:-0}
	kill "$p1"; wait "$p1" 2>/dev/null
	# Two nodes behind nginx.
	pgdb=$pg2 tag="pg 2 nodes+nginx: "
	na=$(free_port) nb=$(free_port) port=$(free_port)
	for np in $na $nb; do
		"$BIN" serve --no-demo --quiet --port "$np" --db "$pg2" $keys \
		    --proxy 127.0.0.1 --courses "$tmp/courses" --web web >> "$tmp/pg-server.log" 2>&1 &
		pids="$pids $!"; wait_http "$np"
	done
	mkdir -p "$tmp/pgnginx"
	for d in body proxy fcgi uwsgi scgi; do mkdir -p "$tmp/pgnginx/$d"; chmod 777 "$tmp/pgnginx/$d"; done
	# The location block of docs/deploy.md's multi-node site.
	loc=$(awk '/^```nginx/ { n++ } n == 2' docs/deploy.md |
	    sed -n '/^    location \/ {/,/^    }/p' | sed '1d;$d')
	{
		echo "worker_processes 1;"
		echo "pid $tmp/pgnginx/nginx.pid;"
		echo "error_log $tmp/pgnginx/error.log;"
		echo "daemon off;"
		echo "worker_rlimit_nofile 20000;"
		echo "events { worker_connections 8192; }"
		echo "http {"
		echo "	access_log off;"
		for d in client_body:body proxy:proxy fastcgi:fcgi uwsgi:uwsgi scgi:scgi; do
			echo "	${d%%:*}_temp_path $tmp/pgnginx/${d#*:};"
		done
		echo "	upstream lentera {"
		echo "		server 127.0.0.1:$na max_fails=1 fail_timeout=10s;"
		echo "		server 127.0.0.1:$nb max_fails=1 fail_timeout=10s;"
		echo "		keepalive 32;"
		echo "	}"
		echo "	server {"
		echo "		listen 127.0.0.1:$port;"
		echo "		location / {"
		echo "$loc"
		echo "		}"
		echo "	}"
		echo "}"
	} > "$tmp/pgnginx/nginx.conf"
	nginx -c "$tmp/pgnginx/nginx.conf" -e "$tmp/pgnginx/error.log" & ngx=$!; pids="$pids $ngx"
	wait_http "$port"
	base=http://127.0.0.1:$port
	bench_wrk "pg 2 nodes+nginx: module page" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
	pg2_page=$RPS
	qs_rps= sync_p99=
	quiz_bench
	pg2_sub=${qs_rps:-0} pg2_sync=${sync_p99:-0}
	kill "$ngx" 2>/dev/null
	sh scripts/pg.sh stop "$pgdir"
}
pg_bench

say ""
say "== summary (targets beside figures)"
say "module page / CivetWeb ceiling: $(ratio "$ours" "$civet")   target >= 0.85"
say "module page / nginx:            $(ratio "$ours" "$nginx_rps")"
say "module page p99:                $ours99 ms"
say "quiz submit:                    $sq_sub req/s, p99 $sq_sub99 ms   target >= 3000/s, p99 <= 20 ms"
say "synchronized start:             p99 $sq_sync ms, errors $sq_err   target p99 <= 300 ms, 0 errors"
say "CSV export:                     see above   target >= 500k rows/s, RSS growth <= 10 MB"
say "certificate PDF:                ${pdf_rps:-n/a} req/s, p99 ${pdf_p99:-n/a} ms   target >= 150/s, p99 <= 50 ms"
say "server peak RSS (VmHWM):        $sq_peak (incl. Argon2id logins)   target <= 64 MB"
say "backends (module page req/s | submit/s | sync start p99 ms):"
say "  SQLite, 1 node:                 $sq_page | $sq_sub | $sq_sync"
say "  PostgreSQL, 1 node:             ${pg_page:-n/a} | ${pg_sub:-n/a} | ${pg_sync:-n/a}   page ratio $(ratio "${pg_page:-0}" "$sq_page")"
say "  PostgreSQL, 2 nodes + nginx:    ${pg2_page:-n/a} | ${pg2_sub:-n/a} | ${pg2_sync:-n/a}   page ratio $(ratio "${pg2_page:-0}" "$sq_page")"
say "written to $out"
