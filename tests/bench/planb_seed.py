"""Planning data for make bench (scripts/bench.sh, the plan pages): one
needs-survey round over every unit with self-assessments from half the
ASN, approved yearly plans (IDP) for a quarter of them with three items
each, a budget ceiling, and course assignments (one per unit, due
yesterday, so the overdue list is full). Usage: planb_seed.py DB"""
import sqlite3, sys, time

def main(path):
    con = sqlite3.connect(path)
    con.execute('PRAGMA synchronous=OFF')
    now = int(time.time())
    year = time.gmtime(now + 7 * 3600).tm_year
    users = [r for r in con.execute(
        "SELECT id, unit FROM users WHERE role = 'learner' ORDER BY id")]
    units = sorted(set(u for _, u in users))
    con.execute('INSERT INTO survey_round (id, year, title, opens_at, closes_at,'
                ' created_at) VALUES (1, ?, ?, ?, ?, ?)',
                (year, 'Survei bench', now - 86400, now + 30 * 86400, now))
    comps = [('Integritas', 'manajerial'), ('Kerja Sama', 'manajerial'),
             ('Kompetensi Uji 1', 'teknis')]
    con.executemany('INSERT INTO survey_answer (round_id, user_id, by_atasan,'
                    ' competency, ctype, level, need, assessor_id, answered_at)'
                    ' VALUES (1, ?, 0, ?, ?, ?, ?, ?, ?)',
                    ((uid, c, t, 1 + (uid + k) % 3, 'kebutuhan %d' % k, uid, now)
                     for uid, _ in users[::2] for k, (c, t) in enumerate(comps)))
    routes = [('e-learning', 'kursus-001', 'Kursus Uji Beban 1', 6, 0),
              ('mentoring', '', 'Mentoring oleh atasan', 8, 500000),
              ('pelatihan-teknis', '', 'Pelatihan teknis klasikal', 8, 2500000)]
    plans = users[::4]
    con.executemany('INSERT INTO idp (id, user_id, year, status, updated_at,'
                    ' decided_at) VALUES (?, ?, ?, \'approved\', ?, ?)',
                    ((i + 1, uid, year, now, now) for i, (uid, _) in enumerate(plans)))
    con.executemany('INSERT INTO idp_item (idp_id, competency, ctype, gap, priority,'
                    ' route, course, activity, jp, target_date, cost) VALUES'
                    ' (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    ((i + 1, comps[k][0], comps[k][1], 1 + (i + k) % 3,
                      10 * (1 + (i + k) % 3), r[0], r[1],
                      r[2], r[3], '%d-%02d-15' % (year, 3 + k * 3), r[4])
                     for i in range(len(plans)) for k, r in enumerate(routes)))
    # The rollups the server writes at approval and on each survey answer
    # (store_plan_b.c), here for the seeded rows in one statement each.
    con.execute('INSERT INTO aplan_cell (year, unit, competency, ctype, route, course,'
                ' activity, people, jp, cost, max_gap, max_priority, first_date, last_date,'
                ' position) SELECT p.year, u.unit, i.competency, i.ctype, i.route, i.course,'
                ' i.activity, count(DISTINCT p.id), sum(i.jp), sum(i.cost), max(i.gap),'
                ' max(i.priority),'
                ' min(i.target_date), max(i.target_date), max(u.position) FROM idp p'
                ' JOIN idp_item i ON i.idp_id = p.id JOIN users u ON u.id = p.user_id'
                " WHERE p.status = 'approved' GROUP BY p.year, u.unit, i.competency,"
                ' i.ctype, i.route, i.course, i.activity')
    con.execute('INSERT INTO aplan_unit (year, unit, planners, planned) SELECT p.year,'
                ' u.unit, count(DISTINCT p.id), sum(i.jp) FROM idp p JOIN idp_item i'
                ' ON i.idp_id = p.id JOIN users u ON u.id = p.user_id'
                " WHERE p.status = 'approved' GROUP BY p.year, u.unit")
    con.execute('INSERT INTO survey_status (round_id, user_id, unit, self, atasan)'
                ' SELECT a.round_id, a.user_id, u.unit, max(a.by_atasan = 0),'
                ' max(a.by_atasan = 1) FROM survey_answer a JOIN users u ON'
                ' u.id = a.user_id GROUP BY a.round_id, a.user_id')
    con.execute('INSERT INTO plan_budget (year, ceiling, updated_at) VALUES (?, ?, ?)',
                (year, len(plans) * 1000000, now))
    for i, unit in enumerate(units):
        con.execute("INSERT INTO assignment (id, course, due_date, due_at, target_kind,"
                    " target, created_at) VALUES (?, 'kursus-001', ?, ?, 'unit', ?, ?)",
                    (i + 1, time.strftime('%Y-%m-%d', time.gmtime(now - 86400)),
                     now - 3600, unit, now - 2 * 86400))
        con.executemany('INSERT INTO assignment_user (assignment_id, user_id)'
                        ' VALUES (?, ?)', ((i + 1, uid) for uid, u in users if u == unit))
        con.execute('UPDATE assignment SET people = (SELECT count(*) FROM assignment_user'
                    ' WHERE assignment_id = ?1) WHERE id = ?1', (i + 1,))
    con.commit()
    con.close()
    print('planning data: %d survey answers, %d approved plans, %d assignments to %d people'
          % (len(users[::2]) * len(comps), len(plans), len(units), len(users)))

if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
