"""The PostgreSQL half of the plan test (tests/unit/test_perfdata_plan.c
is the SQLite half): the statements behind the pages that grow with the
data (that program with --print: the text the store prepares), EXPLAINed
on a throw-away cluster at the current schema with enable_seqscan off,
read no table that grows with the ASN whole: no Seq Scan of one, and no
index of one walked end to end (every index node has its Index Cond). (With enable_seqscan on, PostgreSQL rightly reads a table of ten rows
sequentially; turned off, a Seq Scan is left only where no index could
serve.) A control shows the check catches the per-person sum it replaced.
"""
import os, re, subprocess
from lib import *
from pglib import Cluster

BIG = {'users', 'ledger', 'completions', 'progress', 'attempts', 'marks', 'survey_answer',
       'survey_status', 'eval_reaction_done', 'eval_followup', 'eval_answer', 'idp', 'idp_item',
       'plan_gap', 'agg_person'}
PLAN = os.path.join(ROOT, 'build', 'unit', 'test_perfdata_plan')

def statements():
    r = subprocess.run(['make', '-s', 'build/unit/test_perfdata_plan'], cwd=ROOT,
                       capture_output=True, text=True)
    check(r.returncode == 0, 'build the plan program: ' + r.stderr[-500:])
    out = subprocess.run([PLAN, '--print'], capture_output=True, text=True).stdout
    return [tuple(l.split('\t', 1)) for l in out.splitlines() if '\t' in l]

def pg_sql(sql):
    """?N -> $N; a bare ? is one more than the largest number so far (db.h)."""
    top = [0]
    def rep(m):
        if m.group(1):
            top[0] = max(top[0], int(m.group(1)))
            return '$' + m.group(1)
        top[0] += 1
        return '$%d' % top[0]
    return re.sub(r'\?(\d*)', rep, sql)

def explain(pg, url, name, sql):
    """Seq Scans of big tables in the plan of sql (every parameter typed
    by PostgreSQL, given a zero or an empty string)."""
    q = pg_sql(sql).replace("'", "''")
    pg.psql(url, "DEALLOCATE ALL")
    types = pg.psql(url, "PREPARE p AS %s; SELECT parameter_types::text FROM pg_prepared_statements"
                    " WHERE name = 'p'" % pg_sql(sql))
    ts = types[0][0].strip('{}').split(',') if types and types[0][0] not in ('{}', None) else []
    args = ', '.join("''" if t in ('text', 'character varying') else '0' for t in ts)
    rows = pg.psql(url, "SET enable_seqscan = off; PREPARE p AS %s; EXPLAIN EXECUTE p%s" %
                   (pg_sql(sql), '(%s)' % args if args else ''))
    plan = [r[0] for r in rows]
    bad = []
    for i, line in enumerate(plan):
        m = re.search(r'(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)'
                      r'(?: Backward)?(?: using \S+)? on (\w+)', line)
        if not m or m.group(2) not in BIG:
            continue
        detail = []
        for more in plan[i + 1:]:
            if '->' in more:
                break
            detail.append(more)
        cond = any('Index Cond' in d or 'Recheck Cond' in d for d in detail)
        # A whole-table read: a Seq Scan, or an index walked end to end.
        if m.group(1) == 'Seq Scan' or not cond:
            bad.append(line.strip())
    return bad, plan

@test
def no_hot_statement_seq_scans_a_big_table_on_postgresql(s):
    pg = Cluster.shared()
    url = pg.fresh_db('plan')
    r = subprocess.run([BIN, 'user', 'list', '--db', url], capture_output=True, text=True, cwd=ROOT)
    check(r.returncode == 0, 'migrate the database: ' + r.stderr[-500:])
    check(pg.psql(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'agg_hist'")
          == [['1']], 'at the current schema (migration 18)')
    stmts = statements()
    check(len(stmts) >= 15, 'every hot statement listed: %d' % len(stmts))
    fails = []
    for name, sql in stmts:
        bad, plan = explain(pg, url, name, sql)
        if bad:
            fails.append('%s: %s' % (name, bad))
    check(not fails, 'Seq Scan of a big table: %s' % fails)
    bad, plan = explain(pg, url, 'control', "SELECT u.id, sum(e.cjp) FROM users u LEFT JOIN ledger e"
                        " ON e.user_id = u.id AND e.year = ?1 GROUP BY u.id")
    check(bad, 'the control (a per-person sum over users) is caught: %s' % plan)

run()
