/*
 * The ledger's pure parts (core/ledger, core/evidence, lib/wib): JP in
 * hundredths as text, employee types from the JP rules, targets per
 * type, evidence recognised by content and named safely, form dates.
 */
#include <string.h>

#include "evidence.h"
#include "ledger.h"
#include "t.h"
#include "wib.h"

static int
str_is(int64_t cjp, char mark, const char *want)
{
	char	 b[LEDGER_CJP_STR];

	ledger_cjp_str(b, sizeof(b), cjp, mark);
	return strcmp(b, want) == 0;
}

int
main(void)
{
	char	 t[16];

	T_OK(str_is(2000, ',', "20") && str_is(222, ',', "2,22") &&
	    str_is(250, ',', "2,5") && str_is(205, '.', "2.05") &&
	    str_is(0, ',', "0") && str_is(-5, ',', "0"),
	    "cJP as text: whole, two decimals, one, machine dot, never negative");
	T_OK(ledger_type_parse(" PPPK ", t, sizeof(t)) && strcmp(t, "pppk") == 0 &&
	    ledger_type_parse("pns", t, sizeof(t)) && strcmp(t, "pns") == 0,
	    "employee types from the rules' [sasaran], any case, trimmed");
	T_OK(!ledger_type_parse("honorer", t, sizeof(t)) &&
	    !ledger_type_parse("", t, sizeof(t)) &&
	    !ledger_type_parse("pppkpppkpppkpppkpppk", t, sizeof(t)),
	    "unknown, empty and overlong types refused");
	T_OK(ledger_target_cjp("pns") == 2000 && ledger_target_cjp("pppk") ==
	    2400 && ledger_target_cjp(NULL) == 2000 &&
	    ledger_target_cjp("nope") == 2000 && ledger_target_jp(NULL) == 20,
	    "targets per type from the shipped rules (unknown: pns)");
	T_OK(strcmp(evidence_type("%PDF-1.7\n", 9), "application/pdf") == 0 &&
	    strcmp(evidence_type("\x89PNG\r\n\x1a\n", 8), "image/png") == 0 &&
	    strcmp(evidence_type("\xff\xd8\xff\xe0", 4), "image/jpeg") == 0,
	    "evidence types by content");
	T_OK(evidence_type("<html>", 6) == NULL && evidence_type("%PD", 3) ==
	    NULL && evidence_type("GIF89a", 6) == NULL &&
	    evidence_type("", 0) == NULL, "anything else is no evidence");
	T_OK(evidence_name_ok("0123456789abcdef0123456789abcdef.pdf") &&
	    !evidence_name_ok("0123456789abcdef0123456789abcdef.html") &&
	    !evidence_name_ok("../23456789abcdef0123456789abcdef.pdf") &&
	    !evidence_name_ok("0123456789ABCDEF0123456789abcdef.pdf") &&
	    !evidence_name_ok("short.pdf"), "evidence names: 32 hex + type");
	T_OK(wib_parse_day("2026-06-28") == wib_midnight(2026, 6, 28) &&
	    wib_parse_day("2026-02-30") == -1 && wib_parse_day("2026-+6-01") ==
	    -1 && wib_parse_day(" 026-06-01") == -1 &&
	    wib_parse_day("1999-12-31") == -1 && wib_parse_day(NULL) == -1 &&
	    wib_parse_day("2026-06-281") == -1, "form dates: exactly yyyy-mm-dd");
	T_DONE();
}
