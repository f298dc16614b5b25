#!/usr/bin/env python3
"""Planning data for the gap heatmap bench (scripts/bench.sh section 7),
on a database gen.py filled: spreads the users over NUNITS units and 24
positions of four classes, imports the teknis competencies the generated
courses name (Kompetensi Uji 0..9) into the dictionary, gives each
position a standard of 6 competencies, and gives a third of the people an
assessment result and half of them an SKP predikat, as the imports
would (the same tables, bounded in size by the arguments).

  gen_plan.py DB NUNITS
"""
import random, sqlite3, sys, time

db, nunits = sys.argv[1], int(sys.argv[2])
rnd = random.Random(12)
now = int(time.time())
con = sqlite3.connect(db)
BUILTIN = ['integritas', 'kerja sama', 'komunikasi', 'orientasi pada hasil',
           'pelayanan publik', 'pengembangan diri dan orang lain',
           'mengelola perubahan', 'pengambilan keputusan', 'perekat bangsa']
TEKNIS = ['kompetensi uji %d' % i for i in range(10)]
CLASSES = ['pelaksana'] * 14 + ['pengawas'] * 5 + ['administrator'] * 4 + ['jpt-pratama']
POSITIONS = ['Jabatan Uji %02d' % i for i in range(len(CLASSES))]
with con:
    con.execute('UPDATE users SET unit = ?1 || (id %% %d), position = ?2 || substr(\'0\' || (id %% %d), -2, 2)'
                % (nunits, len(POSITIONS)), ('Unit Kerja ', 'Jabatan Uji '))
    for k in TEKNIS:
        con.execute("INSERT INTO plan_competency (key, name, ctype, updated_at) VALUES (?,?,'teknis',?)"
                    " ON CONFLICT (key) DO NOTHING", (k, k.title(), now))
    for p, c in zip(POSITIONS, CLASSES):
        con.execute('INSERT INTO plan_position (pkey, name, pclass, updated_at) VALUES (?,?,?,?)'
                    ' ON CONFLICT (pkey) DO NOTHING', (p.lower(), p, c, now))
        for k in rnd.sample(TEKNIS, 3) + rnd.sample(BUILTIN, 3):
            con.execute('INSERT INTO plan_standard (pkey, ckey, level, updated_at) VALUES (?,?,?,?)'
                        ' ON CONFLICT (pkey, ckey) DO NOTHING', (p.lower(), k, rnd.randint(2, 4), now))
    ids = [r[0] for r in con.execute('SELECT id FROM users')]
    con.executemany("INSERT INTO plan_profile (user_id, ckey, source, ref, level, at, recorded_at)"
                    " VALUES (?,?,'asesmen','CACT 2026-01-15',?,?,?) ON CONFLICT DO NOTHING",
                    ((i, rnd.choice(BUILTIN), rnd.randint(1, 4), now - 86400 * 30, now)
                     for i in ids if i % 3 == 0))
    con.executemany('INSERT INTO plan_skp (user_id, year, predikat, box, imported_at) VALUES (?,?,?,0,?)'
                    ' ON CONFLICT DO NOTHING',
                    ((i, 2025, rnd.choice([1, 2, 2, 2, 3, 4, 5]), now) for i in ids if i % 2 == 0))
print('plan data: %d users over %d units, %d positions' % (len(ids), nunits, len(POSITIONS)))
