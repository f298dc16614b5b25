"""Issue 8 C.7: every byte of an acknowledged answer arrives, under every
client. Large answers with `Connection: close` and HTTP/1.0 (urllib, PHP,
nginx's default proxy_http_version 1.0), a slow reader, a pipelined batch
of GETs and POSTs, HEAD on a large answer, a chunked streaming export to
HTTP/1.1-close and HTTP/1.0 clients, keep-alive after 4xx answers. The
server once closed with SO_LINGER {1, 0}: a reset that dropped the tail of
anything still in the socket buffer after `200 OK` was on the wire."""
import csv, io, random
from lib import *

WEB = tempfile.mkdtemp(prefix='lentera-web-')
shutil.copytree(os.path.join(ROOT, 'web', 'static'), os.path.join(WEB, 'static'))
rnd = random.Random(8)
BIG = bytes(rnd.getrandbits(8) for _ in range(1536 * 1024))   # > 10x a socket buffer
with open(os.path.join(WEB, 'static', 'big.png'), 'wb') as f:
    f.write(BIG)
CSS = open(os.path.join(WEB, 'static', 'lentera.css'), 'rb').read()
ROSTER = 2500          # jp-summary CSV rows: ~250 KB streamed in chunks
TOKEN = [None]

def exchange(s, data, slow=0.0, timeout=20):
    """Send raw bytes, read until the server closes (or times out):
    (bytes received, error or None)."""
    k = socket.create_connection(('127.0.0.1', s.port), timeout=timeout)
    got, err = bytearray(), None
    try:
        k.sendall(data)
        while True:
            if slow:
                time.sleep(slow)
            b = k.recv(16384 if slow else 262144)
            if not b:
                break
            got += b
    except OSError as e:
        err = e
    finally:
        k.close()
    return bytes(got), err

def parse(data, head_only=()):
    """Split a byte stream into (status, headers, body) answers. Bodies by
    Content-Length, chunked, or (last answer) up to the close. An answer
    cut short raises."""
    out, i, n = [], 0, 0
    while i < len(data):
        j = data.find(b'\r\n\r\n', i)
        check(j >= 0, 'answer %d: head cut off' % n)
        lines = data[i:j].decode('latin-1').split('\r\n')
        status = int(lines[0].split()[1])
        h = {}
        for l in lines[1:]:
            k, _, v = l.partition(':')
            h[k.strip().lower()] = v.strip()
        i = j + 4
        if n in head_only:
            body = b''
        elif 'content-length' in h:
            ln = int(h['content-length'])
            check(len(data) - i >= ln, 'answer %d (%d): body cut off at %d of %d bytes'
                  % (n, status, len(data) - i, ln))
            body, i = data[i:i + ln], i + ln
        elif h.get('transfer-encoding') == 'chunked':
            body = bytearray()
            while True:
                e = data.find(b'\r\n', i)
                check(e >= 0, 'answer %d: chunk size cut off after %d bytes' % (n, len(body)))
                size = int(data[i:e].split(b';')[0], 16)
                i = e + 2
                check(len(data) - i >= size + 2, 'answer %d: chunk cut off after %d bytes' % (n, len(body)))
                body += data[i:i + size]
                i += size + 2
                if size == 0:
                    break
            body = bytes(body)
        else:
            body, i = data[i:], len(data)
        out.append((status, h, body))
        n += 1
    return out

def GET(path, v='1.1', extra=''):
    if v == '1.0':
        return ('GET %s HTTP/1.0\r\n%s\r\n' % (path, extra)).encode()
    return ('GET %s HTTP/1.1\r\nHost: x\r\n%s\r\n' % (path, extra)).encode()

@test
def large_answer_http10(s):
    for i in range(8):
        got, err = exchange(s, GET('/static/big.png', '1.0'), slow=0.002 if i % 2 else 0)
        check(got.startswith(b'HTTP/1.1 200'), 'no 200: %r (%s)' % (got[:40], err))
        [(st, h, body)] = parse(got)
        check(body == BIG, 'HTTP/1.0 run %d: %d of %d bytes (%s)' % (i, len(body), len(BIG), err))
        check(h.get('connection') == 'close', 'HTTP/1.0 answer does not say Connection: close')

@test
def large_answer_connection_close(s):
    for i in range(8):
        got, err = exchange(s, GET('/static/big.png', extra='Connection: close\r\n'),
                            slow=0.002 if i % 2 else 0)
        [(st, h, body)] = parse(got)
        check(st == 200 and body == BIG, 'close run %d: %d of %d bytes (%s)' % (i, len(body), len(BIG), err))
        check(h.get('connection') == 'close', 'answer does not say Connection: close')

@test
def urllib_large_answer(s):
    # urllib: HTTP/1.1 with Connection: close, the way scripts pull exports.
    import urllib.request
    for _ in range(4):
        with urllib.request.urlopen('http://127.0.0.1:%d/static/big.png' % s.port, timeout=20) as r:
            check(r.read() == BIG, 'urllib got a truncated answer')

@test
def pipelined_gets(s):
    batch = b''.join(GET('/static/lentera.css') for _ in range(50)) + GET('/healthz', extra='Connection: close\r\n')
    for slow in (0, 0.005):
        got, err = exchange(s, batch, slow=slow)
        answers = parse(got)
        check(len(answers) == 51, 'pipelined 51 GETs (slow=%s): %d answers (%s)' % (slow, len(answers), err))
        check(all(a[0] == 200 and a[2] == CSS for a in answers[:50]), 'a pipelined answer differs')
        check(answers[50][2] == b'ok\n', 'last answer: %r' % answers[50][2][:40])
    # Large answers pipelined: 6 x 1.5 MB behind one another.
    got, err = exchange(s, b''.join(GET('/static/big.png') for _ in range(5)) +
                        GET('/static/big.png', extra='Connection: close\r\n'))
    answers = parse(got)
    check(len(answers) == 6 and all(a[2] == BIG for a in answers), 'pipelined large: %d answers (%s)'
          % (len(answers), err))

@test
def pipelined_posts(s):
    # Bodies are consumed exactly: each POST is answered, none swallows the next.
    def post(path, body, close=False):
        return ('POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n'
                'Content-Length: %d\r\n%s\r\n%s' % (path, len(body), 'Connection: close\r\n' if close else '',
                                                    body)).encode()
    batch = b''.join(post('/logout', 'csrf=x&pad=' + 'p' * (i * 37)) for i in range(20))
    batch += GET('/static/big.png') + post('/logout', 'a=b', close=True)
    got, err = exchange(s, batch, slow=0.002)
    answers = parse(got)
    check(len(answers) == 22, 'pipelined POSTs: %d of 22 answers (%s)' % (len(answers), err))
    check(all(a[0] == 303 for a in answers[:20]), 'statuses %r' % [a[0] for a in answers])
    check(answers[20][2] == BIG, 'large answer between POSTs cut off')

@test
def head_on_large_answer(s):
    got, err = exchange(s, b'HEAD /static/big.png HTTP/1.1\r\nHost: x\r\n\r\n' + GET('/healthz', extra='Connection: close\r\n'))
    answers = parse(got, head_only=(0,))
    check(len(answers) == 2, 'HEAD then GET: %d answers' % len(answers))
    check(answers[0][0] == 200 and int(answers[0][1]['content-length']) == len(BIG), 'HEAD length %r'
          % answers[0][1].get('content-length'))
    check(answers[1][2] == b'ok\n', 'the answer after HEAD: %r' % answers[1][2][:60])

@test
def keep_alive_after_4xx(s):
    c = http.client.HTTPConnection('127.0.0.1', s.port, timeout=10)
    seen = []
    for method, path in (('GET', '/tidak-ada'), ('GET', '/healthz'), ('POST', '/healthz'), ('GET', '/healthz'),
                         ('GET', '/courses/' + 'a' * 2000), ('GET', '/healthz'), ('POST', '/login'),
                         ('GET', '/healthz')):
        c.request(method, path, body='' if method == 'POST' else None)
        r = c.getresponse()
        r.read()
        seen.append(r.status)
        check(r.getheader('connection') != 'close', '%s %s (%d) closed the connection' % (method, path, r.status))
    check(c.sock is not None, 'connection closed after 4xx answers: %r' % seen)
    check(seen[1::2] == [200] * 4 and all(400 <= x < 500 for x in seen[0::2]), 'statuses %r' % seen)
    c.close()

def roster_token(s):
    if TOKEN[0]:
        return TOKEN[0]
    rows = ['nip,nama,unit_kerja,jabatan,golongan']
    for i in range(ROSTER):
        nip = '1985%02d%02d2010011%03d' % (1 + i // 900 % 12, 1 + i // 36 % 25, 1 + i % 36)
        rows.append('%s,Pegawai Uji %d,Unit %d,Analis,III/a' % (nip, i, i % 40))
    path = os.path.join(s.tmp, 'roster.csv')
    with open(path, 'w') as f:
        f.write('\n'.join(rows) + '\n')
    r = s.cli('import-roster', path, '--db', s.db)
    check(r.returncode == 0, 'import-roster: %s %s' % (r.stdout[-300:], r.stderr[-300:]))
    r = s.cli('token', 'create', '--name', 'edge-uji', '--db', s.db)
    check(r.returncode == 0, 'token: %s' % r.stderr)
    TOKEN[0] = re.findall(r'[A-Za-z0-9_-]{43}', r.stdout)[-1]
    return TOKEN[0]

@test
def chunked_stream_with_close_and_http10(s):
    tok = roster_token(s)
    auth = 'Authorization: Bearer %s\r\n' % tok
    bodies = []
    for v, extra, slow in (('1.1', 'Connection: close\r\n', 0), ('1.1', 'Connection: close\r\n', 0.002),
                           ('1.0', '', 0), ('1.0', '', 0.002)):
        got, err = exchange(s, GET('/api/v1/jp-summary?format=csv', v, auth + extra), slow=slow)
        [(st, h, body)] = parse(got)
        check(st == 200, 'HTTP/%s: %d %r' % (v, st, body[:100]))
        if v == '1.0':
            check('transfer-encoding' not in h, 'chunked encoding sent to an HTTP/1.0 client')
        rows = list(csv.reader(io.StringIO(body.decode('utf-8'))))
        check(len(rows) >= ROSTER + 1, 'HTTP/%s slow=%s: %d CSV rows of %d (%s)' % (v, slow, len(rows), ROSTER + 1, err))
        check(rows[-1] and len(rows[-1]) == len(rows[0]), 'last row cut: %r' % rows[-1][:3])
        bodies.append(body)
    check(len(set(bodies)) == 1, 'the same export differs between clients')

try:
    run(lambda: Server(args=['--web', WEB]))
finally:
    shutil.rmtree(WEB, ignore_errors=True)
