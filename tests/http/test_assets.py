"""Trainer content on the application's origin (issue 8 B.5-6, A.4) and the
content side of `lentera check` (issue 9 items 7 and 9), on the real binary:
`lentera check` and a running server over HTTP, on one temp tree that holds
good courses and every kind of bad one. Each bad course is checked twice:
check must name the problem (file:line), and the server must not serve it
(or the file in question), so check and serving agree.

The tree is built here (not in fixtures/) because it needs symbolic links
to a folder outside it that holds a secret."""
import atexit, glob
from lib import *

TMP = tempfile.mkdtemp(prefix='lentera-assets-')
OUT = os.path.join(TMP, 'outside')
TREE = os.path.join(TMP, 'tree')
atexit.register(shutil.rmtree, TMP, True)
SECRET = 'RAHASIA-DI-LUAR-KURSUS'
SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n'
       '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
       '<title>%s</title><rect width="100" height="50" style="fill:#cde"/></svg>\n')

def write(path, text, mode='w'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)

def course_md(cid, extra=''):
    return ('---\nid: %s\ntitle: Kursus %s\nsummary: Uji.\ncompetency: Uji\n'
            'competency_type: teknis\nlevel: 1\njp: 1\n%s---\nRingkasan.\n' % (cid, cid, extra))

def module(title, body='Isi modul.\n'):
    return '---\ntitle: %s\n---\n%s' % (title, body)

def course(cid, files=None, extra=''):
    d = os.path.join(TREE, cid)
    write(os.path.join(d, 'course.md'), course_md(cid, extra))
    for name, text in (files or {'01-isi.md': module('Isi')}).items():
        write(os.path.join(d, name), text, 'wb' if isinstance(text, bytes) else 'w')
    return d

def build():
    write(os.path.join(OUT, 'secret.svg'), SVG % SECRET)
    write(os.path.join(OUT, 'secret.md'), module(SECRET, SECRET + '\n'))
    write(os.path.join(OUT, 'quiz-final.lua'),
          'quiz { title="%s", pass=50 }\nsingle { id="a", text="?", choices={"x","y"}, answer=1 }\n' % SECRET)
    lc = os.path.join(OUT, 'kursus-luar')
    write(os.path.join(lc, 'course.md'), course_md('kursus-luar'))
    write(os.path.join(lc, '01-isi.md'), module(SECRET, SECRET + '\n'))
    for src in sorted(glob.glob(os.path.join(COURSES, '*'))):
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(TREE, os.path.basename(src)))
        else:   # the tree's default reaksi.survey
            shutil.copy2(src, os.path.join(TREE, os.path.basename(src)))
    # good: an image, links to its own modules, its assets and another course
    course('aset-baik', {
        '01-gambar.md': module('Gambar', '![Bagan](assets/bagan.svg)\n\n[Kedua](02-kedua) '
                               '[Kursus lain](../pelayanan-publik-prima) [Beranda](/courses)\n'),
        '02-kedua.md': module('Kedua', '[Kembali](01-gambar#h-x) ![B](./assets/Bagan2.SVG)\n'),
        'assets/bagan.svg': SVG % 'Bagan',
        'assets/Bagan2.SVG': SVG % 'Bagan dua',
        'assets/.DS_Store': 'x',
        'README.md': 'catatan pelatih\n',
    })
    # B.6: symlinks at every level
    d = course('link-aset', {'01-isi.md': module('Isi', '![S](assets/secret.svg)\n')})
    os.symlink(OUT, os.path.join(d, 'assets'))
    d = course('link-modul', {})
    os.symlink(os.path.join(OUT, 'secret.md'), os.path.join(d, '01-rahasia.md'))
    os.symlink(lc, os.path.join(TREE, 'kursus-luar'))
    os.symlink(lc, os.path.join(TREE, 'kursus-luar-lagi'))	# the same folder twice
    d = course('link-antar-kursus', {'01-isi.md': module('Isi', '![B](assets/curian.svg)\n')})
    os.makedirs(os.path.join(d, 'assets'))
    os.symlink(os.path.join('..', '..', 'aset-baik', 'assets', 'bagan.svg'),
               os.path.join(d, 'assets', 'curian.svg'))
    d = course('link-kuis', extra='final: quiz-final.lua\n')
    os.symlink(os.path.join(OUT, 'quiz-final.lua'), os.path.join(d, 'quiz-final.lua'))
    # B.5 siblings: what an assets folder may not hold
    course('aset-campur', {
        '01-isi.md': module('Isi'),
        'assets/diagram.js': 'alert(1)\n',
        'assets/halaman.html': '<script>alert(1)</script>\n',
        'assets/dok.xhtml': '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>\n',
        'assets/data.xml': '<?xml version="1.0"?><x/>\n',
        'assets/gaya.css': 'body { background: url(javascript:alert(1)) }\n',
        'assets/palsu.png': '<html><script>alert(1)</script></html>\n',
        'assets/xhtml.svg': '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>\n',
        'assets/fo.svg': ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="9" height="9">'
                          '<div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>\n'),
        'assets/onload.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>\n',
        'assets/jshref.svg': ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                              '<a xlink:href="java&#x73;cript:alert(1)"><rect width="9" height="9"/></a></svg>\n'),
        'assets/skrip.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script href="diagram.js"/></svg>\n',
        'assets/tanpa-ekstensi': SVG % 'x',
        'assets/sub/dalam.svg': SVG % 'x',
    })
    # A.4: a module check used to pass that answered 500 (20,000 reference
    # definitions: md4c renders them in ~12 ms, so it must serve) ...
    course('banyak-referensi', {'01-ref.md': module('Ref', ''.join(
        '[r%d]: https://example.org/%d\n' % (i, i) for i in range(20000)) +
        '\nLihat [sumber][r7] dan [r19999].\n')})
    # ... and the same lines as paragraph text (md4c: seconds): refused
    course('referensi-dalam-paragraf', {'01-ref.md': module('Ref', 'Teks.\n' + ''.join(
        '[r%d]: https://example.org/%d\n' % (i, i) for i in range(20000)))})
    # item 7: Markdown images and links to course files that do not exist
    course('tautan-rusak', {
        '01-isi.md': module('Isi', 'Paragraf.\n\n![Hilang](assets/hilang.svg)\n\n'
                            '[Modul hilang](05-tidak-ada)\n\n![Luar](../../../etc/passwd)\n\n'
                            '[Kursus hilang](../kursus-tidak-ada/01-x)\n\n'
                            '![Titik](assets/%2e%2e/course.md)\n\n'
                            '[Rekam jejak](../../record) [Kuis](../../quiz/tautan-rusak/x.lua)\n'),
    })
    # item 7: misnamed module files, missing final quiz, front matter
    course('nama-salah', {'01-benar.md': module('Benar'), '2-x.md': module('Dua'),
                          '01_garis.md': module('Garis'), '003-tiga.md': module('Tiga'),
                          '04-empat.MD': module('Empat')})
    course('final-hilang', extra='pretest: quiz-pre.lua\nfinal: quiz-final.lua\n')
    write(os.path.join(TREE, 'final-hilang', 'quiz-pre.lua'),
          'quiz { title="Pra", pass=0 }\nsingle { id="a", text="?", choices={"x","y"}, answer=1 }\n')
    course('tanpa-tutup', {'01-isi.md': '---\ntitle: Isi\nBaris satu tanpa titik dua\n'
                           'Baris dua\nBaris tiga\nBaris empat\n'})
    course('prasyarat', extra='prerequisites: aset-baik, pelayanan-publik-prima\n')
    course('prasyarat-hilang', extra='prerequisites: aset-baik, kursus-tidak-ada\n')
    course('prasyarat-berantai', extra='prerequisites: prasyarat-hilang\n')
    d = course('tutup-di-akhir', {'01-isi.md': '---\ntitle: Isi\n---'})
    with open(os.path.join(d, 'course.md'), 'w') as f:
        f.write(course_md('tutup-di-akhir').replace('---\nRingkasan.\n', '---'))
    course('dua-masalah', {'01-isi.md': '---\nminutes: 5\n---\nTanpa judul.\n'}, extra='')
    with open(os.path.join(TREE, 'dua-masalah', 'course.md'), 'w') as f:
        f.write(course_md('dua-masalah').replace('level: 1', 'level: 9'))

build()
_check_cache = {}

def check_out(path=TREE):
    if path not in _check_cache:
        p = subprocess.run([BIN, 'check', path], capture_output=True, text=True, cwd=ROOT, timeout=120)
        _check_cache[path] = (p.returncode, p.stdout, p.stderr)
    return _check_cache[path]

def lines_for(fragment, path=TREE):
    return [l for l in check_out(path)[1].splitlines() if fragment in l]

_c = {}
def learner(s):
    if 'l' not in _c:
        c = s.client()
        c.login(*DEMO['learner'])
        _c['l'] = c
    return _c['l']

def not_served(s, cid):
    c = learner(s)
    r = c.get('/courses')
    check('/courses/%s"' % cid not in r.text, '%s listed in the catalogue' % cid)
    r = c.get('/courses/' + cid)
    check(r.status == 404, '/courses/%s answered %d' % (cid, r.status))

def no_secret(r, what):
    check(SECRET not in r.text, '%s: the file outside the tree was served' % what)

# ---- B.6: symbolic links ----------------------------------------------------

@test
def symlinked_assets_folder_refused(s):
    check(lines_for('link-aset/assets:') and 'symbolic link' in lines_for('link-aset/assets:')[0],
          'check: %r' % check_out()[1][-800:])
    not_served(s, 'link-aset')
    no_secret(learner(s).get('/courses/link-aset/assets/secret.svg'), 'asset via linked folder')

@test
def symlinked_module_refused(s):
    check(any('symbolic link' in l for l in lines_for('link-modul/01-rahasia.md')), 'check: %r' % lines_for('link-modul'))
    not_served(s, 'link-modul')
    no_secret(learner(s).get('/courses/link-modul/01-rahasia'), 'linked module')

@test
def symlinked_course_folder_refused(s):
    for cid in ('kursus-luar', 'kursus-luar-lagi'):
        check(any('symbolic link' in l for l in lines_for(cid)), 'check silent on %s: %r' % (cid, lines_for(cid)))
        not_served(s, cid)
        no_secret(learner(s).get('/courses/%s/01-isi' % cid), 'linked course folder')
    no_secret(learner(s).get('/courses'), 'catalogue')

@test
def symlink_to_another_courses_asset_refused(s):
    check(any('symbolic link' in l for l in lines_for('link-antar-kursus/assets/curian.svg')),
          'check: %r' % lines_for('link-antar-kursus'))
    not_served(s, 'link-antar-kursus')
    r = learner(s).get('/courses/link-antar-kursus/assets/curian.svg')
    check(r.status == 404, 'linked asset answered %d' % r.status)

@test
def symlinked_quiz_refused_at_the_line_naming_it(s):
    l = lines_for('link-kuis/course.md')
    check(l and l[0].split(':')[1] == '9' and 'symbolic link' in l[0], 'check: %r' % l)
    not_served(s, 'link-kuis')
    no_secret(learner(s).get('/quiz/link-kuis/quiz-final.lua'), 'linked quiz')

@test
def asset_swapped_for_symlink_after_load_not_followed(s):
    c = learner(s)
    r = c.get('/courses/aset-baik/assets/bagan.svg')
    check(r.status == 200, 'good asset answered %d' % r.status)
    p = os.path.join(TREE, 'aset-baik', 'assets', 'bagan.svg')
    keep = p + '.keep'
    os.rename(p, os.path.join(TMP, 'bagan.keep'))
    os.symlink(os.path.join(OUT, 'secret.svg'), p)
    try:
        r = c.get('/courses/aset-baik/assets/bagan.svg')
        check(r.status == 404, 'asset swapped for a link answered %d' % r.status)
        no_secret(r, 'swapped asset')
        m = os.path.join(TREE, 'aset-baik', '02-kedua.md')
        os.rename(m, os.path.join(TMP, 'kedua.keep'))
        os.symlink(os.path.join(OUT, 'secret.md'), m)
        r = c.get('/courses/aset-baik/02-kedua')
        no_secret(r, 'module swapped for a link')
    finally:
        os.unlink(p)
        os.rename(os.path.join(TMP, 'bagan.keep'), p)
        m = os.path.join(TREE, 'aset-baik', '02-kedua.md')
        if os.path.islink(m):
            os.unlink(m)
            os.rename(os.path.join(TMP, 'kedua.keep'), m)
    # the course comes back once the links are gone
    deadline = time.time() + 5
    while time.time() < deadline and c.get('/courses/aset-baik/assets/bagan.svg').status != 200:
        time.sleep(0.2)
    check(c.get('/courses/aset-baik/assets/bagan.svg').status == 200, 'course did not come back')

@test
def path_tricks_never_leave_the_course(s):
    c = learner(s)
    for p in ['/courses/aset-baik/assets/..%2f..%2f..%2foutside%2fsecret.svg',
              '/courses/aset-baik/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2foutside%2fsecret.svg',
              '/courses/aset-baik/assets/..%5c..%5c..%5coutside%5csecret.svg',
              '/courses/aset-baik/assets/tidak-ada.svg%00.md',
              '/courses/aset-baik/assets/sub/dalam.svg',
              '/courses/aset-campur/assets/sub/dalam.svg',
              '/courses/aset-baik/assets/.DS_Store',
              '/courses/aset-baik/assets/README.md',
              '/courses/aset-baik/assets/../../link-aset/assets/secret.svg',
              '/courses/link-aset/assets/secret.svg',
              '/courses/..%2foutside/assets/secret.svg']:
        r = c.get(p)
        check(r.status in (400, 404), '%s answered %d' % (p, r.status))
        no_secret(r, p)
    # "assets/%2e%2e" is normalised by CivetWeb to the course page itself.
    r = c.get('/courses/aset-baik/assets/%2e%2e')
    check(r.status in (200, 404) and 'id: aset-baik' not in r.text, 'assets/%%2e%%2e: %d' % r.status)
    # CivetWeb's decoder ends the path at %00: this names bagan.svg and
    # nothing else (never course.md, whatever follows the NUL).
    r = c.get('/courses/aset-baik/assets/bagan.svg%00.md')
    check(r.status == 404 or (r.status == 200 and r.header('content-type') == 'image/svg+xml'
                              and 'Bagan' in r.text), '%%00: %d %s' % (r.status, r.header('content-type')))

# ---- B.5: only images, sandboxed ------------------------------------------------

@test
def asset_served_sandboxed_as_image(s):
    r = learner(s).get('/courses/aset-baik/assets/bagan.svg')
    check(r.status == 200 and r.header('content-type') == 'image/svg+xml', '%d %s' % (r.status, r.header('content-type')))
    csp = r.header('content-security-policy') or ''
    check(csp.split(';')[0].strip() == 'sandbox' and 'script-src' not in csp, 'CSP %r' % csp)
    check((r.header('x-content-type-options') or '') == 'nosniff', 'nosniff missing')
    r = learner(s).get('/courses/aset-baik/assets/Bagan2.SVG')
    check(r.status == 200, 'upper-case extension answered %d' % r.status)

@test
def non_images_never_served_from_a_course(s):
    want = {'diagram.js': 'not an image', 'halaman.html': 'not an image', 'dok.xhtml': 'not an image',
            'data.xml': 'not an image', 'gaya.css': 'not an image', 'tanpa-ekstensi': 'not an image',
            'palsu.png': 'does not match', 'xhtml.svg': 'does not match', 'fo.svg': 'foreignObject',
            'onload.svg': 'event attribute', 'jshref.svg': 'javascript:', 'skrip.svg': '<script>',
            'sub': 'subfolders'}
    for name, why in want.items():
        l = lines_for('aset-campur/assets/%s:1:' % name)
        check(l and why in l[0], 'check on assets/%s: %r' % (name, l))
    not_served(s, 'aset-campur')
    # Written into a served course after it loaded: still never sent.
    d = os.path.join(TREE, 'aset-baik', 'assets')
    for name in ('diagram.js', 'halaman.html', 'palsu.png', 'skrip.svg', 'gaya.css'):
        shutil.copy(os.path.join(TREE, 'aset-campur', 'assets', name), os.path.join(d, name))
    try:
        for name in ('diagram.js', 'halaman.html', 'palsu.png', 'skrip.svg', 'gaya.css'):
            r = learner(s).get('/courses/aset-baik/assets/' + name)
            check(r.status == 404, 'assets/%s answered %d' % (name, r.status))
    finally:
        for name in ('diagram.js', 'halaman.html', 'palsu.png', 'skrip.svg', 'gaya.css'):
            os.unlink(os.path.join(d, name))

@test
def good_course_checks_and_serves(s):
    check(not lines_for('/aset-baik/'), 'check complains about a good course: %r' % lines_for('/aset-baik/'))
    c = learner(s)
    for p in ('/courses/aset-baik', '/courses/aset-baik/01-gambar', '/courses/aset-baik/02-kedua',
              '/courses/aset-baik/assets/bagan.svg'):
        r = c.get(p)
        check(r.status == 200, '%s answered %d' % (p, r.status))

# ---- A.4: what check accepts serves, what it rejects does not ------------------

@test
def many_reference_definitions_check_and_serve(s):
    check(not lines_for('banyak-referensi/'), 'check: %r' % lines_for('banyak-referensi/'))
    r = learner(s).get('/courses/banyak-referensi/01-ref')
    check(r.status == 200 and 'href="https://example.org/19999"' in r.text, 'module answered %d' % r.status)

@test
def unrenderable_module_rejected_by_check_and_not_served(s):
    l = lines_for('referensi-dalam-paragraf/01-ref.md')
    check(l and ':4:' in l[0] and 'cannot be shown' in l[0], 'check: %r' % l)
    r = learner(s).get('/courses/referensi-dalam-paragraf/01-ref')
    check(r.status == 404, 'module answered %d' % r.status)

@test
def every_page_check_accepts_serves(s):
    rc, out, _ = check_out()
    bad = {l.split(':')[0].split('/tree/')[1].split('/')[0] for l in out.splitlines() if '/tree/' in l}
    c = learner(s)
    n = 0
    for cid in sorted(os.listdir(TREE)):
        d = os.path.join(TREE, cid)
        if cid in bad or os.path.islink(d) or not os.path.isdir(d):
            continue
        for p in ['/courses/' + cid] + ['/courses/%s/%s' % (cid, f[:-3]) for f in sorted(os.listdir(d))
                                        if re.match(r'^[0-9]{2}-[a-z0-9-]+\.md$', f)]:
            r = c.get(p)
            check(r.status == 200, '%s accepted by check but answered %d' % (p, r.status))
            n += 1
    check(n >= 10, 'only %d pages swept' % n)

# ---- item 7: what check reports --------------------------------------------------

@test
def check_reports_missing_link_targets(s):
    l = lines_for('tautan-rusak/01-isi.md')
    want = [(':6:', 'assets/hilang.svg'), (':8:', '05-tidak-ada'), (':10:', 'outside the course'),
            (':12:', 'kursus-tidak-ada'), (':14:', 'not a file in this course')]
    for line, frag in want:
        check(any(line in x and frag in x for x in l), 'no %s %s in %r' % (line, frag, l))
    check(not any(':16:' in x for x in l), 'links to application pages reported: %r' % l)
    not_served(s, 'tautan-rusak')

@test
def check_reports_misnamed_modules(s):
    for name in ('2-x.md', '01_garis.md', '003-tiga.md', '04-empat.MD'):
        l = lines_for('nama-salah/%s:1:' % name)
        check(l and 'NN-slug.md' in l[0], 'misnamed %s not reported: %r' % (name, lines_for('nama-salah')))
    check(not lines_for('aset-baik/README.md'), 'README.md reported as a module')

@test
def check_reports_missing_final_at_its_line(s):
    l = lines_for('final-hilang/')
    check(len(l) == 1 and '/final-hilang/course.md:10:' in l[0] and 'quiz-final.lua' in l[0]
          and 'does not exist' in l[0], 'check: %r' % l)

@test
def check_unclosed_front_matter_says_the_cause_once(s):
    l = lines_for('tanpa-tutup/')
    check(len(l) == 1 and '01-isi.md:1:' in l[0] and 'not closed' in l[0], 'check: %r' % l)

@test
def closing_line_without_newline_closes(s):
    check(not lines_for('tutup-di-akhir/'), 'check: %r' % lines_for('tutup-di-akhir/'))
    for p in ('/courses/tutup-di-akhir', '/courses/tutup-di-akhir/01-isi'):
        r = learner(s).get(p)
        check(r.status == 200, '%s answered %d' % (p, r.status))

@test
def check_reports_module_problems_while_course_md_has_one(s):
    l = lines_for('dua-masalah/')
    check(any('course.md:7:' in x and 'level' in x for x in l), 'course.md problem missing: %r' % l)
    check(any('01-isi.md:1:' in x and 'title' in x for x in l), 'module problem hidden: %r' % l)

@test
def check_takes_a_quiz_a_course_or_a_tree(s):
    q = os.path.join(TREE, 'pelayanan-publik-prima', 'quiz-final.lua')
    rc, out, err = check_out(q)
    check(rc == 0 and 'quiz OK' in out, 'one quiz: rc %d %r %r' % (rc, out, err))
    d = os.path.join(TREE, 'aset-baik')
    rc, out, err = check_out(d)
    check(rc == 0 and 'course OK' in out, 'one course: rc %d %r %r' % (rc, out, err))
    rc, out, err = check_out(os.path.join(TREE, 'prasyarat'))
    check(rc == 0 and 'course OK' in out, 'one course with prerequisites: rc %d %r' % (rc, out))
    rc, out, err = check_out(os.path.join(TREE, 'prasyarat-hilang'))
    check(rc == 1 and 'kursus-tidak-ada' in out, 'missing prerequisite alone: rc %d %r' % (rc, out))
    check(any('course.md:9:' in l and 'kursus-tidak-ada' in l for l in lines_for('prasyarat-hilang/')),
          'missing prerequisite (the second listed) not reported at its line: %r' % lines_for('prasyarat-hilang/'))
    check(any('"prasyarat-hilang"' in l for l in lines_for('prasyarat-berantai/')), 'a chain of prerequisites')
    # ... and what check refuses is not served
    not_served(s, 'prasyarat-hilang')
    not_served(s, 'prasyarat-berantai')
    check(learner(s).get('/courses/prasyarat').status == 200, 'course with met prerequisites not served')
    rc, out, err = check_out(os.path.join(TREE, 'final-hilang') + '/')
    check(rc == 1 and 'course.md:10:' in out, 'one broken course: rc %d %r' % (rc, out))
    bad = os.path.join(TMP, 'rusak.lua')
    write(bad, 'quiz { title="x", pass=50 }\nsingle { id="a", text="?", choices={"x"}, answer=7 }\n')
    rc, out, err = check_out(bad)
    check(rc == 1 and 'rusak.lua:' in out, 'broken quiz: rc %d %r' % (rc, out))
    rc, out, err = check_out(os.path.join(COURSES))
    check(rc == 0 and '3 courses OK' in out, 'the tree: rc %d %r %r' % (rc, out, err))
    # The operator's --courses path itself may be a link (release folders).
    os.symlink(COURSES, os.path.join(TMP, 'rilis'))
    rc, out, err = check_out(os.path.join(TMP, 'rilis'))
    check(rc == 0 and '3 courses OK' in out, 'a linked tree root: rc %d %r %r' % (rc, out, err))

# ---- item 9: a course copied into a running server --------------------------------

@test
def course_copied_into_running_server_appears_within_a_second(s):
    c = learner(s)
    check('/courses/kursus-baru"' not in c.get('/courses').text, 'already there')
    tmp = os.path.join(TREE, '.kursus-baru.tmp')
    shutil.copytree(os.path.join(TREE, 'aset-baik'), tmp)
    with open(os.path.join(tmp, 'course.md'), 'w') as f:
        f.write(course_md('kursus-baru'))
    os.rename(tmp, os.path.join(TREE, 'kursus-baru'))	# as docs/course-format.md says
    t0 = time.time()
    while time.time() - t0 < 1.5:
        if '/courses/kursus-baru"' in c.get('/courses').text:
            break
        time.sleep(0.05)
    took = time.time() - t0
    check(took < 1.5, 'new course not listed %.2f s after the copy' % took)
    check(c.get('/courses/kursus-baru/01-gambar').status == 200, 'new course module not served')

run(lambda: Server(courses=TREE, args=['--quiet']))
