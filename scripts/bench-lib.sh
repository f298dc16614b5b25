# bench-lib.sh: what scripts/bench.sh (three sizes, SQLite) and
# scripts/bench-pg.sh (the backends side by side) share, sourced by both:
# the tools, the scratch directory, one data-set generator (course tree +
# users, progress, completions, sessions), the ceilings serving the same
# page bytes, and one set of figures for the quiz (synchronized start,
# submit with the group-commit batches and the disk's fsync rate).
#
# The caller sets nothing before sourcing; after it calls
#   bench_init SUFFIX	(results file bench/results/<date>-<sha>SUFFIX.txt)
# and then uses the functions below. Variables the functions set are
# named in each comment.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/lentera
PW=bench-lentera-2026
THREADS=2		# wrk threads (2 cores shared with the server)
CONNS=32		# keep-alive connections of the throughput runs
WRKSESS=64		# distinct sessions the wrk runs rotate through
QUIZ=/quiz/kursus-001/quiz-final.lua
mod=/courses/kursus-001/03-modul-3
tag=""			# row prefix of the quiz figures (bench-pg.sh: the backend)

for t in wrk nginx python3 sqlite3 psql gcc curl; do
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

# bench_init SUFFIX: the results file ($out) and its header.
bench_init() {
	mkdir -p bench/results
	sha=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)
	out=bench/results/$(date -u +%Y-%m-%d)-$sha$1.txt
	: > "$out"
	bench_t0=$(date +%s)
	say "Lentera bench $(date -u '+%Y-%m-%d %H:%M UTC') commit $sha"
	say "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -r); wrk -t$THREADS -c$CONNS ${SECS}s; load average at start $(load)"
}
say() { echo "$*" | tee -a "$out"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

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
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
hms() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ms() {	# PID: CPU time used, ms (USER_HZ 100); 0 without a pid
	if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then
		awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"
	else
		echo 0
	fi
}
# settle PID: wait (at most 5 s) until the server is idle: work it queued
# (logins past a wrk run) must not count as the next figure's.
settle() {
	i=0
	while [ $i -lt 25 ]; do
		a=$(cpu_ms "$1"); sleep 0.2; b=$(cpu_ms "$1")
		[ $((b - a)) -le 10 ] && return
		i=$((i + 1))
	done
}
# calc FORMAT EXPR: arithmetic in awk (a python3 start costs 0.5 s at
# load 13, and the bench does dozens).
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
ratio() { calc %.2f "($2 ? $1 / $2 : 0)"; }
# dbq SQL: one query on the database under test ('|'-separated rows);
# bench-pg.sh redefines it for PostgreSQL.
dbq() { sqlite3 "$tmp/db/lentera.db" "$1"; }

# bench_wrk NAME URL [env...]: prints a row and sets RPS P50 P99 ERR
# (socket errors + 4xx + 5xx) and STATUSES (answers by class).
bench_wrk() {
	name=$1 url=$2; shift 2
	env "$@" wrk -t$THREADS -c${WRK_CONNS:-$CONNS} -d${SECS}s \
	    -s tests/bench/wrk.lua "$url" > "$tmp/wrk.out" 2>&1
	set -- $(grep '^RESULT' "$tmp/wrk.out")
	RPS=${2:-0} P50=${3:-0} P99=${4:-0} ERR=${5:-?}
	STATUSES=$(sed -n 's/^STATUS //p' "$tmp/wrk.out")
	say "$(printf '%-34s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s  (%s)' \
	    "$name" "$RPS" "$P50" "$P99" "$ERR" "$STATUSES")"
}

# bench_courses: the course tree ($tmp/courses, $1 courses, the same at
# every size) with the final test of a sample course (generated
# questions included) added to the first course; the ceiling, herd and
# fsync programs.
bench_courses() {
	python3 tests/bench/gen.py courses "$tmp/courses" "$1" || exit 1
	cp courses/pelayanan-publik-prima/quiz-final.lua "$tmp/courses/kursus-001/"
	python3 - "$tmp/courses/kursus-001/course.md" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
i = s.index('\n---', 3)
open(p, 'w').write(s[:i] + '\nfinal: quiz-final.lua' + s[i:])
PY
	gcc -O2 -o "$tmp/ceiling" tests/bench/ceiling.c -lcivetweb -lpthread || exit 1
	gcc -O2 -Wall -Wextra -o "$tmp/herd" tests/bench/herd.c || exit 1
	gcc -O2 -Wall -Wextra -o "$tmp/fsync" tests/bench/fsync.c || exit 1
	gcc -O2 -Wall -Wextra -o "$tmp/xlsxref" tests/bench/xlsx_ceiling.c \
	    $(pkg-config --cflags --libs xlsxwriter) || exit 1
}

# bench_data NUSERS NPROG NCOMP NSESS: a fresh $tmp/db/lentera.db (schema
# from the server itself), the rows from gen.py, $tmp/sessions ("nip token
# csrf" lines) and $tmp/wrksess (the first WRKSESS of them).
bench_data() {
	rm -rf "$tmp/db"
	t0=$(date +%s)
	port=$(free_port)
	"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
	    --courses "$tmp/courses" --web web > "$tmp/server.log" 2>&1 &
	spid=$!; pids="$pids $spid"
	wait_http "$port"
	kill "$spid"; wait "$spid" 2>/dev/null
	echo "$PW" | "$BIN" user add --nip 196001011985031001 --name "Bench Hash" \
	    --role learner --db "$tmp/db/lentera.db" > /dev/null || exit 1
	hash=$(sqlite3 "$tmp/db/lentera.db" "SELECT pwhash FROM users WHERE nip='196001011985031001'")
	python3 tests/bench/gen.py db "$tmp/db/lentera.db" "$hash" "$1" "$2" "$3" \
	    "$4" "$tmp/sessions" || exit 1
	head -n $WRKSESS "$tmp/sessions" > "$tmp/wrksess"
	say "data set: $1 learners, $2 progress rows, $3 completions, $4 sessions; generated in $(( $(date +%s) - t0 )) s ($(du -m "$tmp/db/lentera.db" | cut -f1) MB database)"
}

# bench_ceilings: the CivetWeb and nginx ceilings serving the bytes of
# $tmp/page.html; sets civet and nginx_rps.
bench_ceilings() {
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
}

# bench_fsync: the sync rate of the disk under the database (one 4 KiB
# append + fdatasync per commit, 1 s); sets fsync_rate fsync_p50.
bench_fsync() {
	set -- $("$tmp/fsync" "$(dirname "$1")" 1)
	fsync_rate=${2:-0} fsync_p50=${3:-0}
	say "disk: ${fsync_rate} fdatasyncs/s (p50 ${fsync_p50} ms, p99 ${4:-?} ms): one commit each without group commit"
}

# group_stats: the group-commit line the server prints on SIGUSR1 (and
# resets); a stopped server's exit line may be in the log before it.
group_stats() {
	gs_n=$(grep -ac '^group commit' "$tmp/server.log")
	kill -USR1 "$spid" 2>/dev/null
	i=0
	while [ $i -lt 20 ] && [ "$(grep -ac '^group commit' "$tmp/server.log")" -le "$gs_n" ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -a '^group commit' "$tmp/server.log" | tail -1
}

# quiz_bench NSESS: the quiz figures on the server at $port ($spid; a
# SQLite server prints its group commit on SIGUSR1, set GROUP=0 when it
# cannot). Uses ${tag} as a row prefix. Sets sync_p99 sync_err sync_cpu
# qs_rps qs_p99 qs_err qs_n qs_cpu.
quiz_bench() {
	ulimit -n "$(ulimit -Hn)" 2>/dev/null	# 5,000 sockets at once
	[ "${GROUP:-1}" = 1 ] && group_stats > /dev/null	# reset
	# Synchronized start: every session's learner starts the same final
	# at once, a fresh connection each (herd.c: one epoll process whose
	# own CPU share shows it is not the bound).
	c0=$(cpu_ms "$spid")
	"$tmp/herd" "$port" "$tmp/sessions" "$1" POST "$QUIZ/start" "csrf=%csrf" \
	    > "$tmp/herd.out" 2> "$tmp/herd.err"
	c1=$(cpu_ms "$spid")
	set -- $(grep '^RESULT' "$tmp/herd.out")
	sync_n=${2:-0} sync_p99=${4:-?} sync_err=${6:-?}
	sync_cpu=$(calc %.0f "($c1 - $c0) * 1000 / ($sync_n > 1 ? $sync_n : 1)")
	say "${tag}synchronized start: $2 learners in 1 s, a fresh connection each: p50 $3 ms  p99 $4 ms  max $5 ms  errors $6 ($(sed -n 's/^STATUS //p' "$tmp/herd.out")$(tr '\n' ' ' < "$tmp/herd.err"))   target p99 <= 300 ms, 0 errors"
	set -- $(grep '^CLIENT' "$tmp/herd.out")
	herd_share=${4:-?}
	say "  load client (herd.c): $2 ms CPU over $3 ms = $4 of one core; server CPU ${sync_cpu} us a start"
	[ "${GROUP:-1}" = 1 ] && say "  $(group_stats)"
	# Submit: each open attempt exactly once (graded in the sandbox, FULL
	# fsync through the group commit), $CONNS keep-alive connections in
	# a closed loop: the rate is what got graded and committed.
	dbq "SELECT u.nip, a.id FROM attempts a JOIN users u
	    ON u.id = a.user_id WHERE a.submitted_at IS NULL" | tr '|' ' ' | sort > "$tmp/open"
	sort "$tmp/sessions" | join - "$tmp/open" |
	    awk '{ print $1, $2, $3, "/attempt/" $4 "/submit" }' > "$tmp/submits"
	qs_n=$(wc -l < "$tmp/submits")
	n0=$(dbq "SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL")
	c0=$(cpu_ms "$spid")
	"$tmp/herd" -k $CONNS "$port" "$tmp/submits" "$qs_n" POST - \
	    "csrf=%csrf&q_nrr=1&q_ikm-konversi=2" > "$tmp/herd.out" 2> "$tmp/herd.err"
	c1=$(cpu_ms "$spid")
	n1=$(dbq "SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL")
	set -- $(grep '^RESULT' "$tmp/herd.out")
	qs_p99=${4:-?} qs_err=${6:-?} qs_rps=${7:-0}
	qs_cpu=$(calc %.0f "($c1 - $c0) * 1000 / ($qs_n > 1 ? $qs_n : 1)")
	say "${tag}quiz submit, graded + committed: $qs_n open attempts once each over $CONNS keep-alive connections: $qs_rps/s  p50 $3 ms  p99 $4 ms  max $5 ms  errors $6 ($(sed -n 's/^STATUS //p' "$tmp/herd.out")$(tr '\n' ' ' < "$tmp/herd.err")); $((n1 - n0)) newly submitted in the database   target >= 3000/s, p99 <= 20 ms"
	set -- $(grep '^CLIENT' "$tmp/herd.out")
	say "  load client (herd.c): $2 ms CPU over $3 ms = $4 of one core; server CPU ${qs_cpu} us a submit"
	[ "${GROUP:-1}" = 1 ] && say "  $(group_stats)"
	# Attempt start throughput on learners who have none open: the wrk
	# sessions after their attempts were submitted (attempt 2 of 3).
	bench_wrk "${tag}quiz attempt start (2nd attempt)" "$base$QUIZ/start" BENCH_SESSIONS="$tmp/wrksess" \
	    BENCH_METHOD=POST BENCH_BODY="csrf=%csrf"
}
