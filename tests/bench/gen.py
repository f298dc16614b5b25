#!/usr/bin/env python3
"""Bench data set. Two steps, both bounded in size by the arguments:

  gen.py courses DIR NCOURSES       course tree: NCOURSES x 5 modules of
                                    ~14 KB Markdown varied from the samples
  gen.py db DB PWHASH NUSERS NPROG NCOMP NSESS SESSFILE
                                    users, progress, completions and
                                    sessions straight into a database whose
                                    schema the server already created

Sessions: the cookie token is 32 random bytes (hex in the cookie); the
server stores BLAKE2b-256 of the raw bytes, as auth.c does. SESSFILE gets
one "nip token csrf" line per session.
"""
import hashlib, os, random, shutil, sqlite3, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SAMPLES = os.path.join(ROOT, 'courses')
MODULES = 5
MODULE_BYTES = 14 * 1024
BATCH = 50000		# rows per transaction
JP = 4
UNITS = ['Dinas Kominfo', 'BKPSDM', 'Dinas Kesehatan', 'Dinas Pendidikan',
         'Bappeda', 'Dinas Dukcapil', 'Inspektorat', 'Sekretariat Daerah']

def course_id(i):
    return 'kursus-%03d' % i

def module_slug(m):
    return '%02d-modul-%d' % (m + 1, m + 1)

def body(path):
    """A sample module without its front matter."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if text.startswith('---\n'):
        text = text[text.index('\n---\n', 4) + 5:]
    return text

def courses(dst, n):
    bodies = []
    for c in sorted(os.listdir(SAMPLES)):
        d = os.path.join(SAMPLES, c)
        if not os.path.isdir(d):
            continue	# kompetensi.csv: the tree's dictionary
        bodies += [body(os.path.join(d, f)) for f in sorted(os.listdir(d))
                   if f[:2].isdigit() and f.endswith('.md')]
    # The sample bodies show the samples' images: every course gets them
    # all (lentera check refuses an image that does not exist).
    images = [os.path.join(SAMPLES, c, 'assets', a) for c in sorted(os.listdir(SAMPLES))
              if os.path.isdir(os.path.join(SAMPLES, c, 'assets'))
              for a in sorted(os.listdir(os.path.join(SAMPLES, c, 'assets')))]
    for i in range(n):
        d = os.path.join(dst, course_id(i))
        os.makedirs(os.path.join(d, 'assets'), exist_ok=True)
        for a in images:
            shutil.copy(a, os.path.join(d, 'assets'))
        with open(os.path.join(d, 'course.md'), 'w', encoding='utf-8') as f:
            f.write('---\nid: %s\ntitle: Kursus Uji Beban %d\nsummary: Kursus '
                    'sintetis untuk pengukuran kinerja.\ncompetency: Kompetensi '
                    'Uji %d\ncompetency_type: teknis\nlevel: 2\njp: %d\n---\n\n'
                    '# Kursus Uji Beban %d\n\nKursus ini dibuat oleh bench.\n'
                    % (course_id(i), i, i % 10, JP, i))
        for m in range(MODULES):
            # Rotate through the samples so pages differ from course to course.
            parts, k = [], i * MODULES + m
            while sum(len(p.encode()) for p in parts) < MODULE_BYTES:
                parts.append(bodies[k % len(bodies)])
                k += 7
            text = '\n\n'.join(parts).encode()[:MODULE_BYTES].decode('utf-8', 'ignore')
            text = text[:text.rfind('\n\n')]
            with open(os.path.join(d, module_slug(m) + '.md'), 'w', encoding='utf-8') as f:
                f.write('---\ntitle: Modul %d kursus %d\nminutes: 45\n---\n\n%s\n'
                        % (m + 1, i, text))

def nip(i):
    """Valid, distinct NIPs: birth date walks days, 999 per day."""
    day, seq = divmod(i, 999)
    birth = time.gmtime(3 * 365 * 86400 + day * 86400)	# from 1973
    return '%04d%02d%02d%04d%02d%d%03d' % (
        birth.tm_year, birth.tm_mon, birth.tm_mday,
        birth.tm_year + 23, 1 + i % 12, 1 + i % 2, seq + 1)

def db(path, pwhash, nusers, nprog, ncomp, nsess, sessfile, ncourses=100):
    con = sqlite3.connect(path)
    con.execute('PRAGMA journal_mode=WAL')
    con.execute('PRAGMA synchronous=OFF')
    now = int(time.time())
    year = time.gmtime(now).tm_year
    base = con.execute('SELECT coalesce(max(id), 0) FROM users').fetchone()[0]

    def batched(sql, rows):
        buf = []
        for r in rows:
            buf.append(r)
            if len(buf) == BATCH:
                con.executemany(sql, buf)
                con.commit()
                buf = []
        if buf:
            con.executemany(sql, buf)
            con.commit()

    batched('INSERT INTO users (id, nip, name, role, unit, pwhash, account_id,'
            ' created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
            ((base + 1 + i, nip(i), 'Peserta Uji %d' % i, 'learner',
              UNITS[i % len(UNITS)], pwhash, os.urandom(12).hex(), now, now)
             for i in range(nusers)))
    # Progress: each user walks modules course after course.
    per = max(1, nprog // nusers)
    batched('INSERT INTO progress (user_id, course, module, done_at) VALUES (?,?,?,?)',
            ((base + 1 + k // per, course_id((k % per) // MODULES % ncourses),
              module_slug(k % per % MODULES), now - k % 86400)
             for k in range(min(nprog, per * nusers))))
    cper = max(1, ncomp // nusers)
    batched('INSERT INTO completions (user_id, course, course_title, competency,'
            ' competency_type, level, jp, started_at, completed_at, year, score,'
            ' cert_no, cert_payload, cert_sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            ((base + 1 + k // cper, course_id(k % cper + 50),
              'Kursus Uji Beban %d' % (k % cper + 50), 'Kompetensi Uji %d' % (k % 10),
              'teknis', 2, JP, now - 86400, now - k % 86400, year, 85.0,
              'BENCH/%d/%07d' % (year, k), None, None)
             for k in range(min(ncomp, cper * nusers))))
    with open(sessfile, 'w') as out:
        rows = []
        for i in range(min(nsess, nusers)):
            tok = os.urandom(32)
            csrf = os.urandom(32).hex()
            rows.append((hashlib.blake2b(tok, digest_size=32).digest(),
                         base + 1 + i, csrf, now, now))
            out.write('%s %s %s\n' % (nip(i), tok.hex(), csrf))
        batched('INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen)'
                ' VALUES (?,?,?,?,?)', rows)
    con.close()

if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'courses':
        courses(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 9 and sys.argv[1] == 'db':
        db(sys.argv[2], sys.argv[3], *map(int, sys.argv[4:8]), sys.argv[8])
    else:
        sys.exit(__doc__)
