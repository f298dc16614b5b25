/* i18n: the lookup over the string tables (i18n_id.c, i18n_en.c).
   Indonesian first; English may lag and falls back to Indonesian. */
#include <stddef.h>

#include "i18n.h"
#include "i18n_int.h"

const char *
i18n(int lang, enum msg m)
{
	const char	*s;

	if ((unsigned)m >= M__COUNT)
		return "?";
	if (lang == 1 && (s = i18n_en[m]) != NULL)
		return s;
	return i18n_id[m] ? i18n_id[m] : "?";
}
