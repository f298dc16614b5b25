#!/usr/bin/env python3
"""Synchronized exam start: N distinct logged-in learners each send one
request within one second (start times spread evenly), one connection
each. Prints: RESULT n p50_ms p99_ms max_ms errors

  herd.py PORT SESSFILE N METHOD PATH [BODY]
BODY may use %csrf (the learner's CSRF token). A 2xx or 3xx counts as ok.
"""
import asyncio, sys, time

TIMEOUT = 30.0
KINDS = {}      # error kind -> count, printed to stderr
WINDOW = 1.0

async def one(port, sess, method, path, body, at, out):
    nip, tok, csrf = sess
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    t0 = time.monotonic()
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection('127.0.0.1', port), TIMEOUT)
        b = (body or '').replace('%csrf', csrf).encode()
        head = ('%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: lentera_sid=%s\r\n'
                'Connection: close\r\nContent-Length: %d\r\n' % (method, path, tok, len(b)))
        if body is not None:
            head += 'Content-Type: application/x-www-form-urlencoded\r\n'
        w.write(head.encode() + b'\r\n' + b)
        await w.drain()
        data = await asyncio.wait_for(r.read(), TIMEOUT)
        w.close()
        status = int(data.split(b' ', 2)[1]) if data.startswith(b'HTTP/') else 0
        out.append((time.monotonic() - t0, 200 <= status < 400))
        if not 200 <= status < 400:
            KINDS['status %d' % status] = KINDS.get('status %d' % status, 0) + 1
    except (OSError, asyncio.TimeoutError, ValueError, IndexError) as e:
        out.append((time.monotonic() - t0, False))
        KINDS[type(e).__name__] = KINDS.get(type(e).__name__, 0) + 1

async def main():
    port, sessfile, n, method, path = sys.argv[1:6]
    body = sys.argv[6] if len(sys.argv) > 6 else None
    with open(sessfile) as f:
        sess = [l.split() for l in f][:int(n)]
    out = []
    t = time.monotonic() + 0.2
    await asyncio.gather(*(one(int(port), s, method, path, body,
                               t + WINDOW * i / len(sess), out)
                           for i, s in enumerate(sess)))
    lat = sorted(x[0] * 1000 for x in out)
    err = sum(1 for x in out if not x[1])
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    print('RESULT %d %.1f %.1f %.1f %d' % (len(lat), pick(0.5), pick(0.99), lat[-1], err))
    if KINDS:
        print('errors by kind: %r' % KINDS, file=sys.stderr)

if __name__ == '__main__':
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    asyncio.run(main())
