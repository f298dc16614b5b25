"""Certificate privacy and integrity (issue 8 part D), against the real
server over HTTP and the real SQLite file:

- 12: /verify answers only for number + random code (one answer for an
  unknown number and a wrong code), shows a masked NIP, is rate-limited
  per client address (the forwarded one behind --proxy);
- 13: the page shows what the signature covers and says "tidak sah" when
  an operator edits the row (score, JP, title, ...), the payload or the
  signature; the documented recipe verifies with code that shares nothing
  with the server (pure-Python RFC 8032, and the openssl command line);
- 14: database, -wal/-shm, data and key folders and every file Lentera
  writes are owner-only, also when an older version left them 0644/0755
  (on PostgreSQL the database is the cluster's: the data and key folders
  and their files); the quiz seed key is refused when others can read it;
  logs carry no codes and no learner NIPs.
The server trusts 127.0.0.1 as its proxy so each test speaks for its own
client address (X-Forwarded-For) and rate limits do not spill over."""
import base64, html, json, stat, subprocess
from lib import *
import ed25519_ref

TREE = os.path.join(FIXTURES, 'courses-certs')
SCORED, PLAIN = 'kursus-sertifikat', 'kursus-tanpa-tes'
CODE_RE = r'[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}'
_addr = [0]
_nips = iter(range(300, 999))
CERTS = {}      # course -> holder info, filled by the first test

def client(s):
    _addr[0] += 1
    return AddrClient(s.port, '198.51.100.%d' % _addr[0])

def learner(s):
    nip = test_nip(next(_nips), 1)
    r = s.cli('user', 'add', '--nip', nip, '--name', 'Pemegang ' + nip[-3:], '--role', 'learner',
              '--db', s.db, stdin=PW + '\n')
    check(r.returncode == 0, 'user add: ' + r.stderr)
    c = client(s)
    c.login(nip, PW)
    c.nip = nip
    return c

def complete(s, course):
    """A fresh learner completes course; returns the certificate facts."""
    c = learner(s)
    tok = c.csrf('/courses/' + course)
    check(c.post('/courses/%s/01-modul/done' % course, {'csrf': tok}).status == 303, 'module done')
    if course == SCORED:
        r = c.post('/quiz/%s/quiz-final.lua/start' % course, {'csrf': tok})
        check(r.status == 303, 'start final: %d' % r.status)
        att = r.header('location')
        c.get(att)
        r = c.post(att + '/submit', {'csrf': tok, 'q_s-satu': 'true', 'q_s-dua': 'true'})
        check(r.status == 303, 'submit final: %d' % r.status)
    r = c.get('/certificate/' + course)
    check(r.status == 200, 'certificate page %d' % r.status)
    text = html.unescape(r.text)
    no = re.search(r'Nomor ([A-Z0-9-]+/\d{4}/\d+)', text)
    code = re.search(r'Kode verifikasi <strong>(%s)</strong>' % CODE_RE, text)
    url = re.search(r'(https?://[^\s<]+/verify/([^\s<?]+)\?code=(%s))' % CODE_RE, text)
    check(no and code and url, 'certificate shows number, code and URL: ' + text[-800:])
    check(url.group(2) == no.group(1) and url.group(3) == code.group(1), 'URL carries number and code')
    return {'no': no.group(1), 'code': code.group(1), 'nip': c.nip, 'name': 'Pemegang ' + c.nip[-3:],
            'client': c, 'path': '/verify/%s?code=%s' % (no.group(1), code.group(1))}

def verify(s, path, c=None):
    return (c or client(s)).get(path)

def vjson(s, path, c=None):
    r = verify(s, path + ('&' if '?' in path else '?') + 'format=json', c)
    return r, (json.loads(r.text) if r.text.strip().startswith('{') else None)

def sah(r):
    """'valid', 'invalid' or None from an HTML verify page."""
    t = r.text.lower()
    if 'tidak sah' in t:
        return 'invalid'
    if 'sah:' in t:
        return 'valid'
    return None

def other_code(code):
    c = code.replace('-', '')
    return c[:-1] + ('0' if c[-1] != '0' else '1')

# ------------------------------------------------------------ finding 12

@test
def certificates_have_codes(s):
    for course in (SCORED, PLAIN):
        CERTS[course] = complete(s, course)
    a, b = CERTS[SCORED], CERTS[PLAIN]
    check(a['code'] != b['code'], 'codes differ')
    rows = s.sql('SELECT cert_no, verify_code FROM completions')
    check(all(v and re.fullmatch(r'[0-9A-HJKMNP-TV-Z]{16}', v) for _, v in rows), 'stored codes: %r' % rows)
    check(a['code'].replace('-', '') in [v for _, v in rows], 'printed code is the stored one')

@test
def number_alone_reveals_nothing(s):
    a = CERTS[SCORED]
    for path in ('/verify/' + a['no'], '/verify/%s?code=' % a['no']):
        r = verify(s, path)
        check(r.status == 200, '%s: %d' % (path, r.status))
        check('name="code"' in r.text, 'asks for the code')
        for secret in (a['name'], a['nip'], a['nip'][:4] + '*', 'Kursus Uji Sertifikat', '100.0'):
            check(secret not in r.text, '%s shows %r without a code' % (path, secret))
    r, j = vjson(s, '/verify/' + a['no'])
    check(r.status == 400 and j and j.get('found') is False and a['name'] not in r.text,
          'JSON without code: %d %s' % (r.status, r.text[:200]))

@test
def bare_verify_asks_for_number_and_code(s):
    a = CERTS[SCORED]
    r = verify(s, '/verify')
    check(r.status == 200 and 'name="number"' in r.text and 'name="code"' in r.text,
          '/verify form: %d' % r.status)
    typed = urllib.parse.urlencode({'number': ' ' + a['no'].lower() + ' ', 'code': a['code'].lower()})
    r = verify(s, '/verify?' + typed)
    loc = r.header('location') or ''
    check(r.status == 303 and loc == '/verify/%s?code=%s' % (a['no'], a['code'].lower()),
          'redirect %d %r' % (r.status, loc))
    check(sah(verify(s, loc)) == 'valid', 'redirect target verifies')
    for bad in ('../../etc/passwd', 'LTR//2026', '/LTR/2026/1', 'LTR/2026/1\r\nSet-Cookie: x=1', 'x' * 200):
        r = verify(s, '/verify?' + urllib.parse.urlencode({'number': bad, 'code': a['code']}))
        check(r.status == 400 and not r.header('location') and not r.header('set-cookie'),
              'number %r: %d %r' % (bad, r.status, r.header('location')))

@test
def wrong_code_and_unknown_number_look_alike(s):
    a = CERTS[SCORED]
    c = client(s)
    wrong = verify(s, '/verify/%s?code=%s' % (a['no'], other_code(a['code'])), c)
    seq = int(a['no'].rsplit('/', 1)[1])
    ghost_no = a['no'].rsplit('/', 1)[0] + '/%06d' % (seq + 500)
    ghost = verify(s, '/verify/%s?code=%s' % (ghost_no, a['code']), c)
    junk = verify(s, '/verify/%s?code=%s' % (a['no'], 'not-a-code!'), c)
    for r in (wrong, ghost, junk):
        check(r.status == 404, 'status %d' % r.status)
        check(a['name'] not in r.text and a['nip'] not in r.text, 'holder shown')
    norm = lambda r, no: r.text.replace(no, 'NO').replace(urllib.parse.quote(no, safe=''), 'NO')
    check(norm(wrong, a['no']) == norm(ghost, ghost_no) == norm(junk, a['no']),
          'unknown number and wrong code answer differently')
    jw = vjson(s, '/verify/%s?code=%s' % (a['no'], other_code(a['code'])), c)
    jg = vjson(s, '/verify/%s?code=%s' % (ghost_no, a['code']), c)
    check(jw[0].status == jg[0].status == 404 and jw[0].text == jg[0].text, 'JSON answers differ')

@test
def right_code_any_spelling(s):
    a = CERTS[SCORED]
    bare = a['code'].replace('-', '')
    for typed in (a['code'], bare, bare.lower(), ' ' + a['code'].lower() + ' ',
                  bare.replace('0', 'O').replace('1', 'l')):
        r = verify(s, '/verify/%s?code=%s' % (a['no'], urllib.parse.quote(typed)))
        check(r.status == 200 and sah(r) == 'valid', 'code %r: %d %s' % (typed, r.status, sah(r)))
        check(a['name'] in r.text and 'Kursus Uji Sertifikat' in r.text, 'holder and course shown')

@test
def nip_masked_html_and_json(s):
    a = CERTS[SCORED]
    masked = a['nip'][:4] + '*' * 10 + a['nip'][-4:]
    r = verify(s, a['path'])
    check(masked in r.text, 'masked NIP %s on the page' % masked)
    check(a['nip'] not in r.text and a['nip'][4:14] not in r.text, 'full NIP on the page')
    r, j = vjson(s, a['path'])
    check(r.status == 200 and j['certificate']['nip_masked'] == masked, 'JSON masked NIP')
    check(a['nip'] not in r.text and a['nip'][4:14] not in r.text, 'full NIP in the JSON answer')

@test
def rate_limited_per_address(s):
    a = CERTS[SCORED]
    c = client(s)
    codes = []
    t0 = time.time()
    for i in range(40):
        r = verify(s, a['path'] if i % 2 else '/verify/%s?code=%s' % (a['no'], other_code(a['code'])), c)
        codes.append(r.status)
        if r.status == 429:
            break
    check(codes[-1] == 429, 'no 429 after %d lookups: %s' % (len(codes), codes))
    check(len(codes) - 1 >= 10 and len(codes) - 1 <= 30, 'limit after %d lookups' % (len(codes) - 1))
    ra = r.header('retry-after')
    check(ra and ra.isdigit() and 1 <= int(ra) <= 60, 'Retry-After %r' % ra)
    check(a['name'] not in r.text, '429 shows the holder')
    r2, j = vjson(s, a['path'], c)
    check(r2.status == 429 and j and j.get('status') == 429, 'JSON 429: %d %s' % (r2.status, r2.text[:100]))
    # Asking for the form costs nothing and is not limited.
    check(verify(s, '/verify/' + a['no'], c).status == 200, 'form limited')
    # Another (forwarded) client address is unaffected.
    check(sah(verify(s, a['path'])) == 'valid', 'other address limited too')
    time.sleep(int(ra) + 1)
    r = verify(s, a['path'], c)
    check(r.status == 200, 'after Retry-After: %d' % r.status)

# ------------------------------------------------------------ finding 13

TAMPER = [
    ('score', "UPDATE completions SET score = 99 WHERE cert_no = ?", 'score'),
    ('jp', "UPDATE completions SET jp = jp + 20 WHERE cert_no = ?", 'jp'),
    ('title', "UPDATE completions SET course_title = 'Pelatihan Palsu' WHERE cert_no = ?", 'title'),
    ('competency', "UPDATE completions SET competency = 'Lain' WHERE cert_no = ?", 'competency'),
    ('level', "UPDATE completions SET level = 5 WHERE cert_no = ?", 'level'),
    ('date', "UPDATE completions SET completed_at = completed_at - 400 * 86400, "
             "year = year - 1 WHERE cert_no = ?", 'completed'),
    ('year', "UPDATE completions SET year = year + 1 WHERE cert_no = ?", 'year'),
    ('holder name', "UPDATE completions SET holder_name = 'Orang Lain' WHERE cert_no = ?", 'name'),
    ('nip', "UPDATE users SET nip = '199001012015013998' WHERE id = "
            "(SELECT user_id FROM completions WHERE cert_no = ?)", 'nip'),
    ('payload', "UPDATE completions SET cert_payload = replace(cert_payload, '\"jp\":3', '\"jp\":23')"
                " WHERE cert_no = ?", 'signature'),
    ('signature', "UPDATE completions SET cert_sig = CASE WHEN substr(cert_sig, 1, 1) = 'A' THEN 'B'"
                  " ELSE 'A' END || substr(cert_sig, 2) WHERE cert_no = ?",
     'signature'),
]

def snapshot(s, no):
    return (s.sql('SELECT * FROM completions WHERE cert_no = ?', (no,))[0],
            s.sql('SELECT u.id, u.nip FROM users u JOIN completions c ON c.user_id = u.id'
                  ' WHERE c.cert_no = ?', (no,))[0])

def restore(s, snap):
    row, (uid, nip) = snap
    if s.pg:
        cols = [r[0] for r in s.sql("SELECT column_name FROM information_schema.columns"
                                    " WHERE table_schema = 'public' AND table_name = 'completions'"
                                    " ORDER BY ordinal_position")]
    else:
        cols = [r[1] for r in s.sql('PRAGMA table_info(completions)')]
    s.sql('UPDATE completions SET %s WHERE id = ?' % ', '.join('%s = ?' % c for c in cols),
          tuple(row) + (row[0],))
    s.sql('UPDATE users SET nip = ? WHERE id = ?', (nip, uid))

@test
def operator_edits_make_it_tidak_sah(s):
    a = CERTS[SCORED]
    snap = snapshot(s, a['no'])
    check(sah(verify(s, a['path'])) == 'valid', 'untouched certificate valid')
    for what, sql, field in TAMPER:
        s.sql(sql, (a['no'],))
        try:
            r = verify(s, a['path'])
            check(r.status == 200 and sah(r) == 'invalid', '%s edited: %d %s' % (what, r.status, sah(r)))
            check('ASLI' not in r.text, '%s edited: page still says ASLI' % what)
            for edited in ('Pelatihan Palsu', '>99<', '99.0', 'Orang Lain', '>23<', '>5<'):
                check(edited not in r.text, '%s edited: page shows the edited value %r' % (what, edited))
            rj, j = vjson(s, a['path'])
            check(rj.status == 200 and j['status'] == 'invalid' and j['valid'] is False and
                  j['genuine'] is False and field in j['mismatch'],
                  '%s edited: JSON %s' % (what, rj.text[:300]))
            if field != 'signature':
                # The signature still holds: the page shows the signed values.
                check('100.0' in r.text and 'Kursus Uji Sertifikat' in r.text and a['name'] in r.text,
                      '%s edited: signed contents not shown' % what)
                check(j['signature_ok'] is True and j['certificate']['jp'] == 3, 'signed JP in JSON')
        finally:
            restore(s, snap)
        check(sah(verify(s, a['path'])) == 'valid', 'restored after %s' % what)

@test
def roster_rename_keeps_certificate_valid(s):
    """The certificate was issued to a name; a later correction in the
    roster (users.name) neither voids it nor changes the printed name."""
    a = CERTS[SCORED]
    uid = s.sql('SELECT user_id FROM completions WHERE cert_no = ?', (a['no'],))[0][0]
    s.sql("UPDATE users SET name = 'Nama Baru, S.Sos.' WHERE id = ?", (uid,))
    try:
        r = verify(s, a['path'])
        check(sah(r) == 'valid' and a['name'] in r.text and 'Nama Baru' not in r.text,
              'rename: %s' % sah(r))
        cert = html.unescape(a['client'].get('/certificate/' + SCORED).text)
        check(a['name'] in cert and 'Nama Baru' not in cert.split('<main', 1)[1].split('</main>')[0]
              .split('class="certificate"', 1)[1], 'printed name is not the issued one')
    finally:
        s.sql('UPDATE users SET name = ? WHERE id = ?', (a['name'], uid))

@test
def certificate_number_edit_is_caught(s):
    a = CERTS[PLAIN]
    snap = snapshot(s, a['no'])
    moved = a['no'].rsplit('/', 1)[0] + '/999999'
    s.sql('UPDATE completions SET cert_no = ? WHERE cert_no = ?', (moved, a['no']))
    try:
        r = verify(s, '/verify/%s?code=%s' % (moved, a['code']))
        check(r.status == 200 and sah(r) == 'invalid', 'renumbered: %d %s' % (r.status, sah(r)))
    finally:
        s.sql('UPDATE completions SET cert_no = ? WHERE cert_no = ?', (a['no'], moved))
        restore(s, snap)

@test
def no_score_certificate(s):
    a = CERTS[PLAIN]
    r, j = vjson(s, a['path'])
    check(j['status'] == 'valid' and j['certificate']['score'] is None, 'no score: %s' % r.text[:300])
    s.sql('UPDATE completions SET score = 88 WHERE cert_no = ?', (a['no'],))
    try:
        r, j = vjson(s, a['path'])
        check(j['status'] == 'invalid' and 'score' in j['mismatch'], 'score added: %s' % r.text[:300])
    finally:
        s.sql('UPDATE completions SET score = NULL WHERE cert_no = ?', (a['no'],))

def recipe(s, a):
    """docs/api.md 'Verifying a certificate yourself', step by step."""
    r, j = vjson(s, a['path'])
    key = json.loads(s.client().get('/verify/key').text)
    check(key['algorithm'] == 'Ed25519' and key['encoding'] == 'base64', 'key format')
    pk = base64.b64decode(key['public_key'], validate=True)
    sig = base64.b64decode(j['signature'], validate=True)
    msg = j['payload'].encode('utf-8')
    return pk, sig, msg, j

@test
def third_party_recipe_pure_python(s):
    for course in (SCORED, PLAIN):
        a = CERTS[course]
        pk, sig, msg, j = recipe(s, a)
        check(len(pk) == 32 and len(sig) == 64, 'sizes')
        check(ed25519_ref.verify(pk, msg, sig), 'RFC 8032 reference verifier rejects %s' % a['no'])
        check(not ed25519_ref.verify(pk, msg.replace(b'"jp":', b'"jp":1'), sig), 'tampered accepted')
        check(j['public_key'] == base64.b64encode(pk).decode(), 'same key in the answer')
        p = json.loads(j['payload'])
        check(p['v'] == 2 and p['certificate'] == a['no'] and p['issuer'] == 'Lentera', 'payload fields')
        check(p['nip_masked'] == a['nip'][:4] + '*' * 10 + a['nip'][-4:] and 'nip' not in p,
              'payload carries the masked NIP only')
    # Why the recipe says "never re-serialise": 100.0 comes back as 100.
    pk, sig, msg, j = recipe(s, CERTS[SCORED])
    check(b'"score":100.0' in msg, 'whole-number score signed as 100.0: %r' % msg)
    js_like = json.dumps(json.loads(msg), separators=(',', ':'), ensure_ascii=False)
    js_like = js_like.replace('100.0', '100')   # what JSON.stringify writes
    check(not ed25519_ref.verify(pk, js_like.encode(), sig), 're-serialised payload verified?!')

@test
def third_party_recipe_openssl(s):
    a = CERTS[SCORED]
    pk, sig, msg, _ = recipe(s, a)
    d = tempfile.mkdtemp(prefix='lentera-verify-')
    try:
        der = bytes.fromhex('302a300506032b6570032100') + pk
        with open(os.path.join(d, 'key.pem'), 'w') as f:
            f.write('-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n'
                    % base64.b64encode(der).decode())
        for name, data in (('payload.bin', msg), ('sig.bin', sig), ('bad.bin', msg + b' ')):
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)
        cmd = ['openssl', 'pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin',
               '-sigfile', 'sig.bin', '-in']
        ok = subprocess.run(cmd + ['payload.bin'], cwd=d, capture_output=True, text=True)
        check(ok.returncode == 0 and 'Verified Successfully' in ok.stdout, 'openssl: %s %s' % (ok.stdout, ok.stderr))
        bad = subprocess.run(cmd + ['bad.bin'], cwd=d, capture_output=True, text=True)
        check(bad.returncode != 0, 'openssl accepted a changed payload')
    finally:
        shutil.rmtree(d, ignore_errors=True)

def doc_block(lang):
    """The first ```lang block after 'Verifying a certificate yourself'."""
    text = open(os.path.join(ROOT, 'docs', 'api.md'), encoding='utf-8').read()
    text = text[text.index('### Verifying a certificate yourself'):]
    m = re.search(r'```%s\n(.*?)```' % lang, text, re.S)
    check(m, 'docs/api.md has no %s recipe' % lang)
    return m.group(1)

def nacl_python():
    """A Python that has PyNaCl (python3-nacl): this one or Debian's."""
    for py in (sys.executable, '/usr/bin/python3'):
        if os.path.exists(py) and subprocess.run([py, '-c', 'import nacl.signing'],
                                                 capture_output=True).returncode == 0:
            return py
    raise AssertionError('PyNaCl missing: scripts/install-deps.sh --test installs python3-nacl')

@test
def documented_recipes_run(s):
    """docs/api.md's two recipes, exactly as printed, on a real certificate."""
    a = CERTS[SCORED]
    base = 'http://127.0.0.1:%d' % s.port
    d = tempfile.mkdtemp(prefix='lentera-recipe-')
    try:
        script = os.path.join(d, 'verify-certificate.py')
        with open(script, 'w') as f:
            f.write(doc_block('python'))
        r = subprocess.run([nacl_python(), script, base, a['no'], a['code'].lower()],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 0 and 'signature OK' in r.stdout and a['name'] in r.stdout,
              'python recipe: %s %s' % (r.stdout, r.stderr))
        env = dict(os.environ, BASE=base, NUMBER=a['no'], CODE=a['code'])
        sh = subprocess.run(['sh', '-e', '-c', doc_block('sh')], cwd=d, env=env,
                            capture_output=True, text=True, timeout=60)
        check(sh.returncode == 0 and 'Signature Verified Successfully' in sh.stdout,
              'sh recipe: %s %s' % (sh.stdout, sh.stderr))
        # The same steps on a tampered payload: both recipes refuse it.
        snap = snapshot(s, a['no'])
        s.sql("UPDATE completions SET cert_payload = replace(cert_payload, '\"jp\":3', '\"jp\":23')"
              " WHERE cert_no = ?", (a['no'],))
        try:
            r = subprocess.run([nacl_python(), script, base, a['no'], a['code']],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode != 0 and 'TIDAK SAH' in r.stderr, 'python recipe took a forgery')
            sh = subprocess.run(['sh', '-e', '-c', doc_block('sh')], cwd=d, env=env,
                                capture_output=True, text=True, timeout=60)
            check(sh.returncode != 0, 'sh recipe took a forgery')
        finally:
            restore(s, snap)
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def verify_headers_and_links(s):
    a = CERTS[SCORED]
    for path in (a['path'], '/verify/' + a['no']):
        r = verify(s, path)
        rp = [v.strip() for v in (r.header('referrer-policy') or '').split(',')]
        check(rp and rp[-1] == 'no-referrer', '%s: Referrer-Policy %r' % (path, r.header('referrer-policy')))
        check('noindex' in (r.header('x-robots-tag') or ''), 'X-Robots-Tag')
        for href in re.findall(r'(?:href|action|src)="([^"]*)"', r.text):
            check(not re.match(r'(?i)[a-z][a-z0-9+.-]*:|//', href), 'link leaves the site: ' + href)
        check(a['code'] not in re.sub(r'\?code=[^"&]*', '', ''.join(
            re.findall(r'/lang/[^"]*', r.text))), 'language link carries the code')

@test
def certificate_page_is_own_only(s):
    a = CERTS[SCORED]
    b = learner(s)
    r = b.get('/certificate/' + SCORED)
    check(r.status == 404, 'another learner opened the certificate: %d' % r.status)
    check(a['code'] not in r.text and a['code'].replace('-', '') not in r.text, 'code leaked')
    check(client(s).get('/certificate/' + SCORED).status in (302, 303), 'anonymous')

# ------------------------------------------------------------ finding 14

def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)

def written_files(s):
    """Every file and folder under the data and key folders: mode."""
    got = {}
    for top in (s.data, s.keys):
        for d, dirs, files in os.walk(top):
            got[d] = mode(d)
            for f in files:
                got[os.path.join(d, f)] = mode(os.path.join(d, f))
    return got

@test
def data_files_private(s):
    if not s.pg:
        got = {p: mode(p) for p in (s.db, s.db + '-wal', s.db + '-shm') if os.path.exists(p)}
        check(s.db + '-wal' in got and s.db + '-shm' in got, 'WAL files exist: %s' % got)
        check(all(m == 0o600 for m in got.values()), 'database files: %s' % {k: oct(v) for k, v in got.items()})
    check(mode(s.data) == 0o700 and mode(s.keys) == 0o700, 'folders %o %o' % (mode(s.data), mode(s.keys)))
    for k in ('certificate.key', 'quiz-seed.key'):
        check(mode(os.path.join(s.keys, k)) == 0o600, '%s %o' % (k, mode(os.path.join(s.keys, k))))
    # An export temp file of the HR API is private too (umask).
    h = client(s)
    h.login(*DEMO['hr'])
    check(h.get('/api/v1/completions?format=xlsx').status == 200, 'xlsx export')
    # Whatever else Lentera wrote there: folders 0700, files 0600.
    loose = {p: oct(m) for p, m in written_files(s).items()
             if m != (0o700 if os.path.isdir(p) else 0o600)}
    check(not loose, 'readable by others: %s' % loose)

@test
def cli_creates_private_database(s):
    """A fresh install often starts with `lentera user add`, not serve."""
    d = tempfile.mkdtemp(prefix='lentera-cli-')
    try:
        db = os.path.join(d, 'baru', 'lentera.db')
        r = subprocess.run([BIN, 'user', 'add', '--nip', test_nip(990, 1), '--name', 'Admin Baru',
                            '--role', 'admin', '--db', db], input=PW + '\n', capture_output=True,
                           text=True, cwd=ROOT, timeout=60)
        check(r.returncode == 0, 'user add: ' + r.stderr)
        check(mode(db) == 0o600 and mode(os.path.dirname(db)) == 0o700,
              'CLI made %o / %o' % (mode(db), mode(os.path.dirname(db))))
        for p in (db + '-wal', db + '-shm'):
            if os.path.exists(p):
                check(mode(p) == 0o600, '%s %o' % (p, mode(p)))
    finally:
        shutil.rmtree(d, ignore_errors=True)

@test
def older_loose_modes_tightened(s):
    s.stop()
    os.chmod(s.data, 0o755)
    os.chmod(s.keys, 0o755)
    if not s.pg:
        for p in (s.db, s.db + '-wal', s.db + '-shm'):
            if os.path.exists(p):
                os.chmod(p, 0o644)
    s.start()
    if not s.pg:
        check(mode(s.db) == 0o600, 'database left %o' % mode(s.db))
        for p in (s.db + '-wal', s.db + '-shm'):
            if os.path.exists(p):
                check(mode(p) == 0o600, '%s left %o' % (p, mode(p)))
    check(mode(s.data) == 0o700 and mode(s.keys) == 0o700, 'folders left open')
    check('was readable by others' in s.logtext(), 'the fix is logged')

@test
def seed_key_readable_refused(s):
    t = Server(courses=TREE, args=['--no-demo'])
    try:
        t.start()
        t.stop()
        key = os.path.join(t.keys, 'quiz-seed.key')
        os.chmod(key, 0o644)
        try:
            t.start()
            started = True
        except RuntimeError:
            started = False
        check(not started, 'server started with a world-readable quiz seed key')
        check('quiz-seed.key' in t.logtext() and 'chmod 600' in t.logtext(), 'reason logged')
    finally:
        t.stop()
        t.cleanup()

@test
def logs_carry_no_codes_or_nips(s):
    log = s.logtext()
    check(len(CERTS) == 2 and 'completion' in log, 'no certificates issued in this run')
    for a in CERTS.values():
        for secret in (a['code'], a['code'].replace('-', '')):
            check(secret not in log, 'verification code in the log')
        for line in log.splitlines():
            if 'completion' in line:
                check(a['nip'] not in line, 'NIP in a completion log line: ' + line)

# ------------------------------------------------- older certificates

def legacy_payload(no, nip, name, completed):
    """The v1 payload format (before migration 3): full NIP, no "v"."""
    return ('{"certificate":%s,"nip":%s,"name":%s,"course":"kursus-tanpa-tes",'
            '"title":"Kursus Uji Tanpa Tes","competency":"Verifikasi Dokumen",'
            '"competency_type":"teknis","level":1,"jp":1,"completed":"%s","issuer":"Lentera"}'
            % (json.dumps(no), json.dumps(nip), json.dumps(name, ensure_ascii=False), completed))

@test
def older_certificates_get_codes(s):
    """A database from before migration 3: codes are backfilled at start,
    v1 payloads (full NIP) still verify and show the NIP masked."""
    a = CERTS[PLAIN]
    seedfile = os.path.join(s.keys, 'certificate.key')
    seed = base64.b64decode(open(seedfile).read().split('\n')[1])
    s.stop()
    row = s.sql('SELECT completed_at FROM completions WHERE cert_no = ?', (a['no'],))[0]
    completed = time.strftime('%Y-%m-%d', time.gmtime(row[0] + 7 * 3600))
    pl = legacy_payload(a['no'], a['nip'], a['name'], completed)
    sig = base64.b64encode(ed25519_ref.sign(seed, pl.encode())).decode()
    s.drop_trigger('completions_need_code', 'completions')
    s.sql('UPDATE completions SET cert_payload = ?, cert_sig = ? WHERE cert_no = ?', (pl, sig, a['no']))
    s.sql('ALTER TABLE completions DROP COLUMN verify_code')
    s.sql('ALTER TABLE completions DROP COLUMN holder_name')
    s.set_schema_version(2)
    s.start()
    check('older certificate' in s.logtext(), 'backfill logged')
    check(s.sql('SELECT count(*) FROM completions WHERE cert_no IS NOT NULL AND '
                '(verify_code IS NULL OR length(verify_code) <> 16)')[0][0] == 0, 'a certificate lacks a code')
    a['client'].port, a['client'].conn = s.port, None    # the restart took a new port
    r = a['client'].get('/certificate/' + PLAIN)
    code = re.search(r'Kode verifikasi <strong>(%s)</strong>' % CODE_RE, r.text)
    check(code and code.group(1) != a['code'], 'new code on the certificate page')
    a['code'] = code.group(1)
    a['path'] = '/verify/%s?code=%s' % (a['no'], a['code'])
    r = verify(s, a['path'])
    check(sah(r) == 'valid', 'legacy certificate: %s' % sah(r))
    check(a['nip'] not in r.text and a['nip'][:4] + '*' * 10 + a['nip'][-4:] in r.text, 'masked')
    rj, j = vjson(s, a['path'])
    check(j['status'] == 'valid' and j['payload'] == pl, 'legacy JSON: %s' % rj.text[:200])
    check(j['certificate']['nip_masked'] == a['nip'][:4] + '*' * 10 + a['nip'][-4:], 'JSON masked')
    check(ed25519_ref.verify(base64.b64decode(j['public_key']), j['payload'].encode(),
                             base64.b64decode(j['signature'])), 'recipe on a legacy payload')
    # No certificate without a code, even one inserted behind the server's back.
    s.sql("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
          " level, jp, started_at, completed_at, year, cert_no, cert_payload, cert_sig)"
          " VALUES (1, 'x', 'x', 'x', 'teknis', 1, 1, 0, 0, 1970, 'LTR/1970/000001', '{}', 'x')")
    codes = [r[0] for r in s.sql("SELECT verify_code FROM completions WHERE cert_no LIKE 'LTR/1970/%'")]
    check(len(codes) == 1 and re.fullmatch(r'[0-9A-HJKMNP-TV-Z]{16}', codes[0] or ''),
          'row inserted without a code: %r' % codes)
    s.sql("DELETE FROM completions WHERE cert_no = 'LTR/1970/000001'")

run(lambda: Server(courses=TREE, args=['--proxy', '127.0.0.1']))
