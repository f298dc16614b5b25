#!/bin/sh
# A throw-away PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl
# into a fresh temporary folder, listening on 127.0.0.1 only (and a socket
# inside that folder), on a free port. PostgreSQL refuses to run as root, so
# as root (CI) the cluster belongs to an unprivileged account (PG_USER,
# default nobody); otherwise to the calling user.
#
#   scripts/pg.sh start [DIR]   make and start a cluster; prints two lines,
#                               PGDIR=<folder> and PGURL=postgres://...
#                               (database "lentera" exists, empty)
#   scripts/pg.sh stop DIR      stop it (fast shutdown) and remove DIR
#   scripts/pg.sh url DIR       print the URL of a running cluster again
#
# The cluster trusts loopback connections (--auth=trust): it is a test
# fixture that lives in a private folder for one run, never a deployment
# (docs/deploy.md has those). Durability settings stay PostgreSQL's
# defaults (fsync, synchronous_commit on): the kill -9 tests rely on them.
set -e

pgbin() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	d=$(pg_config --bindir 2>/dev/null || true)
	[ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
	echo "pg.sh: no PostgreSQL server binaries (initdb); run scripts/install-deps.sh --test" >&2
	return 1
}

# as_owner CMD...: run CMD as the cluster's owner.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		# From /: the owner may not be allowed into the caller's folder
		# (a CI clone under /root).
		(cd / && runuser -u "$owner" -- "$@")
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

owner=${PG_USER:-nobody}
[ "$(id -u)" = 0 ] || owner=$(id -un)

cmd=$1
case "$cmd" in
start)
	bin=$(pgbin)
	dir=${2:-}
	if [ -z "$dir" ]; then
		dir=$(mktemp -d "${TMPDIR:-/tmp}/lentera-pg.XXXXXX")
	else
		mkdir -p "$dir"
	fi
	[ "$(id -u)" = 0 ] && chown "$owner" "$dir"
	chmod 700 "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U "$owner" --auth=trust \
	    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		echo "pg.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
	# A free port can be taken between the probe and the bind: try again.
	tries=0
	while :; do
		port=$(free_port)
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=64MB" \
		    start >/dev/null 2>&1; then
			break
		fi
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			echo "pg.sh: pg_ctl start failed:" >&2; tail -20 "$dir/server.log" >&2; exit 1
		fi
	done
	echo "$port" >"$dir/port"
	as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$owner" lentera
	echo "PGDIR=$dir"
	echo "PGURL=postgres://$owner@127.0.0.1:$port/lentera"
	;;
url)
	dir=$2
	[ -f "$dir/port" ] || { echo "pg.sh: no cluster in $dir" >&2; exit 1; }
	echo "postgres://$owner@127.0.0.1:$(cat "$dir/port")/lentera"
	;;
stop)
	dir=$2
	[ -n "$dir" ] && [ -d "$dir/data" ] || { echo "usage: pg.sh stop DIR" >&2; exit 2; }
	bin=$(pgbin)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: pg.sh start [DIR] | stop DIR | url DIR" >&2
	exit 2
	;;
esac
