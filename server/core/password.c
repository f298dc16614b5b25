/* password: Argon2id hashes and the password rule. See password.h. */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "password.h"

static pthread_mutex_t	 hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 hash_cv = PTHREAD_COND_INITIALIZER;
static int		 hash_busy;
/*
 * Unknown NIPs are verified against this hash (of a random password
 * nobody kept), made with the current parameters, so they cost what a
 * known NIP costs. A constant: hashing it at start-up would cost its
 * memory and time on every start.
 */
static const char	 dummy_hash[PASSWORD_HASH_LEN] = "$argon2id$v=19$m=19456,t=2,p=1$"
    "vxSdDxbTsrgACE8uarovCw$Tc5QVVJEF00D3f7QOnQ0kkWrlip5bn/6hhYGfhJnUo4";

static int
slot_get(void)
{
	struct timespec	 ts;
	int		 rc = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += PASSWORD_WAIT_MS / 1000;
	pthread_mutex_lock(&hash_mu);
	while (hash_busy >= PASSWORD_SLOTS && rc == 0)
		rc = pthread_cond_timedwait(&hash_cv, &hash_mu, &ts);
	if (hash_busy < PASSWORD_SLOTS) {
		hash_busy++;
		rc = 0;
	} else
		rc = -1;
	pthread_mutex_unlock(&hash_mu);
	return rc;
}

static void
slot_put(void)
{
	pthread_mutex_lock(&hash_mu);
	hash_busy--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
}

int
password_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_LEN])
{
	int	 rc;

	if (slot_get() == -1)
		return -1;
	rc = crypto_pwhash_str(out, pw, strlen(pw), PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT);
	slot_put();
	return rc == 0 ? 0 : -1;
}

int
password_verify(const char *hash, const char *pw)
{
	int	 ok;

	if (slot_get() == -1)
		return -1;
	ok = crypto_pwhash_str_verify(hash && *hash ? hash : dummy_hash, pw,
	    strlen(pw)) == 0;
	slot_put();
	return hash && *hash ? ok : 0;
}

int
password_needs_rehash(const char *hash)
{
	/* 1 also for a hash libsodium cannot read: it is replaced by one
	   it can, after the password was proven against it. */
	return hash && *hash && crypto_pwhash_str_needs_rehash(hash,
	    PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0;
}

const char *
password_problem(const char *pw)
{
	size_t	 n = pw ? strlen(pw) : 0;

	if (n < PASSWORD_MIN)
		return "short";
	if (n > PASSWORD_MAX)
		return "long";
	return NULL;
}

