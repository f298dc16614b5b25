/* ledger: the competency ledger. See ledger.h. */
#include <pthread.h>
#include <stddef.h>

#include "jprules.h"
#include "ledger.h"
#include "store.h"
#include "wib.h"

/* Without rules a PNS still owes what PP 11/2017 art. 203(4) says. */
#define LEDGER_TARGET_FALLBACK	20

static pthread_once_t	 rules_once = PTHREAD_ONCE_INIT;
static struct jpr_rules	 rules;
static int		 rules_ok;

static void
rules_load(void)
{
	rules_ok = jprules_defaults(&rules) == 0;
}

int
ledger_year(int64_t t)
{
	return wib_year(t);
}

int
ledger_target_jp(const struct user *u)
{
	const struct jpr_target	*t;

	(void)u;	/* NULL: the default type. Every user is a PNS until the roster
			   carries the employee type. */
	pthread_once(&rules_once, rules_load);
	if (!rules_ok || (t = jprules_target(&rules, "pns")) == NULL)
		return LEDGER_TARGET_FALLBACK;
	if (t->min_cjp_year > 0)
		return t->min_cjp_year / 100;
	return t->max_cjp_year > 0 ? t->max_cjp_year / 100 :
	    LEDGER_TARGET_FALLBACK;
}
