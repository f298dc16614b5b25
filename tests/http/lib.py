"""Test harness for Lentera's HTTP suites: the real binary, the real
SQLite file, plain HTTP from the standard library. Each check prints
"PASS name" or "FAIL name: why"; tests/run.sh counts the lines.

    from lib import Server, Client, test, run, DEMO
    @test
    def login_works(s):          # s: a Server started for this file
        c = s.client(); c.login(*DEMO['learner']); ...
    run()
"""
import http.client, os, re, signal, socket, sqlite3, subprocess, sys
import tempfile, time, traceback, urllib.parse, shutil

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BUILD = os.environ.get('BUILD', 'build')
BIN = os.path.join(ROOT, BUILD, 'lentera')
COURSES = os.path.join(ROOT, 'courses')
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures')
PW = 'demo-lentera-2026'
DEMO = {
    'learner': ('199001012015011001', PW),
    'trainer': ('198502142010012002', PW),
    'hr': ('198007172005011003', PW),
    'admin': ('197912312003121004', PW),
}

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]

class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        self.cookies = r.msg.get_all('Set-Cookie') or []
        self.body = r.read()
        self.text = self.body.decode('utf-8', 'replace')
    def header(self, name):
        return self.headers.get(name.lower())

class Client:
    """One browser: a cookie jar and keep-alive connection, no redirects."""
    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.conn = None
    def _conn(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=30)
        return self.conn
    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies and 'Cookie' not in h:
            h['Cookie'] = '; '.join('%s=%s' % kv for kv in self.cookies.items())
        if isinstance(body, dict) or isinstance(body, list):
            body = urllib.parse.urlencode(body, doseq=True)
            h.setdefault('Content-Type', 'application/x-www-form-urlencoded')
        for attempt in (0, 1):
            try:
                c = self._conn()
                c.request(method, path, body=body, headers=h)
                r = Response(c.getresponse())
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn = None
                if attempt:
                    raise
        for sc in r.cookies:
            name, _, rest = sc.partition('=')
            value = rest.split(';')[0]
            if 'Max-Age=0' in sc:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if r.header('connection') == 'close':
            self.conn = None
        return r
    def get(self, path, **kw):
        return self.request('GET', path, **kw)
    def post(self, path, form=None, **kw):
        return self.request('POST', path, body=form if form is not None else {}, **kw)
    def csrf(self, path='/courses'):
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', self.get(path).text)
        return m.group(1) if m else None
    def login(self, nip, password):
        r = self.post('/login', {'nip': nip, 'password': password})
        assert r.status == 303, 'login %s: %d %s' % (nip, r.status, r.text[:200])
        return r
    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

# LENTERA_TEST_PG: a PostgreSQL cluster's URL (tests/run.sh pg starts one).
# Every Server then runs on a fresh database of that cluster instead of a
# SQLite file; s.db is its URL and s.sql() speaks to it (psycopg2).
PG_BASE = os.environ.get('LENTERA_TEST_PG', '')

def pg_fresh_db(tmp):
    """The URL of this Server folder's own database on PG_BASE (made once:
    a Server started again on the same folder finds its data)."""
    import psycopg2
    name = 't_' + re.sub(r'[^a-z0-9]', '_', os.path.basename(tmp.rstrip('/')).lower())
    con = psycopg2.connect(PG_BASE)
    con.autocommit = True
    try:
        cur = con.cursor()
        cur.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        if cur.fetchone() is None:
            cur.execute('CREATE DATABASE "%s"' % name)
    finally:
        con.close()
    url = PG_BASE.rsplit('/', 1)[0] + '/' + name
    # The SQLite functions tests use in their own SQL (s.sql), for this
    # test database only: randomblob(n) and hex(bytes), as SQLite has them.
    con = psycopg2.connect(url)
    try:
        cur = con.cursor()
        cur.execute("CREATE OR REPLACE FUNCTION randomblob(n integer) RETURNS bytea"
                    " LANGUAGE sql VOLATILE AS $$ SELECT string_agg(set_byte('\\x00'::bytea, 0,"
                    " floor(random() * 256)::int), ''::bytea) FROM generate_series(1, n) $$;"
                    "CREATE OR REPLACE FUNCTION hex(b bytea) RETURNS text LANGUAGE sql"
                    " IMMUTABLE AS $$ SELECT upper(encode(b, 'hex')) $$")
        con.commit()
    finally:
        con.close()
    return url

class Server:
    """The real lentera binary on a free port with its own database."""
    def __init__(self, courses=COURSES, args=(), tmp=None):
        self.tmp = tmp or tempfile.mkdtemp(prefix='lentera-test-')
        self.courses = courses
        self.args = list(args)
        self.pg = bool(PG_BASE)
        # self.data: the folder Lentera keeps its files in; self.keys: the
        # keys folder in use (--keys when the test gives one). A PostgreSQL
        # site has no file next to which they could live: --data and --keys.
        self.data = os.path.join(self.tmp, 'data')
        if self.pg:
            self.db = pg_fresh_db(self.tmp)
            self.args += ['--data', self.data]
            if '--keys' not in self.args:
                self.args += ['--keys', os.path.join(self.data, 'keys')]
        else:
            self.db = os.path.join(self.data, 'lentera.db')
        self.keys = os.path.join(self.data, 'keys')
        if '--keys' in self.args:
            self.keys = self.args[len(self.args) - 1 - self.args[::-1].index('--keys') + 1]
        self.port = None
        self.proc = None
        self.log = os.path.join(self.tmp, 'server.log')
    def start(self):
        self.port = free_port()
        cmd = [BIN, 'serve', '--port', str(self.port), '--db', self.db,
               '--courses', self.courses, '--web', os.path.join(ROOT, 'web')] + self.args
        wrap = os.environ.get('LENTERA_WRAP')
        if wrap:
            cmd = wrap.split() + cmd
        self.logf = open(self.log, 'ab')
        self.proc = subprocess.Popen(cmd, stdout=self.logf, stderr=self.logf, cwd=ROOT)
        deadline = time.time() + (60 if wrap else 15)
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('server exited: ' + self.logtext()[-2000:])
            try:
                c = http.client.HTTPConnection('127.0.0.1', self.port, timeout=2)
                c.request('GET', '/healthz')
                if c.getresponse().status == 200:
                    c.close()
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError('server did not start: ' + self.logtext()[-2000:])
    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=120 if os.environ.get('LENTERA_WRAP') else 30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        rc = self.proc.returncode if self.proc else None
        self.proc = None
        if getattr(self, 'logf', None):
            self.logf.close()
        return rc
    def kill9(self):
        return self.stop(signal.SIGKILL)
    def restart(self):
        self.stop()
        return self.start()
    def client(self):
        return Client(self.port)
    def logtext(self):
        try:
            with open(self.log, 'rb') as f:
                return f.read().decode('utf-8', 'replace')
        except OSError:
            return ''
    def sql(self, query, args=()):
        """Read or write the real database file (as an operator would)."""
        if self.pg:
            import psycopg2
            con = psycopg2.connect(self.db)
            try:
                cur = con.cursor()
                cur.execute(query.replace('%', '%%').replace('?', '%s'), tuple(args))
                rows = cur.fetchall() if cur.description else []
                con.commit()
                return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)
                        for r in rows]
            except psycopg2.IntegrityError as e:
                # The errors tests expect of s.sql, whichever backend runs.
                raise sqlite3.IntegrityError(str(e))
            except psycopg2.Error as e:
                raise sqlite3.DatabaseError(str(e))
            finally:
                con.close()
        con = sqlite3.connect(self.db, timeout=10)
        try:
            cur = con.execute(query, args)
            rows = cur.fetchall()
            con.commit()
            return rows
        finally:
            con.close()
    def sql_many(self, query, rows):
        """One statement for many rows in one transaction (bulk fixtures),
        on either backend."""
        if self.pg:
            import psycopg2, psycopg2.extras
            con = psycopg2.connect(self.db)
            try:
                # INSERT ... VALUES (?, ...): multi-row INSERTs of 1,000 rows
                # (execute_values), as a bulk loader writes them. 20,000
                # one-row INSERTs in one transaction update the same
                # counter rows 20,000 times (statement triggers,
                # pg_schema.c step 18): PostgreSQL walks every version of
                # such a row in its own transaction, 78 s for test_api's
                # fixture instead of 1 s.
                m = re.match(r'(?is)^(.*\bVALUES\s*)(\([^()]*\))\s*$', query)
                if m:
                    psycopg2.extras.execute_values(
                        con.cursor(), m.group(1).replace('%', '%%') + '%s', list(rows),
                        template=m.group(2).replace('%', '%%').replace('?', '%s'),
                        page_size=1000)
                else:
                    psycopg2.extras.execute_batch(con.cursor(), query.replace('%', '%%')
                                                  .replace('?', '%s'), list(rows), page_size=1000)
                con.commit()
            finally:
                con.close()
            return
        con = sqlite3.connect(self.db, timeout=30)
        try:
            with con:
                con.executemany(query, rows)
        finally:
            con.close()
    def connect(self):
        """A connection of its own for a multi-statement transaction
        (operator-style fixtures): .execute(q, args) -> rows, .insert(q,
        args) -> the new row's id, .commit(), .close(). ? placeholders on
        either backend."""
        return DbConn(self)
    def bulk_load(self, table, cols, rows):
        """Many rows into table in one transaction, as an operator's bulk
        load would: executemany on SQLite, COPY on PostgreSQL (a million
        rows in seconds). rows: an iterable of tuples of str/int/None."""
        if not self.pg:
            con = sqlite3.connect(self.db, timeout=30)
            try:
                with con:
                    con.executemany('INSERT INTO %s (%s) VALUES (%s)' % (
                        table, ', '.join(cols), ','.join('?' * len(cols))), rows)
            finally:
                con.close()
            return
        import psycopg2, io
        def esc(v):
            if v is None:
                return '\\N'
            return str(v).replace('\\', '\\\\').replace('\t', '\\t').replace(
                '\n', '\\n').replace('\r', '\\r')
        class Feed(io.RawIOBase):
            """COPY's text format, produced as psycopg2 reads it."""
            def __init__(self, it):
                self.it, self.buf = iter(it), b''
            def readable(self):
                return True
            def readinto(self, b):
                while len(self.buf) < len(b):
                    chunk = []
                    for _ in range(2000):
                        r = next(self.it, None)
                        if r is None:
                            break
                        chunk.append('\t'.join(esc(v) for v in r) + '\n')
                    if not chunk:
                        break
                    self.buf += ''.join(chunk).encode()
                n = min(len(b), len(self.buf))
                b[:n], self.buf = self.buf[:n], self.buf[n:]
                return n
        con = psycopg2.connect(self.db)
        try:
            con.cursor().copy_expert('COPY %s (%s) FROM STDIN' % (table, ', '.join(cols)),
                                     io.BufferedReader(Feed(rows), 1 << 16))
            con.commit()
        finally:
            con.close()
    def insert_series(self, n, query):
        """query (an INSERT ... SELECT ... FROM series) with series(i) the
        integers 0..n-1, made by the database itself in one statement: a
        bulk fixture of a million rows without a million round trips
        (a recursive CTE on SQLite, generate_series on PostgreSQL). Keep
        the SELECT portable, e.g. substr(CAST(10000000 + i AS TEXT), 2)
        for a zero-padded number."""
        if self.pg:
            src = 'WITH series(i) AS (SELECT generate_series(0, %d)) ' % (int(n) - 1)
        else:
            src = ('WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series'
                   ' WHERE i < %d) ' % (int(n) - 1))
        self.sql(src + query)
    def integrity(self):
        """What is wrong with the database's structure: [] when sound.
        SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL:
        amcheck on every table and B-tree index (heap pages; every heap
        tuple found in each index), invalid indexes, and every foreign key
        and NOT VALID constraint re-checked against the rows (what
        foreign_key_check does), in one transaction rolled back after (the
        extension is not left in the site's schema)."""
        if not self.pg:
            bad = [r for r in self.sql('PRAGMA integrity_check') if r != ('ok',)]
            return bad + [('foreign key',) + tuple(r) for r in self.sql('PRAGMA foreign_key_check')]
        import psycopg2
        con = psycopg2.connect(self.db)
        bad = []
        try:
            cur = con.cursor()
            cur.execute('CREATE EXTENSION IF NOT EXISTS amcheck')
            cur.execute("SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                        " AND c.relkind = 'r' ORDER BY 1")
            tables = [r[0] for r in cur.fetchall()]
            for t in tables:
                cur.execute('SELECT blkno, offnum, msg FROM verify_heapam(%s::regclass)', (t,))
                bad += [('heap', t) + r for r in cur.fetchall()]
            cur.execute("SELECT i.indexrelid::regclass::text, i.indisvalid, i.indisready,"
                        " am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am"
                        " ON am.oid = c.relam WHERE n.nspname = 'public' ORDER BY 1")
            for name, valid, ready, am in cur.fetchall():
                if not (valid and ready):
                    bad.append(('invalid index', name))
                elif am == 'btree':
                    cur.execute('SELECT bt_index_parent_check(%s::regclass, true, true)', (name,))
            cur.execute("SELECT conname, conrelid::regclass::text FROM pg_constraint"
                        " WHERE connamespace = 'public'::regnamespace AND NOT convalidated")
            bad += [('constraint not valid',) + r for r in cur.fetchall()]
            # Every foreign key against the rows, as foreign_key_check does.
            cur.execute("SELECT conname, conrelid::regclass::text, confrelid::regclass::text,"
                        " ARRAY(SELECT attname FROM unnest(conkey) WITH ORDINALITY k(n, o)"
                        "  JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.n"
                        "  ORDER BY k.o),"
                        " ARRAY(SELECT attname FROM unnest(confkey) WITH ORDINALITY k(n, o)"
                        "  JOIN pg_attribute a ON a.attrelid = confrelid AND a.attnum = k.n"
                        "  ORDER BY k.o)"
                        " FROM pg_constraint WHERE contype = 'f'"
                        " AND connamespace = 'public'::regnamespace ORDER BY 1")
            for name, child, parent, ccols, pcols in cur.fetchall():
                cur.execute('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p'
                            ' WHERE %s)' % (child, ' AND '.join('c.%s IS NOT NULL' % x for x in ccols),
                                           parent, ' AND '.join('p.%s = c.%s' % (y, x)
                                                                for x, y in zip(ccols, pcols))))
                n = cur.fetchone()[0]
                if n:
                    bad.append(('foreign key', name, child, n))
        except psycopg2.Error as e:
            bad.append(('check failed', str(e).strip()))
        finally:
            con.rollback()
            con.close()
        return bad
    def set_schema_version(self, v):
        """The schema version the next start migrates from (an older
        database): PRAGMA user_version on SQLite, lentera_schema on PG."""
        if self.pg:
            self.sql('UPDATE lentera_schema SET version = ? WHERE id = 1', (v,))
        else:
            self.sql('PRAGMA user_version = %d' % int(v))
    def add_failing_trigger(self, name, table, when):
        """A trigger that makes inserts into table fail where the SQL
        condition `when` (on NEW) holds: a write that breaks on disk."""
        if self.pg:
            self.sql("CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN RAISE EXCEPTION 'test'; END $$" % name)
            self.sql('CREATE TRIGGER %s BEFORE INSERT ON %s FOR EACH ROW WHEN (%s)'
                     ' EXECUTE FUNCTION %s()' % (name, table, when, name))
        else:
            self.sql("CREATE TRIGGER %s BEFORE INSERT ON %s WHEN %s BEGIN"
                     " SELECT RAISE(ABORT, 'test'); END" % (name, table, when))
    def drop_trigger(self, name, table, function=False):
        """DROP TRIGGER on either backend (function: also drop the PG
        trigger function of the same name, add_failing_trigger's)."""
        if self.pg:
            self.sql('DROP TRIGGER %s ON %s' % (name, table))
            if function:
                self.sql('DROP FUNCTION %s()' % name)
        else:
            self.sql('DROP TRIGGER %s' % name)
    def indexes(self, table):
        """Names of table's indexes."""
        if self.pg:
            return {r[0] for r in self.sql("SELECT indexname FROM pg_indexes WHERE"
                                           " schemaname = 'public' AND tablename = ?", (table,))}
        return {r[1] for r in self.sql('PRAGMA index_list(%s)' % table)}
    def plan(self, query, args=()):
        """The query plan as text: EXPLAIN QUERY PLAN on SQLite; EXPLAIN with
        sequential scans off on PostgreSQL (it scans a small table whatever
        its indexes: with them off, a plan shows the index that serves)."""
        if self.pg:
            return ' | '.join(r[0] for r in self.sql('SET enable_seqscan = off; ANALYZE; EXPLAIN '
                                                     + re.sub(r'\?\d+', '?', query), args))
        return ' | '.join(str(r[3]) for r in self.sql('EXPLAIN QUERY PLAN ' + query, args))
    def stored_bytes(self):
        """Every byte the database holds, as an attacker with the disk
        would read it: the SQLite file and its WAL; a pg_dump of the
        PostgreSQL database (its rows, whatever the page layout)."""
        if self.pg:
            r = subprocess.run(['pg_dump', '--no-owner', '-d', self.db], capture_output=True,
                               timeout=120)
            if r.returncode != 0:
                raise RuntimeError('pg_dump: ' + r.stderr.decode('utf-8', 'replace')[-500:])
            return r.stdout
        out = b''
        for p in (self.db, self.db + '-wal'):
            if os.path.exists(p):
                with open(p, 'rb') as f:
                    out += f.read()
        return out
    def db_args(self):
        """The flags that name this server's database to a CLI job that
        needs its keys too (regrade): a PostgreSQL site has no keys folder
        next to its database."""
        if self.pg:
            return ['--db', self.db, '--keys', os.path.join(self.tmp, 'data', 'keys')]
        return ['--db', self.db]
    def cli(self, *args, stdin=None):
        """Run `lentera ARGS` against this server's database."""
        return subprocess.run([BIN] + list(args), input=stdin, capture_output=True,
                              text=True, cwd=ROOT, timeout=120)
    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

class DbConn:
    """Server.connect(): one connection, one transaction until commit."""
    def __init__(self, s):
        self.pg = s.pg
        if self.pg:
            import psycopg2
            self.con = psycopg2.connect(s.db)
        else:
            self.con = sqlite3.connect(s.db, timeout=10)
    def _q(self, q):
        return q.replace('%', '%%').replace('?', '%s') if self.pg else q
    def execute(self, q, args=()):
        cur = self.con.cursor()
        cur.execute(self._q(q), tuple(args))
        return cur.fetchall() if cur.description else []
    def insert(self, q, args=()):
        cur = self.con.cursor()
        if self.pg:
            cur.execute(self._q(q) + ' RETURNING id', tuple(args))
            return cur.fetchone()[0]
        cur.execute(q, tuple(args))
        return cur.lastrowid
    def commit(self):
        self.con.commit()
    def close(self):
        self.con.close()

_tests = []
def test(fn):
    _tests.append(fn)
    return fn

def check(cond, what):
    if not cond:
        raise AssertionError(what)

def run(server_factory=None):
    """Start one server for the file, run every @test with it, print results."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    if PG_BASE:
        name = 'pg:' + name
    s = (server_factory or (lambda: Server()))()
    failed = 0
    try:
        s.start()
    except Exception as e:
        print('FAIL %s: server start: %s' % (name, e))
        sys.exit(1)
    try:
        for fn in _tests:
            label = '%s.%s' % (name, fn.__name__)
            try:
                fn(s)
                print('PASS ' + label, flush=True)
            except Exception as e:
                failed += 1
                tb = traceback.extract_tb(e.__traceback__)
                where = ('line %d' % tb[-1].lineno) if tb else ''
                print('FAIL %s: %s %s' % (label, str(e)[:500].replace('\n', ' '), where), flush=True)
                if s.proc is not None and s.proc.poll() is not None:
                    # The server died under the test: what it said last is
                    # the only trace CI keeps.
                    print('  server exit status %s; its log ends:\n%s' % (
                        s.proc.returncode, s.logtext()[-2000:]), flush=True)
            if s.proc is None or s.proc.poll() is not None:
                # A test that left the server down (kill tests restart it).
                try:
                    s.start()
                except Exception as e:
                    print('FAIL %s: server restart: %s' % (name, e))
                    break
    finally:
        rc = s.stop()
        if os.environ.get('LENTERA_WRAP') and rc not in (0, None):
            print('FAIL %s.server_exit: exit status %s under %s' % (name, rc, os.environ['LENTERA_WRAP'].split()[0]))
            print(s.logtext()[-3000:])
            failed += 1
        s.cleanup()
    sys.exit(1 if failed else 0)

# --- helpers added by the tests branch (foundation, attack, crash suites) ---

class AddrClient(Client):
    """A client behind the trusted proxy: the server must run with
    --proxy 127.0.0.1. It speaks for client address `addr` (so per-address
    login throttling of one test does not spill into the next) and can
    claim https via X-Forwarded-Proto."""
    def __init__(self, port, addr, proto=None):
        super().__init__(port)
        self.extra = {'X-Forwarded-For': addr}
        if proto:
            self.extra['X-Forwarded-Proto'] = proto
    def request(self, method, path, body=None, headers=None):
        h = dict(self.extra)
        h.update(headers or {})
        return super().request(method, path, body=body, headers=h)

def test_nip(i, g=2):
    """A valid, distinct NIP for test user i (0..999), unlike the demo ones."""
    return '19900101201501%d%03d' % (g, i % 1000 or 999)

def set_cookie(r, name):
    """The Set-Cookie line of r for cookie `name`, or None."""
    for sc in r.cookies:
        if sc.split('=', 1)[0].strip() == name:
            return sc
    return None

def csrf_of(text):
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', text)
    return m.group(1) if m else None

def copy_tree(*sources):
    """A fresh temp course tree holding copies of the given course folders
    (and files of a tree's root, such as courses/reaksi.survey)."""
    d = tempfile.mkdtemp(prefix='lentera-courses-')
    for src in sources:
        dst = os.path.join(d, os.path.basename(src.rstrip('/')))
        if os.path.isdir(src):
            shutil.copytree(src, dst)
        else:   # a file of the tree, e.g. the default reaksi.survey
            shutil.copy2(src, dst)
    return d

_clock_file = None
def use_test_clock():
    """Servers started from now on with '--test-clock' take their time from
    set_clock() (docs/testing.md): the test moves time, no row is edited.
    Returns the args to add to Server(args=...)."""
    global _clock_file
    if _clock_file is None:
        _clock_file = os.path.join(tempfile.mkdtemp(prefix='lentera-clock-'), 'now')
        os.environ['LENTERA_TEST_NOW'] = '@' + _clock_file
        set_clock('+0')
    return ['--test-clock']

def set_clock(v):
    """The server's clock: '+N' / '-N' shifts real time by N seconds, 'N'
    stops it at Unix time N. Written atomically (never half a value)."""
    with open(_clock_file + '.tmp', 'w') as f:
        f.write(v + '\n')
    os.replace(_clock_file + '.tmp', _clock_file)

def kursus_kuis_answers(text):
    """Right answers for the kursus-kuis fixture's final test, read off the
    paper as shown (tests/fixtures/courses-browser/kursus-kuis)."""
    form = {}
    for name, value, label in re.findall(
            r'<input type="(?:radio|checkbox)" name="(q_[^"]+)" value="([^"]+)"> <span>([^<]*)</span>', text):
        right = {'q_kanal': ['SP4N-LAPOR!'], 'q_komponen': ['Persyaratan', 'Waktu penyelesaian'],
                 'q_biaya': ['Benar']}.get(name, [])
        if label in right:
            form.setdefault(name, []).append(value)
    form['q_ombudsman'] = 'Ombudsman RI'
    form['q_tahun'] = '2.009'
    pairs = {'SKM': 'Survei Kepuasan Masyarakat', 'SPM': 'Standar Pelayanan Minimal'}
    order = ['Laporan masuk', 'Verifikasi', 'Tindak lanjut']
    for label, name, opts in re.findall(
            r'<label class="pick"><span>([^<]*)</span><select name="(q_[^"]+)">(.*?)</select>',
            text, re.S):
        if name.startswith('q_pasangan_'):
            for v, t in re.findall(r'<option value="(\d+)">([^<]*)</option>', opts):
                if t == pairs.get(label):
                    form[name] = v
        elif name.startswith('q_alur_'):
            form[name] = str(order.index(label) + 1)
    return form
