"""--keys DIR: the signing and quiz-seed keys live where the operator says,
never derived from the database path, so two nodes given the same folder sign
and verify alike; both key files are refused alike when their mode, kind or
size is wrong (config.h)."""
import json
import shutil
import stat
import tempfile

from lib import *

KEYDIR = tempfile.mkdtemp(prefix='lentera-keys-')
os.chmod(KEYDIR, 0o700)


def public_key(srv):
    r = srv.client().get('/verify/key')
    check(r.status == 200, '/verify/key %d' % r.status)
    return r.text


def start_fails(srv, what):
    try:
        srv.start()
    except RuntimeError as e:
        return str(e)
    srv.stop()
    raise AssertionError('server started although ' + what)


@test
def keys_live_in_the_given_folder(s):
    for name in ('certificate.key', 'quiz-seed.key'):
        p = os.path.join(KEYDIR, name)
        check(os.path.isfile(p), '%s made in --keys' % name)
        check(stat.S_IMODE(os.stat(p).st_mode) == 0o600, '%s mode 0600' % name)
    check(not os.path.exists(os.path.join(s.tmp, 'data', 'keys')),
          'no keys folder next to the database when --keys is given')


@test
def two_nodes_share_the_keys(s):
    other = Server(args=['--keys', KEYDIR, '--no-demo'])
    other.start()
    try:
        check(public_key(s) == public_key(other),
              'both nodes publish the same signing key')
    finally:
        other.stop()
        other.cleanup()


@test
def default_folder_is_next_to_the_database(s):
    plain = Server()
    if s.pg:
        # A PostgreSQL site has no file to sit next to, and a node that
        # made keys of its own would sign what the others cannot verify:
        # without --keys it refuses to start and makes no keys.
        i = plain.args.index('--keys')
        del plain.args[i:i + 2]
        err = start_fails(plain, 'a PostgreSQL site was given no --keys')
        check('needs --keys DIR' in err, 'refusal names --keys: ' + err[-300:])
        check(not os.path.exists(plain.keys), 'no keys made without --keys')
        plain.args += ['--keys', plain.keys]
    plain.start()
    try:
        check(os.path.isfile(os.path.join(plain.keys, 'certificate.key')),
              'default keys/ next to the database' if not s.pg else 'keys made in --keys')
        check(public_key(plain) != public_key(s), 'another folder, another key')
    finally:
        plain.stop()
        plain.cleanup()


@test
def bad_seed_keys_are_refused_like_bad_signing_keys(s):
    d = tempfile.mkdtemp(prefix='lentera-badkeys-')
    try:
        shutil.copy(os.path.join(KEYDIR, 'certificate.key'), d)
        seed = os.path.join(d, 'quiz-seed.key')
        node = Server(args=['--keys', d, '--no-demo'])
        # 31 bytes: malformed, not silently used.
        with open(seed, 'wb') as f:
            f.write(b'x' * 31)
        os.chmod(seed, 0o600)
        err = start_fails(node, 'the seed key is 31 bytes')
        check('malformed key file' in err, 'short seed key named: ' + err[-300:])
        # Readable by others: refused with the chmod hint.
        with open(seed, 'wb') as f:
            f.write(b'y' * 32)
        os.chmod(seed, 0o644)
        err = start_fails(node, 'the seed key is mode 0644')
        check('chmod 600' in err, 'open seed key mode named: ' + err[-300:])
        # A symlink: refused.
        os.unlink(seed)
        real = os.path.join(d, 'real.key')
        with open(real, 'wb') as f:
            f.write(b'z' * 32)
        os.chmod(real, 0o600)
        os.symlink(real, seed)
        err = start_fails(node, 'the seed key is a symlink')
        check('symlink' in err, 'symlinked seed key named: ' + err[-300:])
        # The signing key the same way: readable by others is refused.
        os.unlink(seed)
        os.chmod(os.path.join(d, 'certificate.key'), 0o644)
        err = start_fails(node, 'the signing key is mode 0644')
        check('chmod 600' in err, 'open signing key named: ' + err[-300:])
        node.cleanup()
    finally:
        shutil.rmtree(d, ignore_errors=True)


@test
def keys_flag_is_checked(s):
    p = s.cli('serve', '--keys', '')
    check(p.returncode == 2 and '--keys' in p.stderr, 'empty --keys: ' + p.stderr)


try:
    run(lambda: Server(args=['--keys', KEYDIR]))
finally:
    shutil.rmtree(KEYDIR, ignore_errors=True)
