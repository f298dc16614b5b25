/* i18n_int: the two string tables, one file per language (i18n_id.c,
   i18n_en.c); only i18n.c reads them. */
#ifndef LENTERA_I18N_INT_H
#define LENTERA_I18N_INT_H

#include "i18n.h"

extern const char *const i18n_id[M__COUNT];
extern const char *const i18n_en[M__COUNT];

#endif
