"""PostgreSQL schema and `lentera migrate` on the real thing: a throw-away
cluster (scripts/pg.sh), the real SQLite file of a running server, psql.

- The PostgreSQL DDL (server/store/pg/pg_schema.c) ends at the same
  version as the SQLite migrations, with the same tables, columns, NOT
  NULL and primary keys: a step added to one backend only fails here.
- Nodes migrating one database at once take turns (advisory lock).
- `lentera migrate --from DB --to URL` moves a learner's whole journey
  (progress, attempts, marks, completion, certificate, sessions, audit)
  with counts and content equal; ids continue after the copied ones; the
  append-only audit trigger holds in PostgreSQL too.
- All or nothing: a bad source row, a non-empty target or an older schema
  commit nothing; a bench-sized data set moves with counts equal.
"""
import os, re, shutil, sqlite3, subprocess, tempfile, time
import lib
from lib import *
from pglib import Cluster
# Reuse the learner journey's answer reader, not its checks: test_flow
# runs its tests when imported, so run() is a no-op while it loads, and
# the tests it registered in lib are dropped.
_run, lib.run = lib.run, lambda *a, **k: None
import test_flow
lib.run = _run
lib._tests[:] = [t for t in lib._tests if t.__module__ != 'test_flow']

GEN = os.path.join(ROOT, 'tests', 'bench', 'gen.py')
PY = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else 'python3'

def pg():
    return Cluster.shared()

def migrate(*args):
    return subprocess.run([BIN, 'migrate'] + list(args), capture_output=True,
                          text=True, cwd=ROOT, timeout=600)

def sqlite_rows(path, q):
    con = sqlite3.connect(path, timeout=10)
    try:
        return con.execute(q).fetchall()
    finally:
        con.close()

def tables(path):
    return sorted(r[0] for r in sqlite_rows(path,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))

def snapshot(s):
    """A consistent copy of the server's database file (SQLite's backup)."""
    d = tempfile.mkdtemp(prefix='lentera-pgmig-')
    dst = os.path.join(d, 'copy.db')
    src = sqlite3.connect(s.db, timeout=10)
    out = sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    return dst

@test
def schema_same_on_both_backends(s):
    url = pg().fresh_db()
    r = migrate('--to', url)
    check(r.returncode == 0, 'migrate --to: %s' % r.stderr)
    sv = s.sql('PRAGMA user_version')[0][0]
    pv = int(pg().psql(url, 'SELECT version FROM lentera_schema')[0][0])
    check(sv == pv, 'schema versions: SQLite %d, PostgreSQL %d' % (sv, pv))
    check(('schema %d' % sv) in r.stdout, r.stdout)
    st = tables(s.db)
    pt = sorted(x[0] for x in pg().psql(url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_name <> 'lentera_schema'"))
    check(st == pt, 'tables: SQLite %s, PostgreSQL %s' % (st, pt))
    for t in st:
        scols = sorted((r[1], bool(r[3] or r[5]), r[5] > 0)
                       for r in s.sql('PRAGMA table_info("%s")' % t))
        pk = {x[0] for x in pg().psql(url,
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '%s'::regclass AND i.indisprimary" % t)}
        pcols = sorted((x[0], x[1] == 'NO', x[0] in pk) for x in pg().psql(url,
            "SELECT column_name, is_nullable FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name = '%s'" % t))
        check(scols == pcols, '%s: SQLite %s, PostgreSQL %s' % (t, scols, pcols))
    # Idempotent: a second run is a no-op at the same version.
    r = migrate('--to', url)
    check(r.returncode == 0 and ('schema %d' % sv) in r.stdout, r.stdout + r.stderr)

@test
def schema_nodes_migrate_at_once(s):
    url = pg().fresh_db()
    ps = [subprocess.Popen([BIN, 'migrate', '--to', url], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in ps]
    for p, (o, e) in zip(ps, outs):
        check(p.returncode == 0, 'concurrent migrate: %s %s' % (o, e))
    sv = s.sql('PRAGMA user_version')[0][0]
    check(pg().psql(url, 'SELECT version FROM lentera_schema') == [[str(sv)]], 'version')

def journey(s):
    """The learner journey of test_flow, up to a verified certificate."""
    C = test_flow.COURSE
    c = s.client()
    c.login(*DEMO['learner'])
    r = c.get('/courses/' + C)
    check(r.status == 200, 'course page %d' % r.status)
    tok = csrf_of(r.text)
    for m in ('01-standar-pelayanan', '02-pengaduan'):
        check(c.post('/courses/%s/%s/done' % (C, m), {'csrf': tok}).status == 303, 'done')
    for quiz in ('quiz-pre.lua', 'quiz-final.lua'):
        r = c.post('/quiz/%s/%s/start' % (C, quiz), {'csrf': tok})
        check(r.status == 303, 'start %d' % r.status)
        att = r.header('location')
        form = test_flow.answers(c.get(att).text)
        form['csrf'] = tok
        check(c.post(att + '/submit', form).status == 303, 'submit')
    check(c.get('/certificate/' + C).status == 200, 'certificate')

@test
def migrate_moves_a_journey(s):
    journey(s)
    r = s.cli('token', 'create', '--name', 'pg-migrate', '--db', s.db)
    check(r.returncode == 0, 'token create: ' + r.stderr)
    url = pg().fresh_db()
    # The server keeps running: the copy reads one snapshot.
    r = migrate('--from', s.db, '--to', url)
    check(r.returncode == 0, 'migrate: ' + r.stderr + r.stdout)
    check('verified; committed' in r.stdout, r.stdout)
    for t in tables(s.db):
        n = sqlite_rows(s.db, 'SELECT count(*) FROM "%s"' % t)[0][0]
        m = int(pg().psql(url, 'SELECT count(*) FROM "%s"' % t)[0][0])
        check(n == m, '%s: SQLite %d rows, PostgreSQL %d' % (t, n, m))
        check((' %s ' % t) in r.stdout, 'report names ' + t)
    check(int(pg().psql(url, 'SELECT count(*) FROM completions')[0][0]) >= 1, 'a completion')
    for q, pq in (
        ('SELECT nip, name, pwhash, account_id FROM users ORDER BY nip', None),
        ('SELECT cert_no, verify_code, holder_name, cert_payload, cert_sig, score'
         ' FROM completions ORDER BY cert_no', None),
        ("SELECT lower(hex(hash)), csrf FROM sessions ORDER BY 1",
         "SELECT encode(hash, 'hex'), csrf FROM sessions ORDER BY encode(hash, 'hex') COLLATE \"C\""),
        ('SELECT a.id, m.qid, m.score, m.correct FROM marks m JOIN attempts a ON a.id = m.attempt_id'
         ' ORDER BY a.id, m.pos', None),
    ):
        a = [['' if v is None else str(v) for v in row] for row in sqlite_rows(s.db, q)]
        if pq is None:
            pq = q.replace('ORDER BY nip', 'ORDER BY nip COLLATE "C"').replace(
                'ORDER BY cert_no', 'ORDER BY cert_no COLLATE "C"')
        b = [['' if v is None else v for v in row] for row in pg().psql(url, pq)]
        # Doubles: SQLite prints 100.0, PostgreSQL 100.
        norm = lambda rows: [[x[:-2] if x.endswith('.0') else x for x in row] for row in rows]
        check(norm(a) == norm(b), '%s: %s != %s' % (q, a[:3], b[:3]))
    top = sqlite_rows(s.db, 'SELECT max(id) FROM audit')[0][0]
    new = int(pg().psql(url, "INSERT INTO audit (at, event) VALUES (0, 'pg.test') RETURNING id")[0][0])
    check(new > top, 'audit ids continue after the copied ones: %d <= %d' % (new, top))
    try:
        pg().psql(url, 'UPDATE audit SET event = event')
        check(False, 'audit is append-only in PostgreSQL')
    except RuntimeError as e:
        check('append-only' in str(e), str(e))

@test
def migrate_refuses_a_nonempty_target(s):
    url = pg().fresh_db()
    check(migrate('--from', s.db, '--to', url).returncode == 0, 'first copy')
    before = pg().psql(url, 'SELECT count(*) FROM users')
    r = migrate('--from', s.db, '--to', url)
    check(r.returncode == 1, 'second copy exit %d' % r.returncode)
    check('not empty' in r.stderr and 'nothing was committed' in r.stderr, r.stderr)
    check(pg().psql(url, 'SELECT count(*) FROM users') == before, 'rows unchanged')

@test
def migrate_is_all_or_nothing(s):
    src = snapshot(s)
    try:
        url = pg().fresh_db()
        # Text that is not UTF-8 (SQLite stores it; PostgreSQL refuses it)
        # in the last table copied: every earlier table was already sent.
        con = sqlite3.connect(src)
        con.execute("INSERT INTO siasn_person (user_id, pns_orang_id)"
                    " SELECT id, CAST(X'C328' AS TEXT) FROM users LIMIT 1")
        con.commit()
        con.close()
        r = migrate('--from', src, '--to', url)
        check(r.returncode == 1, 'bad row: exit %d %s' % (r.returncode, r.stdout))
        check('nothing was committed' in r.stderr, r.stderr)
        # Nothing committed: every table holds what a fresh schema holds
        # (empty, but for the rows the steps themselves seed).
        fresh = pg().fresh_db()
        check(migrate('--to', fresh).returncode == 0, 'fresh schema')
        for t in tables(src):
            q = 'SELECT * FROM "%s" ORDER BY 1' % t
            check(pg().psql(url, q) == pg().psql(fresh, q),
                  '%s holds rows after a failed copy' % t)
        # A value of the wrong type: named by table, column and row.
        con = sqlite3.connect(src)
        con.execute("DELETE FROM siasn_person")
        con.execute("INSERT INTO counters (name, value) VALUES ('pg.test', 'abc')")
        con.commit()
        con.close()
        r = migrate('--from', src, '--to', url)
        check(r.returncode == 1 and re.search(r'counters\.value, row \d+: not an integer',
                                              r.stderr), r.stderr)
        # The same target takes a clean copy afterwards.
        check(migrate('--from', s.db, '--to', url).returncode == 0, 'clean copy after failures')
        # An older schema is refused, not guessed at.
        con = sqlite3.connect(src)
        con.execute("DELETE FROM counters WHERE name = 'pg.test'")
        con.execute('PRAGMA user_version = 3')
        con.commit()
        con.close()
        r = migrate('--from', src, '--to', pg().fresh_db())
        check(r.returncode == 1 and 'schema 3' in r.stderr, r.stderr)
    finally:
        shutil.rmtree(os.path.dirname(src), ignore_errors=True)

@test
def migrate_bench_sized(s):
    """`make bench`'s quick data set: 10,000 learners, 100,000 progress rows,
    20,000 completions, 1,000 sessions."""
    d = tempfile.mkdtemp(prefix='lentera-pgbench-')
    try:
        db = os.path.join(d, 'data', 'lentera.db')
        r = subprocess.run([BIN, 'user', 'add', '--nip', '196001011985031001', '--name',
                            'Bench Hash', '--role', 'learner', '--db', db], input=PW + '\n',
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
        check(r.returncode == 0, 'user add: ' + r.stderr)
        h = sqlite_rows(db, "SELECT pwhash FROM users")[0][0]
        r = subprocess.run([PY, GEN, 'db', db, h, '10000', '100000', '20000', '1000',
                            os.path.join(d, 'sessions')], capture_output=True, text=True,
                           timeout=600)
        check(r.returncode == 0, 'gen.py: ' + r.stderr)
        url = pg().fresh_db()
        t0 = time.time()
        r = migrate('--from', db, '--to', url)
        took = time.time() - t0
        check(r.returncode == 0, 'migrate: ' + r.stderr)
        total = 0
        for t in tables(db):
            n = sqlite_rows(db, 'SELECT count(*) FROM "%s"' % t)[0][0]
            m = int(pg().psql(url, 'SELECT count(*) FROM "%s"' % t)[0][0])
            check(n == m, '%s: %d != %d' % (t, n, m))
            total += n
        check(total > 130000, 'rows %d' % total)
        print('  migrate: %d rows in %.1f s (%.0f rows/s)' % (total, took, total / took))
    finally:
        shutil.rmtree(d, ignore_errors=True)

if __name__ == '__main__':
    try:
        pg()
    except Exception as e:
        print('FAIL test_pg_migrate: PostgreSQL cluster: %s' % e)
        raise SystemExit(1)
    run(lambda: Server(courses=copy_tree(test_flow.FIX)))
