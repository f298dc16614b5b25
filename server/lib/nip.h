/*
 * nip: checks of the ASN civil-servant number (NIP), 18 digits:
 *   YYYYMMDD  birth date
 *   YYYYMM    CPNS appointment month (TMT CPNS)
 *   G         gender, 1 male, 2 female
 *   NNN       sequence 001..999
 *
 * nip_format returns 1 iff nip is exactly 18 ASCII digits (the login form's
 * cheap check; it says nothing about dates), else 0. NULL gives 0.
 *
 * nip_valid returns 1 when the NIP is plausible today (the WIB date of
 * clock_now, so a test clock moves it), else 0
 * and, when why != NULL and whylen > 0, a short NUL-terminated reason in
 * Bahasa Indonesia for the user (truncated to whylen). Rules:
 *   - birth year 1940..current year, a real calendar date (leap years),
 *     not after today;
 *   - TMT month 1..12, not after the current month, and TMT year >= birth
 *     year + 17: the youngest CPNS applicant is 18, so 17 by calendar year
 *     leaves a year of slack for month arithmetic and older records while
 *     still catching swapped or mistyped date blocks;
 *   - gender digit 1 or 2; sequence not 000.
 * nip_valid_on does the same against a given date (y, m, d), for tests and
 * for re-checking old records against the date they were entered.
 * Neither function allocates.
 */
#ifndef LENTERA_NIP_H
#define LENTERA_NIP_H

#include <stddef.h>

#define NIP_LEN		18
#define NIP_MIN_YEAR	1940
#define NIP_CPNS_MIN_AGE 17	/* TMT year - birth year, see above */

int	nip_format(const char *nip);
int	nip_valid(const char *nip, char *why, size_t whylen);
int	nip_valid_on(const char *nip, int y, int m, int d, char *why,
	    size_t whylen);

#endif
