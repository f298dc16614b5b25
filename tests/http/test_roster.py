"""Roster import: the CLI job and the HR upload page (textarea and
multipart), all-or-nothing with line-numbered problems, dry runs, upserts
that never touch role or password, ';' + BOM files, access control."""
import os, re, uuid
from lib import *

FIX = os.path.join(FIXTURES, 'roster')
HEADER = 'nip,nama,unit_kerja,jabatan,golongan,email,nip_atasan\n'

def nip(day, i):
    """A valid NIP: born 1985-03-<day>, CPNS 2010-01, male, sequence i."""
    return '198503%02d2010011%03d' % (day, i)

def users(s, prefix):
    return s.sql('SELECT nip, name, unit, position, golongan, email, nip_atasan,'
                 ' role, pwhash IS NOT NULL FROM users WHERE nip LIKE ? ORDER BY nip',
                 (prefix + '%',))

def multipart(fields, files=()):
    """(body, content type) for fields {name: value} and files
    [(name, filename, bytes)], as a browser sends them."""
    b = '----LenteraTest' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n'
                % (b, k)).encode() + v.encode() + b'\r\n'
    for k, fn, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"'
                '\r\nContent-Type: text/csv\r\n\r\n' % (b, k, fn)).encode() + data + b'\r\n'
    out += ('--%s--\r\n' % b).encode()
    return out, 'multipart/form-data; boundary=' + b

def hr_client(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c, c.csrf('/hr/roster')

def figure(page, id):
    m = re.search(r'id="%s">([^<]*)<' % id, page)
    return m.group(1) if m else None

@test
def cli_bad_rows_listed_nothing_written(s):
    before = s.sql('SELECT count(*) FROM users')[0][0]
    r = s.cli('import-roster', os.path.join(FIX, 'bad.csv'), '--db', s.db)
    check(r.returncode == 1, 'exit %d' % r.returncode)
    for line, why in ((3, 'tanggal lahir'), (4, 'nama kosong'),
                      (5, 'sudah ada di baris 2'), (6, 'golongan'), (7, 'email')):
        check(re.search(r'bad\.csv:%d: .*%s' % (line, why), r.stderr),
              'line %d (%s) reported: %s' % (line, why, r.stderr))
    check('bad.csv:2:' not in r.stderr, 'good line 2 not reported')
    check('nothing written' in r.stderr, r.stderr)
    # Line 2 is valid on its own but must not be half-imported.
    check(s.sql('SELECT count(*) FROM users')[0][0] == before, 'no user written')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'roster.rejected'")[0][0] == 1,
          'rejected import audited')

@test
def cli_dry_run_writes_nothing(s):
    before = s.sql('SELECT count(*) FROM users')[0][0]
    r = s.cli('import-roster', os.path.join(FIX, 'good.csv'), '--db', s.db, '--dry-run')
    check(r.returncode == 0, 'exit %d %s' % (r.returncode, r.stderr))
    check('3 new, 0 updated, 0 unchanged' in r.stdout, r.stdout)
    check('nothing written' in r.stdout, r.stdout)
    check(s.sql('SELECT count(*) FROM users')[0][0] == before, 'no user written')

@test
def cli_import_then_reimport_unchanged(s):
    r = s.cli('import-roster', os.path.join(FIX, 'good.csv'), '--db', s.db)
    check(r.returncode == 0, 'exit %d %s' % (r.returncode, r.stderr))
    check('3 new' in r.stdout, r.stdout)
    rows = {u[0]: u for u in users(s, '')}
    dewi = rows['198503122010011001']
    check(dewi[1:7] == ('Dewi Anggraini', 'Dinas Pendidikan', 'Analis Kurikulum',
                        'III/c', 'dewi@disdik.go.id', '197001011995031002'), repr(dewi))
    check(dewi[7] == 'learner' and dewi[8] == 0, 'new learner without password')
    check(rows['199207252019032005'][1] == 'Putra, Andi', 'quoted comma kept')
    check(rows['199207252019032005'][4] == 'III/a', 'golongan normalised')
    r = s.cli('import-roster', os.path.join(FIX, 'good.csv'), '--db', s.db)
    check('0 new, 0 updated, 3 unchanged' in r.stdout, r.stdout)
    detail = s.sql("SELECT detail FROM audit WHERE event = 'roster.import'"
                   " ORDER BY id DESC LIMIT 1")[0][0]
    check('unchanged=3' in detail, detail)

@test
def semicolon_bom_any_column_order(s):
    r = s.cli('import-roster', os.path.join(FIX, 'semicolon_bom.csv'), '--db', s.db)
    check(r.returncode == 0, 'exit %d %s' % (r.returncode, r.stderr))
    u = users(s, '198811302014022003')
    check(u and u[0][1] == 'Siti; Rahma' and u[0][4] == 'IX' and
          u[0][2] == 'Badan Pendapatan Daerah', repr(u))
    u = users(s, '196805171990031004')
    check(u and u[0][4] == 'IV/e' and u[0][3] == 'Sekretaris Daerah', repr(u))

@test
def upsert_keeps_role_and_password(s):
    hr_nip, learner_nip = DEMO['hr'][0], DEMO['learner'][0]
    csv = HEADER + '%s,Sri Lestari,Biro Organisasi,Analis SDM,III/d,sri@x.go.id,\n' % hr_nip
    csv += '%s,Rina W.,Dinas Sosial,Penyuluh,II/c,,%s\n' % (learner_nip, hr_nip)
    path = os.path.join(s.tmp, 'upsert.csv')
    with open(path, 'w') as f:
        f.write(csv)
    r = s.cli('import-roster', path, '--db', s.db)
    check(r.returncode == 0 and '2 updated' in r.stdout, r.stdout + r.stderr)
    u = users(s, hr_nip)[0]
    check(u[2] == 'Biro Organisasi' and u[4] == 'III/d' and u[7] == 'hr' and u[8] == 1,
          'hr updated, role and password kept: %r' % (u,))
    u = users(s, learner_nip)[0]
    check(u[1] == 'Rina W.' and u[6] == hr_nip and u[7] == 'learner', repr(u))
    c = s.client()
    c.login(*DEMO['hr'])      # the password still works
    check(c.get('/hr').status == 200, 'hr still has the hr role')

@test
def page_textarea_import(s):
    c, tok = hr_client(s)
    csv = HEADER + '%s,Ani Textarea,Dinas Perhubungan,Staf,II/b,,\n' % nip(1, 1)
    r = c.post('/hr/roster', {'csrf': tok, 'csv': csv, 'dry_run': '1'})
    check(r.status == 200 and figure(r.text, 'rep-new') == '1', '%d dry %s' % (r.status, figure(r.text, 'rep-new')))
    check(not users(s, nip(1, 1)), 'dry run wrote nothing')
    r = c.post('/hr/roster', {'csrf': tok, 'csv': csv})
    check(r.status == 200 and figure(r.text, 'rep-new') == '1', 'imported %d' % r.status)
    u = users(s, nip(1, 1))
    check(u and u[0][1] == 'Ani Textarea' and u[0][7] == 'learner', repr(u))
    hr_id = s.sql('SELECT id FROM users WHERE nip = ?', (DEMO['hr'][0],))[0][0]
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'roster.import' AND actor_id = ?",
                (hr_id,))[0][0] == 1, 'audited with the HR user as actor')

@test
def page_textarea_rejected_kept_for_fixing(s):
    c, tok = hr_client(s)
    csv = HEADER + '%s,Ani <Dua>,Dinas Perhubungan,Staf,II/b,,\n' % nip(1, 2) + \
        '%s,Golongan Salah,Dinas Perhubungan,Staf,II/x,,\n' % nip(1, 3)
    r = c.post('/hr/roster', {'csrf': tok, 'csv': csv})
    check(r.status == 400 and '<li>Baris 3: golongan' in r.text, 'rejected %d' % r.status)
    m = re.search(r'<textarea[^>]*>([^<]*)</textarea>', r.text)
    check(m and 'Ani &lt;Dua&gt;' in m.group(1) and 'II/x' in m.group(1), 'CSV back in the textarea')
    check(not users(s, nip(1, 2)), 'nothing written')

@test
def page_multipart_file_with_bad_rows(s):
    c, tok = hr_client(s)
    csv = (HEADER + '%s,Baik Satu,Dinas A,Staf,III/a,,\n' % nip(2, 1) +
           '%s,Baik Dua,Dinas A,Staf,III/a,,\n' % nip(2, 2) +
           '%s,NIP Jelek,Dinas A,Staf,III/a,,\n' % '19850312201001' +
           '%s,Atasan Jelek,Dinas A,Staf,III/a,,%s\n' % (nip(2, 3), nip(2, 3)))
    body, ct = multipart({'csrf': tok, 'csv': ''}, [('file', 'roster.csv', csv.encode())])
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 400, 'status %d' % r.status)
    check(re.search(r'<li>Baris 4: NIP &quot;19850312201001&quot;', r.text), 'line 4 reported')
    check(re.search(r'<li>Baris 5: nip_atasan sama dengan NIP', r.text), 'line 5 reported')
    check(figure(r.text, 'rep-bad') == '2' and figure(r.text, 'rep-new') == '2', 'counts')
    check(not users(s, '19850302'), 'nothing half-imported')

@test
def page_multipart_file_with_codes(s):
    c, tok = hr_client(s)
    csv = HEADER + '%s,Kode Satu,Dinas B,Staf,III/a,,\n%s,Kode <b>Dua</b>,Dinas B,Staf,IV/a,,\n' % (
        nip(3, 1), nip(3, 2))
    body, ct = multipart({'csrf': tok, 'codes': '1'},
                         [('file', 'r.csv', b'\xef\xbb\xbf' + csv.replace(',', ';').encode())])
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 200 and figure(r.text, 'rep-new') == '2', 'status %d' % r.status)
    codes = re.findall(r'<code>([2-9A-Z]{5}-[2-9A-Z]{5})</code>', r.text)
    check(len(codes) == 2, 'two codes shown: %r' % codes)
    check('Kode &lt;b&gt;Dua&lt;/b&gt;' in r.text, 'names escaped')
    check(s.sql('SELECT count(*) FROM users WHERE nip LIKE ? AND length(setup_hash) = 32'
                ' AND setup_expires > unixepoch()', ('19850303%',))[0][0] == 2, 'codes stored hashed')
    stored = s.stored_bytes()
    check(b'Kode Satu' in stored, 'the stored bytes hold the rows')
    for code in codes:
        check(code.encode() not in stored and code.replace('-', '').encode() not in stored,
              'code not stored in clear')
    # Both sources at once is refused; an empty upload too.
    body, ct = multipart({'csrf': tok, 'csv': csv}, [('file', 'r.csv', csv.encode())])
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 400, 'both sources: %d' % r.status)
    body, ct = multipart({'csrf': tok, 'csv': ''}, [('file', '', b'')])
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 400, 'empty upload: %d' % r.status)

@test
def page_multipart_needs_csrf_and_valid_body(s):
    c, tok = hr_client(s)
    csv = HEADER + '%s,Tanpa Token,Dinas C,Staf,III/a,,\n' % nip(4, 1)
    body, ct = multipart({'csv': csv})
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 403, 'no token: %d' % r.status)
    body, ct = multipart({'csrf': 'f' * 64, 'csv': csv})
    r = c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})
    check(r.status == 403, 'wrong token: %d' % r.status)
    body, ct = multipart({'csrf': tok, 'csv': csv})
    r = c.request('POST', '/hr/roster', body=body[:-8], headers={'Content-Type': ct})
    check(r.status == 400, 'truncated body: %d' % r.status)
    r = c.request('POST', '/hr/roster', body=body,
                  headers={'Content-Type': 'multipart/form-data; boundary="'})
    check(r.status == 400, 'bad boundary: %d' % r.status)
    check(not users(s, nip(4, 1)), 'nothing written')
    check(c.get('/healthz').status == 200, 'server alive')

@test
def learner_gets_403(s):
    c = s.client()
    c.login(*DEMO['learner'])
    tok = c.csrf('/courses')
    for path in ('/hr', '/hr/roster'):
        check(c.get(path).status == 403, 'GET ' + path)
    r = c.post('/hr/roster', {'csrf': tok, 'csv': HEADER + '%s,X,Y,Z,III/a,,\n' % nip(5, 1)})
    check(r.status == 403, 'POST /hr/roster %d' % r.status)
    r = c.post('/hr/users/%s/setup-code' % DEMO['learner'][0], {'csrf': tok})
    check(r.status == 403, 'POST setup-code %d' % r.status)
    check(not users(s, nip(5, 1)), 'nothing written')
    r = s.client().get('/hr')
    check(r.status == 303 and '/login' in (r.header('location') or ''), 'anonymous sent to login')

run()
