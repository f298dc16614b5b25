"""`lentera check` against the competency dictionary (built-ins and the
tree's kompetensi.csv: file:line problems, usable without a database) and
`serve --skj-defaults` (the default required level per position class)."""
import os, re, shutil, tempfile
from lib import *

def tree(dict_csv=None, edits=()):
    d = tempfile.mkdtemp(prefix='lentera-plana-')
    for name in os.listdir(COURSES):
        src = os.path.join(COURSES, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(d, name))
    if dict_csv is not None:
        with open(os.path.join(d, 'kompetensi.csv'), 'w') as f:
            f.write(dict_csv)
    for course, old, new in edits:
        p = os.path.join(d, course, 'course.md')
        t = open(p).read()
        assert old in t, (course, old)
        open(p, 'w').write(t.replace(old, new))
    return d

def lentera_check(s, path):
    return s.cli('check', path)

@test
def shipped_tree_passes(s):
    r = lentera_check(s, COURSES)
    check(r.returncode == 0 and '3 courses OK' in r.stdout, 'rc %d %r %r' % (r.returncode, r.stdout, r.stderr))
    # With the sample agency dictionary every shipped course is linked.
    d = tree(open(os.path.join(ROOT, 'docs', 'examples', 'kompetensi.csv')).read())
    try:
        r = lentera_check(s, d)
        check(r.returncode == 0 and '3 courses OK' in r.stdout, 'with the dictionary: %r' % r.stdout)
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def unknown_competencies_reported_at_their_line(s):
    d = tree(open(os.path.join(ROOT, 'docs', 'examples', 'kompetensi.csv')).read(), [
        ('literasi-digital-egov', 'competency: Literasi Digital Pemerintahan', 'competency: Literasi Digitel'),
        ('etika-integritas-asn', 'competency: Integritas', 'competency: Integritas Tinggi'),
        ('pelayanan-publik-prima', 'competency_type: teknis', 'competency_type: manajerial')])
    try:
        r = lentera_check(s, d)
        out = r.stdout
        check(r.returncode == 1, 'exit %d' % r.returncode)
        check(re.search(r'literasi-digital-egov/course\.md:\d+: competency "Literasi Digitel" is not in the agency dictionary', out), out)
        check(re.search(r'etika-integritas-asn/course\.md:5: competency "Integritas Tinggi" is not a manajerial competency of PermenPANRB 38/2017', out), out)
        check(re.search(r'pelayanan-publik-prima/course\.md:\d+: competency "Penyelenggaraan Pelayanan Publik" is teknis in the dictionary, not manajerial', out), out)
        # One course folder checks against its tree's dictionary too.
        r = lentera_check(s, os.path.join(d, 'literasi-digital-egov'))
        check(r.returncode == 1 and 'Literasi Digitel' in r.stdout, 'one course: %r' % r.stdout)
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def bad_dictionary_rows_reported(s):
    d = tree('nama,jenis\nLiterasi Digital Pemerintahan,teknis\nKomunikasi,teknis\n'
             'Penyelenggaraan Pelayanan Publik,\nPenyelenggaraan  pelayanan publik,teknis\n')
    try:
        r = lentera_check(s, d)
        check(r.returncode == 1, 'exit %d' % r.returncode)
        check(re.search(r'kompetensi\.csv:3: "Komunikasi" adalah kompetensi manajerial bawaan', r.stdout), r.stdout)
        check(re.search(r'kompetensi\.csv:5: .*sudah ada di baris 4', r.stdout), r.stdout)
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def no_dictionary_file_teknis_unchecked(s):
    d = tree(None, [('literasi-digital-egov', 'competency: Literasi Digital Pemerintahan', 'competency: Apa Saja')])
    try:
        r = lentera_check(s, d)
        check(r.returncode == 0, 'a tree without kompetensi.csv: teknis names are the agency\'s: %r' % r.stdout)
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def skj_defaults_configurable(s):
    c = s.client()
    c.login(*DEMO['hr'])
    t = c.get('/hr/perencanaan/standar').text
    check('<td>Pengawas</td><td class="num">3</td>' in t and '<td>JPT Pratama</td><td class="num">5</td>' in t,
          'configured defaults shown')
    check('<td>Pelaksana</td><td class="num">1</td>' in t, 'others keep the built-in')
    c.get('/hr/kesenjangan')
    # The demo learner's position has no standard: Pelaksana, level 1 each.
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (DEMO['learner'][0],))[0][0]
    req = s.sql("SELECT DISTINCT required FROM plan_gap WHERE user_id = ? AND target = 0", (uid,))
    check(req == [(1,)], 'pelaksana default: %r' % req)

@test
def cli_import_plan(s):
    d = tempfile.mkdtemp(prefix='lentera-plana-cli-')
    try:
        bad = os.path.join(d, 'skp-2025.csv')
        with open(bad, 'w') as f:
            f.write('nip,tahun,predikat\n%s,2025,Baik\n%s,2025,Luar Biasa\n199001012015011999,2025,Baik\n'
                    % (DEMO['learner'][0], DEMO['learner'][0]))
        r = s.cli('import-plan', 'skp', bad, '--db', s.db)
        check(r.returncode == 1, 'exit %d' % r.returncode)
        check(re.search(r'skp-2025\.csv:3: predikat "Luar Biasa"', r.stderr) and
              re.search(r'skp-2025\.csv:4: NIP 199001012015011999 tidak terdaftar', r.stderr) and
              'nothing written' in r.stderr, r.stderr)
        check(s.sql('SELECT count(*) FROM plan_skp')[0][0] == 0, 'nothing written')
        good = os.path.join(d, 'skp.csv')
        with open(good, 'w') as f:
            f.write('nip;tahun;predikat\n%s;2025;SANGAT BAIK\n' % DEMO['learner'][0])
        r = s.cli('import-plan', 'skp', good, '--db', s.db, '--dry-run')
        check(r.returncode == 0 and 'dry run' in r.stdout and
              s.sql('SELECT count(*) FROM plan_skp')[0][0] == 0, 'dry run: %r' % r.stdout)
        r = s.cli('import-plan', 'skp', good, '--db', s.db)
        check(r.returncode == 0 and s.sql('SELECT predikat FROM plan_skp') == [(1,)], 'saved: %r %r' % (r.stdout, r.stderr))
        check(s.cli('import-plan', 'nilai', good, '--db', s.db).returncode == 2, 'unknown kind: usage')
    finally:
        shutil.rmtree(d, ignore_errors=True)

run(lambda: Server(args=['--skj-defaults', 'pengawas=3,jpt-pratama=5']))
