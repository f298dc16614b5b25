"""Large exports on PostgreSQL stream (issue 16, server/store/pg/db_pg_stream.c):
one data set of NROWS completions written into a SQLite server and a
PostgreSQL server (a throw-away cluster, scripts/pg.sh), then exported.

- The PostgreSQL server's CSV export of every row is byte for byte the
  SQLite server's, and its peak RSS (VmHWM, /proc/PID/status) grows by
  less than RSS_BOUND_MB over the export: rows are read one at a time,
  not buffered whole in the client (which cost ~60 MB for these rows).
  XLSX the same: bounded growth, same row count.
- A client that hangs up after the first bytes of an export costs a
  bounded amount: the server's connection is clean again at once (no
  query left running or a transaction left open in pg_stat_activity),
  and the next exports on the same few connections are whole and right.
"""
import csv, io, socket, threading, zipfile
from lib import *
import lib
from pglib import Cluster
import psycopg2

NROWS = int(os.environ.get('PGOPS_EXPORT_ROWS', '100000'))
NUSERS = NROWS // 4
RSS_BOUND_MB = 20
BASE = 1000        # user ids above the ones a server makes itself
T0 = 1735689600    # 2025-01-01 00:00 UTC

UNITS = ['Bidang Pengembangan, "Kompetensi"', 'Sekretariat; Umum', 'Dinas =SUM(A1)',
         'Badan Kepegawaian Daerah', 'UPT Pelatihan\tTeknis']
TYPES = ['teknis', 'manajerial', 'sosial-kultural']

def users():
    for i in range(NUSERS):
        nip = '19%02d%02d%02d20%02d%02d1%03d' % (70 + i % 25, 1 + i % 12, 1 + i % 28,
                                                  10 + i % 15, 1 + (i // 12) % 12, i % 1000)
        # nip is UNIQUE: make it so with the index in the last digits.
        nip = nip[:12] + '%06d' % i
        yield (BASE + i, nip, 'Pegawai %d Ñoño "kutip" %s' % (i, 'é' * (i % 3)), 'learner',
               UNITS[i % len(UNITS)], 'Analis SDM Aparatur' if i % 2 else '=cmd|x',
               'III/%s' % 'abcd'[i % 4], 'exp-%d' % i, T0, T0)

def completions():
    for k in range(NROWS):
        uid = BASE + k % NUSERS
        started = T0 + k * 37
        done = started + 3600 * (1 + k % 48)
        score = None if k % 7 == 0 else (k % 1000) / 10.0
        cert = 'BKPSDM-X/%d/%d' % (2025, k) if k % 3 else None
        yield (k + 1, uid, 'kursus-%d' % (k // NUSERS), 'Pelatihan %d, "bagian" %d' % (k % 50, k % 3),
               'Kompetensi %d' % (k % 40), TYPES[k % 3], 1 + k % 5, 1 + k % 40, started, done,
               2025 + (k % 2), score, cert, '', '')

USER_COLS = 'id, nip, name, role, unit, position, golongan, account_id, created_at, updated_at'
COMP_COLS = ('id, user_id, course, course_title, competency, competency_type, level, jp,'
             ' started_at, completed_at, year, score, cert_no, cert_payload, cert_sig')

def fill_sqlite(path):
    con = sqlite3.connect(path, timeout=30)
    try:
        with con:
            con.executemany('INSERT INTO users (%s) VALUES (%s)' % (USER_COLS, ','.join('?' * 10)), users())
            con.executemany('INSERT INTO completions (%s) VALUES (%s)' % (COMP_COLS, ','.join('?' * 15)),
                            completions())
    finally:
        con.close()

def copy_rows(cur, table, cols, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    for r in rows:
        w.writerow(['\\N' if v is None else v for v in r])
    buf.seek(0)
    cur.copy_expert("COPY %s (%s) FROM STDIN WITH (FORMAT csv, NULL '\\N')" % (table, cols), buf)

def fill_pg(url):
    con = psycopg2.connect(url)
    try:
        cur = con.cursor()
        # A fixture, not an import: the per-row triggers (planning
        # realisation, ledger mirror) made 100,000 rows take minutes and
        # the export reads neither. The SQLite side runs its triggers.
        cur.execute("SET session_replication_role = replica")
        copy_rows(cur, 'users', USER_COLS, users())
        copy_rows(cur, 'completions', COMP_COLS, completions())
        con.commit()
    finally:
        con.close()

def hwm_kb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    raise RuntimeError('no VmHWM')

def reset_hwm(pid):
    """VmHWM starts again from the current RSS (proc(5): clear_refs 5)."""
    with open('/proc/%d/clear_refs' % pid, 'w') as f:
        f.write('5')

def get(s, path, token):
    c = Client(s.port)
    return c.get(path, headers={'Authorization': 'Bearer ' + token})

class Site:
    def __init__(self):
        if lib.PG_BASE:
            self.cluster = None
            url = pg_fresh_db(tempfile.mkdtemp(prefix='lentera-pgops-'))
        else:
            self.cluster = Cluster.shared()
            url = self.cluster.fresh_db('export')
        args = ['--no-demo', '--threads', '4']
        self.lite = Server(args=args)
        self.lite.pg = False
        self.lite.db = os.path.join(self.lite.tmp, 'data', 'lentera.db')
        self.lite.args = list(args)
        self.pgs = Server(args=args)
        data = os.path.join(self.pgs.tmp, 'data')
        self.pgs.pg, self.pgs.db = True, url
        self.pgs.args = args + ['--data', data, '--keys', os.path.join(data, 'keys')]
        try:
            self.setup(url)
        except Exception:
            self.stop()       # no server left running by a failed start
            raise
    def setup(self, url):
        self.lite.start()
        self.pgs.start()
        t = time.time()
        fill_sqlite(self.lite.db)
        t1 = time.time()
        fill_pg(url)
        print('# data: %d completions, sqlite %.1f s, pg %.1f s'
              % (NROWS, t1 - t, time.time() - t1), flush=True)
        self.tok = {}
        for s in (self.lite, self.pgs):
            r = s.cli('token', 'create', '--name', 'ekspor', '--db', s.db)
            check(r.returncode == 0, 'token create: %s' % r.stderr)
            self.tok[s] = r.stdout.strip()
    def stop(self):
        for s in (self.lite, self.pgs):
            s.stop()
            s.cleanup()

def csv_export_equal_and_flat(site):
    path = '/api/v1/completions?format=csv'
    # Warm up: statements prepared, allocator arenas made, a small page.
    for s in (site.lite, site.pgs):
        r = get(s, '/api/v1/completions?per_page=100', site.tok[s])
        check(r.status == 200, 'warm-up %d %s' % (r.status, r.text[:200]))
    reset_hwm(site.pgs.proc.pid)
    before = hwm_kb(site.pgs.proc.pid)
    t = time.time()
    pg = get(site.pgs, path, site.tok[site.pgs])
    pg_s = time.time() - t
    after = hwm_kb(site.pgs.proc.pid)
    check(pg.status == 200, 'pg export %d %s' % (pg.status, pg.text[:200]))
    t = time.time()
    lite = get(site.lite, path, site.tok[site.lite])
    lite_s = time.time() - t
    check(lite.status == 200, 'sqlite export %d' % lite.status)
    nlines = pg.body.count(b'\r\n')
    check(nlines == NROWS + 1, 'pg export has %d lines, want %d' % (nlines, NROWS + 1))
    if pg.body != lite.body:
        a, b = pg.body.split(b'\r\n'), lite.body.split(b'\r\n')
        diff = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        check(False, 'pg and sqlite CSV differ at line %d: %r vs %r'
              % (diff, a[diff:diff + 1], b[diff:diff + 1]))
    grow = (after - before) / 1024
    print('# export: %d rows, %.1f MB CSV; pg %.2f s, sqlite %.2f s; pg VmHWM %d -> %d MB (+%.1f)'
          % (NROWS, len(pg.body) / 1e6, pg_s, lite_s, before // 1024, after // 1024, grow))
    check(grow < RSS_BOUND_MB, 'pg export grew the peak RSS by %.1f MB (bound %d)'
          % (grow, RSS_BOUND_MB))

def xlsx_export_flat(site):
    reset_hwm(site.pgs.proc.pid)
    before = hwm_kb(site.pgs.proc.pid)
    r = get(site.pgs, '/api/v1/completions?format=xlsx', site.tok[site.pgs])
    after = hwm_kb(site.pgs.proc.pid)
    check(r.status == 200, 'xlsx %d %s' % (r.status, r.text[:200]))
    z = zipfile.ZipFile(io.BytesIO(r.body))
    sheet = z.read('xl/worksheets/sheet1.xml')
    rows = sheet.count(b'<row ')
    check(rows == NROWS + 1, 'xlsx rows %d, want %d' % (rows, NROWS + 1))
    grow = (after - before) / 1024
    print('# xlsx: pg VmHWM +%.1f MB' % grow)
    check(grow < RSS_BOUND_MB, 'pg xlsx export grew the peak RSS by %.1f MB' % grow)

def pg_activity(site):
    con = psycopg2.connect(site.pgs.db)
    try:
        cur = con.cursor()
        cur.execute("SELECT state, query FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
        return cur.fetchall()
    finally:
        con.close()

def dropped_client_leaves_connection_clean(site):
    s = site.pgs
    want = get(site.lite, '/api/v1/completions?format=csv', site.tok[site.lite]).body
    for _ in range(3):
        sk = socket.create_connection(('127.0.0.1', s.port), timeout=30)
        sk.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sk.sendall(('GET /api/v1/completions?format=csv HTTP/1.1\r\nHost: x\r\n'
                    'Authorization: Bearer %s\r\n\r\n' % site.tok[s]).encode())
        got = b''
        while len(got) < 64 * 1024:
            b = sk.recv(16384)
            check(b, 'server closed before 64 KiB')
            got += b
        check(got.startswith(b'HTTP/1.1 200'), 'export started: %r' % got[:60])
        # A reset, not a polite close: the server's next write fails.
        sk.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
        sk.close()
        # The export's database connection is idle again soon: the rows
        # the server would still send were cancelled or drained, no
        # transaction is left open.
        deadline = time.time() + 10
        while True:
            act = pg_activity(site)
            busy = [a for a in act if a[0] != 'idle']
            if not busy or time.time() > deadline:
                break
            time.sleep(0.05)
        check(not busy, 'connections not idle after the client left: %r' % busy)
    # The rows past the first few hundred were cancelled, not drained.
    check('read abandoned after' in s.logtext(), 'no cancel logged: %s' % s.logtext()[-600:])
    # Every connection of the pool (at most --threads 4) serves whole,
    # right exports after the drops; several at once to use them all.
    out, errs = [], []
    def one():
        try:
            out.append(get(s, '/api/v1/completions?format=csv', site.tok[s]).body)
        except Exception as e:
            errs.append(e)
    ts = [threading.Thread(target=one) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(300)
    check(not errs, 'exports after the drops: %r' % errs)
    check(len(out) == 4 and all(b == want for b in out),
          'exports after the drops differ from sqlite: %r' % [len(b) for b in out])
    r = get(s, '/api/v1/completions?per_page=5&page=3', site.tok[s])
    check(r.status == 200 and '"page":3' in r.text, 'a page after the drops: %s' % r.text[:200])
    log = s.logtext()
    check('connection lost' not in log and 'another command is already in progress' not in log,
          'server log: %s' % log[-800:])

TESTS = [csv_export_equal_and_flat, xlsx_export_flat, dropped_client_leaves_connection_clean]

def main():
    name = ('pg:' if lib.PG_BASE else '') + 'test_pgops_export'
    try:
        site = Site()
    except Exception as e:
        print('FAIL %s: site start: %s' % (name, str(e)[:800].replace('\n', ' ')))
        return 1
    failed = 0
    try:
        for fn in TESTS:
            label = '%s.%s' % (name, fn.__name__)
            try:
                fn(site)
                print('PASS ' + label, flush=True)
            except Exception as e:
                failed += 1
                tb = traceback.extract_tb(e.__traceback__)
                where = ('line %d' % tb[-1].lineno) if tb else ''
                print('FAIL %s: %s %s' % (label, str(e)[:500].replace('\n', ' '), where), flush=True)
    finally:
        site.stop()
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
