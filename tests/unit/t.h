/*
 * t.h: the unit-test harness. Each check prints "PASS name" or
 * "FAIL name: why" on its own line; tests/run.sh counts those lines.
 * A test program's exit status is the number of failures (capped).
 */
#ifndef LENTERA_T_H
#define LENTERA_T_H
#include <stdio.h>

static int t_failed;

#define T_OK(cond, name) do {						\
	if (cond)							\
		printf("PASS %s\n", (name));				\
	else {								\
		printf("FAIL %s: %s (%s:%d)\n", (name), #cond,		\
		    __FILE__, __LINE__);				\
		t_failed++;						\
	}								\
	fflush(stdout);							\
} while (0)

#define T_DONE() return t_failed > 100 ? 100 : t_failed

#endif
