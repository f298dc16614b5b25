/* unit-layer: store */
/*
 * The SQLite driver must never drop the locks SQLite holds for this
 * process. POSIX advisory locks belong to the process: close() on any
 * descriptor of a file releases every lock the process has on it. The
 * driver once open()ed and closed the -shm file at each store_open (to
 * map the WAL-index header for its change token), which dropped SQLite's
 * dead-man-switch lock on -shm; the next process to open the database
 * (a `lentera user add`, an operator's sqlite3) then took itself for the
 * first, truncated and reinitialised -shm under the running server, and
 * the server's next commit died of SIGBUS (or worse, worked from a stale
 * wal-index).
 *
 * Checked as another process sees it: a child asks F_GETLK whether it
 * could take the DMS byte of -shm exclusively. With the server-side
 * connections open it must find a lock in the way. Then the child writes
 * through SQLite, as a CLI job would, and this process keeps working.
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_perf.h"
#include "t.h"

/* os_unix.c: UNIX_SHM_BASE ((22 + SQLITE_SHM_NLOCK) * 4), DMS after the
   eight lock bytes. */
#define SHM_DMS_BYTE	128

static char	 dir[64], path[128], shm[160];

/* In a child: 1 when the DMS byte is locked by another process. */
static int
child_sees_dms_lock(void)
{
	struct flock	 fl;
	pid_t		 pid;
	int		 st, fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if ((fd = open(shm, O_RDWR)) == -1)
			_exit(3);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = SHM_DMS_BYTE;
		fl.l_len = 1;
		if (fcntl(fd, F_GETLK, &fl) == -1)
			_exit(3);
		_exit(fl.l_type == F_UNLCK ? 0 : 1);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* In a child: what a CLI job does, a write through SQLite. 0 ok. */
static int
child_writes(void)
{
	sqlite3	*h;
	pid_t	 pid;
	int	 st, rc;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if (sqlite3_open(path, &h) != SQLITE_OK)
			_exit(3);
		sqlite3_busy_timeout(h, 5000);
		rc = sqlite3_exec(h, "UPDATE cache_epoch SET n = n + 1"
		    " WHERE id = 1", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(rc == SQLITE_OK ? 0 : 4);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int
main(void)
{
	struct store	*a = NULL, *b = NULL, *c = NULL;
	struct user	 u;
	int64_t		 epoch = -1, first = -1, id = 0;
	int		 i, ok;

	snprintf(dir, sizeof(dir), "/tmp/lentera-locks-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/l.db", dir);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	T_OK(store_migrate(path) == 0, "locks.migrate");
	/* Three connections, as the pool holds them: the second and third
	   open after the first already holds SQLite's locks. */
	T_OK(store_open(path, &a) == 0 && store_open(path, &b) == 0 &&
	    store_open(path, &c) == 0, "locks.open_three");
	T_OK(a && store_perf_epoch(a, &first) == 0,
	    "locks.first_read_maps_shared_memory");
	T_OK(child_sees_dms_lock() == 1,
	    "locks.dms_lock_held_after_more_opens");
	T_OK(child_writes() == 0, "locks.another_process_writes");
	/* Commits from here on write the wal-index this process mapped: a
	   reinitialised -shm would SIGBUS or mislead here. */
	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), "199001012015011001");
	snprintf(u.name, sizeof(u.name), "Uji Kunci");
	u.role = ROLE_LEARNER;
	u.active = 1;
	ok = b && store_user_insert(b, &u, NULL, &id) == 0;
	for (i = 0; ok && i < 20; i++)
		ok = child_writes() == 0 && store_perf_bump(c) == 0 &&
		    store_perf_epoch(a, &epoch) == 0;
	T_OK(ok, "locks.server_commits_after_other_process_writes");
	/* 20 writes by the children, 20 bumps here, the insert's own (if
	   any): every one seen by a later read. */
	T_OK(epoch >= first + 40, "locks.epoch_counts_every_write");
	T_OK(child_sees_dms_lock() == 1, "locks.dms_lock_still_held");
	store_close(c);
	store_close(b);
	store_close(a);
	T_DONE();
}
