#!/bin/sh
# bench-pg.sh: the backends side by side (issue 16): one data set on SQLite,
# then moved with `lentera migrate` to PostgreSQL for one node and for two
# nodes behind nginx, the same figures for each. `make bench` runs it after
# scripts/bench.sh (the three-size run); results go to
# bench/results/<date>-<sha>-pg.txt.
# The tools, the data-set generator and the quiz figures are
# scripts/bench-lib.sh's, shared with scripts/bench.sh.
#   BENCH_QUICK=1   small data set and short runs (about a minute)
#   BENCH_SECS=N    seconds per wrk run (default 10, quick 3)
# Needs: wrk, nginx, sqlite3, python3, gcc, psql (scripts/install-deps.sh + wrk nginx).
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	NCOURSES=10 NUSERS=10000 NPROG=100000 NCOMP=20000 NSESS=1000 SECS=${BENCH_SECS:-3}
else
	NCOURSES=100 NUSERS=100000 NPROG=1000000 NCOMP=200000 NSESS=5000 SECS=${BENCH_SECS:-10}
fi
. "$(dirname "$0")/bench-lib.sh"
bench_init -pg
say "data: $NCOURSES courses x 5 modules, $NUSERS learners, $NPROG progress rows, $NCOMP completions"

# 1. Data set: course tree, schema from the server, rows by python.
bench_courses $NCOURSES
bench_data $NUSERS $NPROG $NCOMP $NSESS
# The PostgreSQL runs (section 7) start from this same data set.
cp "$tmp/db/lentera.db" "$tmp/pg-source.db"

# 2. Lentera.
port=$(free_port)
"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
    --courses "$tmp/courses" --web web >> "$tmp/server.log" 2>&1 &
spid=$!; pids="$pids $spid"
wait_http "$port"
base=http://127.0.0.1:$port
tok=$(awk 'NR == 1 { print $2 }' "$tmp/sessions")
curl -fs -H "Cookie: lentera_sid=$tok" "$base$mod" > "$tmp/page.html" ||
    { echo "bench: module page failed" >&2; exit 1; }
say "module page $mod: $(wc -c < "$tmp/page.html") bytes; server RSS after start $(( $(rss_kb $spid) / 1024 )) MB"
say ""
say "== throughput (wrk on loopback)"
bench_wrk "lentera module page (logged in)" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
ours=$RPS ours99=$P99
bench_wrk "lentera /healthz (no session, no page)" "$base/healthz"

# 3. Ceilings serving the very same bytes.
bench_ceilings

# Argon2id needs 64 MiB per hash in flight: report the peak before login.
say "server peak RSS before any login: $(hms $spid) MB"
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
	peak_login="$(hms $spid) MB"
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

# 6. The quiz (bench-lib.sh): synchronized start, submit once per open
# attempt, attempt start throughput.
say ""
say "== quiz"
bench_fsync "$tmp/db/lentera.db"
tag=""
quiz_bench $NSESS
make -s "$BUILD/unit/test_quiz" >/dev/null 2>&1 &&
    "$BUILD/unit/test_quiz" 2>/dev/null | grep '^# quiz cost' | while read -r l; do
	say "Lua cost per attempt (build+grade, unit measurement): ${l#\# quiz cost: }"
    done
sq_page=$ours sq_sub=${qs_rps:-0} sq_sync=${sync_p99:-0}
sq_sub99=${qs_p99:-n/a} sq_err=${sync_err:-n/a}
sq_peak=${peak_login:-$(hms $spid) MB}
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
	p1=$!; pids="$pids $p1"; spid=$p1
	wait_http "$port"
	base=http://127.0.0.1:$port
	bench_wrk "pg 1 node: module page" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
	pg_page=$RPS
	qs_rps= sync_p99=
	quiz_bench $NSESS
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
	spid="" GROUP=0 quiz_bench $NSESS	# two servers: no one CPU or group figure
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
