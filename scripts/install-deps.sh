#!/bin/sh
# Install the Debian packages Lentera needs. Idempotent; a no-op (well under
# a second) when everything is present. Usage: install-deps.sh [--quiet] [--test]
#   --test  also the packages the test suite needs (python3, chromium, node deps,
#           clang's libFuzzer for the fuzz regressions, LibreOffice Calc and
#           openpyxl to open every export as HR's spreadsheets do, poppler-utils
#           and zbar-tools to read certificate PDFs and their QR codes back,
#           nginx and slowhttptest for the slow-client suite: it runs its
#           own throw-away nginx on loopback; PostgreSQL 15 for the
#           PostgreSQL suite and the two-node test: scripts/pg.sh makes a
#           throw-away cluster on loopback as an unprivileged user)
#   --bench also wrk and nginx (make bench)
set -e
quiet=0; test=0; bench=0
for a in "$@"; do
	case "$a" in
	--quiet) quiet=1 ;;
	--test) test=1 ;;
	--bench) bench=1 ;;
	*) echo "install-deps.sh: unknown flag $a" >&2; exit 2 ;;
	esac
done

need="build-essential pkg-config libcivetweb-dev libmd4c-html0-dev libmd4c-dev
liblua5.4-dev libsodium-dev libsqlite3-dev libxlsxwriter-dev libminizip-dev
libexpat1-dev sqlite3
libcairo2-dev libfontconfig-dev libqrencode-dev fonts-dejavu-core
libcurl4-openssl-dev libpq-dev"
[ $test = 1 ] && need="$need python3 chromium nodejs npm unzip clang libclang-rt-14-dev
libreoffice-calc-nogui python3-openpyxl poppler-utils zbar-tools nginx-light
slowhttptest"
# The documented certificate verification recipes (tests/http/test_certs_verify.py).
[ $test = 1 ] && need="$need python3-nacl openssl curl"
# A real SMTP server on loopback for the outbox (tests/http/test_planb_*.py).
[ $test = 1 ] && need="$need python3-aiosmtpd"
# The PostgreSQL backend's suites: server binaries (initdb, pg_ctl) and psql.
[ $test = 1 ] && need="$need postgresql-15 postgresql-client-15 python3-psycopg2"
[ $bench = 1 ] && need="$need wrk nginx-light python3 postgresql-15 postgresql-client-15"

missing=""
for p in $need; do
	# dpkg-query is fast; "install ok installed" means present.
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"ok installed"*) ;;
	*)
		# node/npm/python3 may come from outside Debian on some images.
		case "$p" in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		python3) command -v python3 >/dev/null 2>&1 && continue ;;
		esac
		missing="$missing $p" ;;
	esac
done

if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: need root to apt-get install$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
elif [ $quiet = 0 ]; then
	echo "install-deps: all packages present"
fi

if [ $test = 1 ] && [ -f tests/browser/package.json ] && { [ ! -d tests/browser/node_modules/playwright-core ] ||
    [ ! -d tests/browser/node_modules/@learninglocker/xapi-validation ]; }; then
	echo "install-deps: npm packages for browser tests"
	(cd tests/browser && npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent)
fi
if [ $test = 1 ] && [ -f tests/badge/package.json ] && [ ! -d tests/badge/node_modules/@digitalbazaar/vc ]; then
	echo "install-deps: npm packages for the Open Badges verifier"
	(cd tests/badge && npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent)
fi
exit 0
