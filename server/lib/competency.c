/* competency: PermenPANRB 38/2017 types and levels. See competency.h. */
#include <string.h>

#include "competency.h"

static const struct {
	const char	*id;
	enum msg	 label;
} types[CTYPE_N] = {
	[CTYPE_TEKNIS] = { "teknis", M_TYPE_TEKNIS },
	[CTYPE_MANAJERIAL] = { "manajerial", M_TYPE_MANAJERIAL },
	[CTYPE_SOSIAL_KULTURAL] = { "sosial-kultural", M_TYPE_SOSIAL },
};

int
competency_type_parse(const char *s)
{
	int	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < CTYPE_N; i++)
		if (strcmp(s, types[i].id) == 0)
			return i;
	return -1;
}

const char *
competency_type_id(int t)
{
	return t >= 0 && t < CTYPE_N ? types[t].id : "";
}

enum msg
competency_type_msg(int t)
{
	return t >= 0 && t < CTYPE_N ? types[t].label : M_TYPE_TEKNIS;
}

int
competency_level_ok(int level)
{
	return level >= COMPETENCY_LEVEL_MIN && level <= COMPETENCY_LEVEL_MAX;
}
