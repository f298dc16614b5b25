/* competency: PermenPANRB 38/2017 types and levels. See competency.h. */
#include <string.h>

#include "competency.h"

const char *const competency_type_ids[CTYPE_N + 1] = {
	[CTYPE_TEKNIS] = "teknis",
	[CTYPE_MANAJERIAL] = "manajerial",
	[CTYPE_SOSIAL_KULTURAL] = "sosial-kultural",
	[CTYPE_N] = NULL,
};

static const enum msg labels[CTYPE_N] = {
	[CTYPE_TEKNIS] = M_TYPE_TEKNIS,
	[CTYPE_MANAJERIAL] = M_TYPE_MANAJERIAL,
	[CTYPE_SOSIAL_KULTURAL] = M_TYPE_SOSIAL,
};

int
competency_type_parse(const char *s)
{
	int	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < CTYPE_N; i++)
		if (strcmp(s, competency_type_ids[i]) == 0)
			return i;
	return -1;
}

const char *
competency_type_id(int t)
{
	return t >= 0 && t < CTYPE_N ? competency_type_ids[t] : "";
}

enum msg
competency_type_msg(int t)
{
	return t >= 0 && t < CTYPE_N ? labels[t] : M_TYPE_TEKNIS;
}

int
competency_level_ok(int level)
{
	return level >= COMPETENCY_LEVEL_MIN && level <= COMPETENCY_LEVEL_MAX;
}
