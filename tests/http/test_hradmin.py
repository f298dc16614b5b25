"""Issue 9, roster and admin part: the roster takes what HR has (.xlsx read
by minizip + expat, separator-only rows, TAB text pasted from Excel, every
bad line of a Windows-1252 file), the audit log (filters, pages, readable
names), confirmed deactivation, refusals that say why, and `lentera user`
list / set-role / reset-password / deactivate / --golongan with every
change audited in the same transaction. Real server, real SQLite file,
workbooks written by openpyxl (Debian python3-openpyxl) or built part by
part with zipfile the way Excel lays them out."""
import io, os, re, sys, zipfile
try:
    import openpyxl
except ImportError:
    # Debian's python3-openpyxl lives in the system interpreter; a
    # python3 earlier on PATH (pyenv, venv) may lack it.
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != '/usr/bin/python3' \
            and not os.environ.get('LENTERA_REEXEC'):
        os.environ['LENTERA_REEXEC'] = '1'
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise
import uuid
from lib import *

HEADER = 'nip,nama,unit_kerja,jabatan,golongan,email,nip_atasan\n'

def users(s, prefix):
    return s.sql('SELECT nip, name, unit, position, golongan, email, nip_atasan,'
                 ' role, pwhash IS NOT NULL FROM users WHERE nip LIKE ? ORDER BY nip',
                 (prefix + '%',))

def multipart(fields, files=()):
    b = '----LenteraTest' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n'
                % (b, k)).encode() + v.encode() + b'\r\n'
    for k, fn, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"'
                '\r\nContent-Type: application/octet-stream\r\n\r\n' % (b, k, fn)).encode() + data + b'\r\n'
    out += ('--%s--\r\n' % b).encode()
    return out, 'multipart/form-data; boundary=' + b

def figure(page, id):
    m = re.search(r'id="%s">([^<]*)<' % id, page)
    return m.group(1) if m else None

COLS = ['nip', 'nama', 'unit_kerja', 'jabatan', 'golongan', 'email', 'nip_atasan']

def nip(day, i):
    """A valid NIP: born 1987-06-<day>, CPNS 2012-02, female, sequence i."""
    return '198706%02d2012022%03d' % (day, i)

def xlsx(rows, sheet_first=None):
    """An .xlsx (bytes) written by openpyxl; rows are lists of cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if sheet_first is not None:
        ws.title = 'Catatan'
        for r in sheet_first:
            ws.append(r)
        ws = wb.create_sheet('Pegawai')
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

def excel_like(rows):
    """An .xlsx laid out like Excel writes it: shared strings, styles with
    a date format, empty rows Excel leaves (<row> with blank cells)."""
    strings, index = [], {}
    def si(t):
        if t not in index:
            index[t] = len(strings)
            strings.append(t)
        return index[t]
    cols = 'ABCDEFGHIJ'
    xml_rows = []
    for rn, r in enumerate(rows, 1):
        cells = []
        for cn, v in enumerate(r):
            ref = '%s%d' % (cols[cn], rn)
            if v is None:
                cells.append('<c r="%s" s="0"/>' % ref)
            elif isinstance(v, str):
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, si(v)))
            else:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
        xml_rows.append('<row r="%d" spans="1:7">%s</row>' % (rn, ''.join(cells)))
    esc = lambda t: t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data Pegawai" sheetId="1" r:id="rId3"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        'xl/styles.xml': '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>',
        'xl/sharedStrings.xml': '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>' % (
            len(strings), len(strings), ''.join('<si><t xml:space="preserve">%s</t></si>' % esc(t) for t in strings)),
        'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % ''.join(xml_rows),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)
    return out.getvalue()

_clients = {}
def client(s, role):
    if role not in _clients:
        c = s.client()
        c.login(*DEMO[role])
        _clients[role] = c
    return _clients[role]

def upload(s, data, filename, fields=None):
    c = client(s, 'hr')
    f = {'csrf': c.csrf('/hr/roster')}
    f.update(fields or {})
    body, ct = multipart(f, [('file', filename, data)])
    return c.request('POST', '/hr/roster', body=body, headers={'Content-Type': ct})

def write(s, name, data):
    path = os.path.join(s.tmp, name)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path

# ---- roster: .xlsx --------------------------------------------------------

@test
def xlsx_upload_imports_first_sheet(s):
    data = xlsx([COLS,
                 [nip(1, 1), 'Ayu Lestari', 'Dinas Kesehatan', 'Perawat Ahli', 'iii / b', 'ayu@dinkes.go.id', DEMO['hr'][0]],
                 [None] * 7,
                 [nip(1, 2), 'Bambang <Tri>', 'Dinas Kesehatan', None, 'IX', None, None]])
    r = upload(s, data, 'pegawai.xlsx')
    check(r.status == 200 and figure(r.text, 'rep-new') == '2', '%d new=%s %s' % (
        r.status, figure(r.text, 'rep-new'), re.findall(r'<li>.*?</li>', r.text)[:3]))
    u = {x[0]: x for x in users(s, '19870601')}
    check(u[nip(1, 1)][1:7] == ('Ayu Lestari', 'Dinas Kesehatan', 'Perawat Ahli', 'III/b',
                                'ayu@dinkes.go.id', DEMO['hr'][0]), repr(u.get(nip(1, 1))))
    check(u[nip(1, 2)][1] == 'Bambang <Tri>' and u[nip(1, 2)][4] == 'IX', repr(u.get(nip(1, 2))))
    # Only the first sheet counts, whatever the others hold.
    data = xlsx([COLS, [nip(1, 3), 'Sheet Dua', 'X', 'Y', 'II/a', None, None]],
                sheet_first=[COLS, [nip(1, 4), 'Sheet Satu', 'Dinas A', 'Staf', 'II/b', None, None]])
    r = upload(s, data, 'dua-sheet.xlsx')
    check(r.status == 200 and users(s, nip(1, 4)) and not users(s, nip(1, 3)), 'first sheet only')

@test
def xlsx_excel_layout_shared_strings_and_blank_rows(s):
    data = excel_like([COLS,
                       [nip(2, 1), 'Citra Dewi', 'Biro Umum', 'Arsiparis', 'II/c', None, None],
                       [None] * 7, [None] * 7,
                       [nip(2, 2), 'Dodi', 'Biro Umum', 'Arsiparis', 'II/c', None, nip(2, 1)]])
    r = s.cli('import-roster', write(s, 'excel.xlsx', data), '--db', s.db)
    check(r.returncode == 0 and '2 new' in r.stdout, r.stdout + r.stderr)
    check(users(s, nip(2, 2))[0][6] == nip(2, 1), 'nip_atasan from a shared string')

@test
def xlsx_nip_stored_as_number_refused_with_reason(s):
    data = xlsx([COLS,
                 [nip(3, 1), 'Teks Benar', 'Dinas B', 'Staf', 'III/a', None, None],
                 [int(nip(3, 2)), 'Angka Excel', 'Dinas B', 'Staf', 'III/a', None, None],
                 [nip(3, 3), 'Atasan Angka', 'Dinas B', 'Staf', 'III/a', None, int(nip(3, 1))]])
    path = write(s, 'angka.xlsx', data)
    r = s.cli('import-roster', path, '--db', s.db)
    check(r.returncode == 1, 'rc %d' % r.returncode)
    check(re.search(r'angka\.xlsx:3: NIP tersimpan sebagai angka .*15 digit.*Teks', r.stderr), r.stderr)
    check(re.search(r'angka\.xlsx:4: nip_atasan tersimpan sebagai angka', r.stderr), r.stderr)
    check('angka.xlsx:2:' not in r.stderr and not users(s, '19870603'), 'nothing written')
    r = upload(s, data, 'angka.xlsx')
    check(r.status == 400 and '<li>Baris 3: NIP tersimpan sebagai angka' in r.text, 'web %d' % r.status)

@test
def xlsx_broken_old_and_bombs_refused_clearly(s):
    r = s.cli('import-roster', write(s, 'lama.xls', b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 600), '--db', s.db)
    check(r.returncode == 1 and 'lama.xls:1: file Excel lama (.xls)' in r.stderr, r.stderr)
    good = xlsx([COLS, [nip(4, 1), 'Potong', 'X', 'Y', 'II/a', None, None]])
    r = s.cli('import-roster', write(s, 'potong.xlsx', good[:len(good) // 2]), '--db', s.db)
    check(r.returncode == 1 and re.search(r'potong\.xlsx:1: .*ZIP', r.stderr), r.stderr)
    # A zip bomb: 300 MiB of spaces in the sheet, ~300 KB on the wire.
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(io.BytesIO(good)) as g:
            for n in g.namelist():
                if n != 'xl/worksheets/sheet1.xml':
                    z.writestr(n, g.read(n))
        with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as w:
            w.write(b'<worksheet><sheetData>')
            chunk = b' ' * (1 << 20)
            for _ in range(300):
                w.write(chunk)
    bomb = out.getvalue()
    check(len(bomb) < 1000000, 'bomb %d bytes' % len(bomb))
    r = upload(s, bomb, 'bom.xlsx')
    check(r.status == 400 and 'MiB setelah diekstrak' in r.text, 'bomb %d %s' % (r.status, re.findall(r'<li>.*?</li>', r.text)))
    dtd = io.BytesIO()
    with zipfile.ZipFile(dtd, 'w') as z:
        with zipfile.ZipFile(io.BytesIO(good)) as g:
            for n in g.namelist():
                body = g.read(n)
                if n == 'xl/workbook.xml':
                    body = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + body.split(b'?>', 1)[-1]
                z.writestr(n, body)
    r = upload(s, dtd.getvalue(), 'dtd.xlsx')
    check(r.status == 400 and 'DTD tidak diizinkan' in r.text, 'dtd %d' % r.status)
    check(client(s, 'hr').get('/healthz').status == 200, 'server alive')

# ---- roster: text -----------------------------------------------------------

@test
def separator_only_rows_skipped(s):
    csv = (HEADER.replace(',', ';') + '%s;Eko;Dinas C;Staf;II/a;;\n' % nip(5, 1) +
           ';;;;;;\n ; ; ;;;;\n' + '%s;Fajar;Dinas C;Staf;II/a;;\n' % nip(5, 2) + ';;;;;;\r\n')
    r = s.cli('import-roster', write(s, 'sep.csv', csv), '--db', s.db)
    check(r.returncode == 0 and '2 rows: 2 new' in r.stdout, r.stdout + r.stderr)
    # Problems after skipped rows keep their real line numbers.
    csv = HEADER + ',,,,,,\n' + '%s,Golongan Salah,D,S,II/z,,\n' % nip(5, 3)
    r = s.cli('import-roster', write(s, 'sep2.csv', csv), '--db', s.db)
    check(r.returncode == 1 and 'sep2.csv:3: golongan' in r.stderr and 'sep2.csv:2:' not in r.stderr, r.stderr)

@test
def tab_separated_paste_from_excel(s):
    c = client(s, 'hr')
    text = '\t'.join(COLS) + '\r\n' + '\t'.join(
        [nip(6, 1), 'Gita, S.Sos.', 'Dinas D', 'Analis', 'III/a', '', '']) + '\r\n' + '\t' * 6 + '\r\n'
    r = c.post('/hr/roster', {'csrf': c.csrf('/hr/roster'), 'csv': text})
    check(r.status == 200 and figure(r.text, 'rep-new') == '1', 'tab paste %d' % r.status)
    check(users(s, nip(6, 1))[0][1] == 'Gita, S.Sos.', 'comma kept inside a TAB field')

@test
def windows_1252_lists_every_bad_line(s):
    csv = (HEADER + '%s,José Ramos,Dinas E,Staf,II/a,,\n' % nip(7, 1) +
           '%s,Ani,Dinas E,Staf,II/a,,\n' % nip(7, 2) +
           '%s,Renée,Dinas E,Staf,II/a,,\n' % nip(7, 3) +
           '%s,Ani Dua,Dinas Pekerjaan Umum – Bina Marga,Staf,II/a,,\n' % nip(7, 4))
    path = write(s, 'ansi.csv', csv.encode('cp1252'))
    r = s.cli('import-roster', path, '--db', s.db)
    check(r.returncode == 1, 'rc %d' % r.returncode)
    for line in (2, 4, 5):
        check(re.search(r'ansi\.csv:%d: bukan teks UTF-8' % line, r.stderr), 'line %d: %s' % (line, r.stderr))
    check('ansi.csv:3:' not in r.stderr and '3 problems' in r.stderr, r.stderr)
    r = upload(s, csv.encode('cp1252'), 'ansi.csv')
    check(r.status == 400 and figure(r.text, 'rep-bad') == '3', 'web bad=%s' % figure(r.text, 'rep-bad'))
    check(not users(s, '19870607'), 'nothing written')

# ---- admin: deactivate, refusals, transactions --------------------------------

def admin_form(s, path, form):
    a = client(s, 'admin')
    f = dict(form)
    f['csrf'] = a.csrf('/admin/users')
    return a.post(path, f)

def uid(s, n):
    return s.sql('SELECT id FROM users WHERE nip=?', (n,))[0][0]

@test
def deactivate_asks_first_without_javascript(s):
    victim = nip(1, 2)       # imported above
    r = admin_form(s, '/admin/users/%d' % uid(s, victim), {'action': 'deactivate'})
    check(r.status == 200 and 'Nonaktifkan pengguna?' in r.text and 'Bambang &lt;Tri&gt;' in r.text,
          'confirm page %d' % r.status)
    check('name="confirm" value="1"' in r.text and 'name="csrf"' in r.text and '<script' not in r.text,
          'a plain form with CSRF confirms')
    check(s.sql('SELECT active FROM users WHERE nip=?', (victim,))[0][0] == 1, 'nothing changed yet')
    # The confirm form without a CSRF token is refused.
    a = client(s, 'admin')
    r = a.post('/admin/users/%d' % uid(s, victim), {'action': 'deactivate', 'confirm': '1'})
    check(r.status == 403 and s.sql('SELECT active FROM users WHERE nip=?', (victim,))[0][0] == 1, 'csrf %d' % r.status)
    r = admin_form(s, '/admin/users/%d' % uid(s, victim), {'action': 'deactivate', 'confirm': '1'})
    check(r.status == 200 and 'Pengguna dinonaktifkan' in r.text, 'deactivated %d' % r.status)
    check(s.sql('SELECT active FROM users WHERE nip=?', (victim,))[0][0] == 0, 'inactive')
    check(s.sql("SELECT count(*) FROM audit WHERE event='user.deactivate' AND detail=?", (victim,))[0][0] == 1, 'audited')

@test
def self_deactivation_and_demotion_say_why(s):
    me = uid(s, DEMO['admin'][0])
    r = admin_form(s, '/admin/users/%d' % me, {'action': 'deactivate', 'confirm': '1'})
    check(r.status == 409 and 'tidak bisa menonaktifkan akun Anda sendiri' in r.text, 'self %d' % r.status)
    r = admin_form(s, '/admin/users/%d' % me, {'action': 'role', 'role': 'learner'})
    check(r.status == 409 and 'tidak bisa mencabut peran admin dari akun Anda sendiri' in r.text, 'demote %d' % r.status)
    check(s.sql('SELECT active, role FROM users WHERE id=?', (me,)) == [(1, 'admin')], 'unchanged')
    t = client(s, 'admin').get('/admin/users?q=' + DEMO['admin'][0]).text
    row = t[t.index('<td>%s</td>' % DEMO['admin'][0]):].split('</tr>')[0]
    check('value="deactivate"' not in row and 'Akun Anda sendiri' in row, 'own row explains, offers no button')

@test
def audit_write_failure_rolls_the_change_back(s):
    """A change whose audit row cannot be written is not made (web, CLI)."""
    target = nip(1, 1)
    s.add_failing_trigger('t_fail', 'audit', "NEW.event IN ('user.role','user.password_reset',"
                          "'user.deactivate','setup.issue','roster.dry_run')")
    try:
        r = admin_form(s, '/admin/users/%d' % uid(s, target), {'action': 'role', 'role': 'trainer'})
        check(r.status == 500, 'web role %d' % r.status)
        r = s.cli('user', 'set-role', '--nip', target, '--role', 'hr', '--db', s.db)
        check(r.returncode == 1 and 'tidak ada yang berubah' in r.stderr, 'cli rc %d %s' % (r.returncode, r.stderr))
        r = s.cli('user', 'deactivate', '--nip', target, '--db', s.db)
        check(r.returncode == 1, 'cli deactivate rc %d' % r.returncode)
        r = s.cli('user', 'reset-password', '--nip', target, '--db', s.db, stdin='sandi-baru-gagal\n')
        check(r.returncode == 1, 'cli reset rc %d' % r.returncode)
        check(s.sql('SELECT role, active, pwhash IS NULL FROM users WHERE nip=?', (target,)) == [('learner', 1, 1)],
              'change kept without its audit row')
        h = client(s, 'hr')
        r = h.post('/hr/users/%s/setup-code' % target, {'csrf': h.csrf('/hr/roster')})
        check(r.status == 500 and 'id="setup-code"' not in r.text, 'setup code %d' % r.status)
        check(s.sql('SELECT setup_hash IS NULL FROM users WHERE nip=?', (target,)) == [(1,)],
              'setup code kept without its audit row')
        r = h.post('/hr/roster', {'csrf': h.csrf('/hr/roster'), 'dry_run': '1',
                                  'csv': HEADER + '%s,Uji,D,S,II/a,,\n' % nip(9, 1)})
        check(r.status == 500, 'unaudited dry run answered %d' % r.status)
    finally:
        s.drop_trigger('t_fail', 'audit', function=True)

# ---- audit log ------------------------------------------------------------

def audit(s, q=''):
    r = client(s, 'admin').get('/admin/audit' + q)
    return r, re.findall(r'data-event="([^"]*)">([^<]*)<', r.text)

@test
def audit_readable_names_and_actor_names(s):
    r, rows = audit(s)
    check(r.status == 200 and rows, 'rows %d' % r.status)
    names = dict(rows)
    check(names.get('login.ok') == 'Masuk' and names.get('user.deactivate') == 'Pengguna dinonaktifkan' and
          names.get('roster.import') == 'Data pegawai diimpor', repr(names))
    check('Agus Pratama (demo admin)<br><small class="nip">%s</small>' % DEMO['admin'][0] in r.text, 'actor name + NIP')
    check('Sistem / baris perintah' in r.text, 'CLI rows name the system')
    # English comes only from the language switch (issue 9 item 6), not Accept-Language.
    c = s.client()
    c.login(*DEMO['admin'])
    c.get('/lang/en?next=/admin/audit')
    en = c.get('/admin/audit')
    check('data-event="roster.import">Roster imported<' in en.text and 'data-event="login.ok">Signed in<' in en.text,
          'names through i18n (English)')

@test
def audit_filters_event_actor_date(s):
    r, rows = audit(s, '?event=roster.import')
    check(rows and all(e == 'roster.import' for e, _ in rows), 'event filter %r' % rows[:3])
    check('<option value="roster.import" selected>' in r.text, 'filter kept in the form')
    r, rows = audit(s, '?actor=' + DEMO['hr'][0])
    check(rows and 'Sri Lestari (demo SDM)' in r.text and 'Agus Pratama' not in r.text.split('<tbody>')[1],
          'actor by NIP')
    r, rows2 = audit(s, '?actor=Sri+Lestari')
    check(rows2 == rows, 'actor by name')
    r, rows = audit(s, '?actor=Tidak+Ada+Orang')
    check(r.status == 200 and not rows and 'Tidak ada pengguna dengan NIP atau nama itu' in r.text, 'unknown actor')
    r, rows = audit(s, '?from=2099-01-01')
    check(r.status == 200 and not rows and 'Tidak ada entri' in r.text, 'future date: none')
    r, rows = audit(s, '?from=2020-01-01&to=2099-12-31&event=login.ok')
    check(rows and all(e == 'login.ok' for e, _ in rows), 'date range + event')
    r, _ = audit(s, '?from=2026-02-30')
    check(r.status == 400 and 'Tanggal tidak valid' in r.text, 'bad date %d' % r.status)
    for q in ('?event=%3Cscript%3E', '?before=1%20OR%201=1', '?after=-5'):
        check(audit(s, q)[0].status == 400, q)
    # Cursors with a filter that matches nobody: an empty page, not a crash.
    for q in ('?actor=Tidak+Ada&after=3', '?actor=Tidak+Ada&before=3', '?from=2026-02-30&after=3'):
        check(audit(s, q)[0].status in (200, 400), q)
    check(client(s, 'admin').get('/healthz').status == 200, 'server alive')

@test
def audit_pages_newer_older(s):
    tok = s.cli('token', 'create', '--name', 'uji-halaman', '--db', s.db).stdout.strip()
    c = s.client()
    for _ in range(120):
        check(c.get('/api/v1/completions', headers={'Authorization': 'Bearer ' + tok}).status == 200, 'api')
    r1, rows1 = audit(s, '?event=api.call')
    check(len(rows1) == 50, 'page 1 has 50 rows: %d' % len(rows1))
    m = re.search(r'<a rel="next" href="([^"]+)"', r1.text)
    check(m, 'older link')
    r2, rows2 = audit(s, m.group(1).replace('&amp;', '&')[len('/admin/audit'):])
    check(len(rows2) == 50 and 'event=api.call' in m.group(1), 'page 2 keeps the filter')
    all_ids = [x[0] for x in s.sql("SELECT id FROM audit WHERE event='api.call' ORDER BY id DESC")]
    def page_ids(text):
        return [int(x) for x in re.findall(r'<tr data-id="(\d+)"', text)]
    p1, p2 = page_ids(r1.text), page_ids(r2.text)
    check(p1 == all_ids[:50] and p2 == all_ids[50:100], 'pages in order, no overlap')
    m = re.search(r'<a rel="prev" href="([^"]+)"', r2.text)
    check(m, 'newer link on page 2')
    r3, _ = audit(s, m.group(1).replace('&amp;', '&')[len('/admin/audit'):])
    check(page_ids(r3.text) == p1, 'newer goes back to page 1')
    check('rel="prev"' not in r1.text, 'no newer link on the newest page')

@test
def audit_indexes_exist(s):
    idx = s.indexes('audit')
    check({'audit_event', 'audit_actor', 'audit_at'} <= idx, repr(idx))
    plan = s.plan("SELECT id FROM audit a WHERE a.id < 99 AND a.event = 'x' ORDER BY a.id DESC")
    check('audit_event' in plan, plan)

# ---- CLI ---------------------------------------------------------------------

@test
def cli_user_list_and_filters(s):
    r = s.cli('user', 'list', '--db', s.db)
    check(r.returncode == 0 and DEMO['hr'][0] in r.stdout and 'PERAN' in r.stdout and 'pengguna' in r.stdout, r.stdout[:400])
    r = s.cli('user', 'list', '--role', 'admin', '--db', s.db)
    lines = [l for l in r.stdout.splitlines() if re.match(r'\d{18} ', l)]
    check(r.returncode == 0 and len(lines) == 1 and DEMO['admin'][0] in lines[0], r.stdout)
    r = s.cli('user', 'list', '--search', 'Ayu', '--db', s.db)
    check('Ayu Lestari' in r.stdout and 'III/b' in r.stdout and DEMO['hr'][0] not in r.stdout, r.stdout)
    r = s.cli('user', 'list', '--role', 'raja', '--db', s.db)
    check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and 'harus' in r.stderr, r.stderr)

@test
def cli_set_role_reset_password_deactivate(s):
    n = nip(6, 1)       # imported by the TAB test, no password yet
    r = s.cli('user', 'set-role', '--nip', n, '--role', 'trainer', '--db', s.db)
    check(r.returncode == 0 and 'learner -> trainer' in r.stdout, r.stdout + r.stderr)
    check(s.sql("SELECT count(*) FROM audit WHERE event='user.role' AND detail=? AND actor_id IS NULL AND ip='cli'",
                (n + ' learner -> trainer',))[0][0] == 1, 'audited')
    r = s.cli('user', 'reset-password', '--nip', n, '--db', s.db, stdin='sandi-dari-konsol\n')
    check(r.returncode == 0 and 'direset' in r.stdout, r.stdout + r.stderr)
    c = s.client()
    c.login(n, 'sandi-dari-konsol')
    check(c.get('/courses').status == 200, 'logged in with the new password')
    r = s.cli('user', 'reset-password', '--nip', n, '--db', s.db, stdin='pendek\n')
    check(r.returncode == 1 and 'terlalu pendek' in r.stderr, r.stderr)
    r = s.cli('user', 'deactivate', '--nip', n, '--db', s.db)
    check(r.returncode == 0 and 'dinonaktifkan' in r.stdout, r.stdout + r.stderr)
    check(c.get('/courses').status == 303, 'session ended by deactivation')
    check(s.client().post('/login', {'nip': n, 'password': 'sandi-dari-konsol'}).status == 401, 'cannot log in')
    check(s.sql("SELECT count(*) FROM audit WHERE event IN ('user.password_reset','user.deactivate') AND detail=?",
                (n,))[0][0] == 2, 'both audited')
    r = s.cli('user', 'deactivate', '--nip', nip(30, 1), '--db', s.db)
    check(r.returncode == 1 and 'tidak ada pengguna' in r.stderr, r.stderr)

@test
def cli_nip_as_typed_golongan_indonesian(s):
    r = s.cli('user', 'add', '--nip', '123', '--name', 'Salah', '--role', 'hr', '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 1 and 'NIP "123" tidak valid' in r.stderr and 'x23' not in r.stderr, r.stderr)
    n = nip(8, 1)
    r = s.cli('user', 'add', '--nip', n, '--name', 'Hana', '--role', 'learner', '--golongan', 'iv / a',
              '--unit', 'BKD', '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 0 and 'ditambahkan' in r.stdout, r.stdout + r.stderr)
    check(s.sql('SELECT golongan, unit, role FROM users WHERE nip=?', (n,)) == [('IV/a', 'BKD', 'learner')], 'stored')
    r = s.cli('user', 'add', '--nip', nip(8, 2), '--name', 'Ika', '--role', 'learner', '--golongan', 'V/z',
              '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 2 and 'golongan' in r.stderr and not users(s, nip(8, 2)), r.stderr)
    r = s.cli('user', '--help')
    check(r.returncode == 0 and 'Cara pakai' in r.stdout and 'reset-password' in r.stdout and '--golongan' in r.stdout,
          r.stdout[:300])
    for args in (('user', 'set-role', '--nip', n, '--bogus'), ('user', 'deactivate', '--nip', n, '--role', 'hr'),
                 ('user', 'frob'), ('user', 'set-role', '--nip', n)):
        r = s.cli(*(list(args) + ['--db', s.db]))
        check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and 'lentera user' in r.stderr and
              ('opsi' in r.stderr or 'perintah' in r.stderr or 'wajib' in r.stderr), '%r: %d %r' % (args, r.returncode, r.stderr))
    check('--role' in s.cli('user', 'deactivate', '--nip', n, '--role', 'hr', '--db', s.db).stderr,
          'the flag is named, not its value')

run()
