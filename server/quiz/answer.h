/*
 * answer: how learners' typed answers are read, and how numbers are shown
 * back to them. Pure functions, no allocation, thread-safe.
 *
 * answer_normalize writes into out (outsz bytes, always NUL-terminated;
 * the result is never longer than the input) the comparison form of a
 * short answer: ASCII lower case, Latin-1 letters folded to ASCII
 * (é->e, Ç->c, ß->ss, Æ->ae), combining accents dropped, all whitespace
 * (incl. NBSP) removed. Two answers match when their forms are equal.
 *
 * answer_number parses Indonesian and plain number formats ("1.250.000",
 * "1.250.000,50", "2,5", "Rp 1.250.000,-", "1250000", "2.5"): if both '.'
 * and ',' appear the last one is the decimal mark; a lone ',' is decimal;
 * several '.' (or several ',') are thousands separators; a lone '.' is a
 * thousands separator only when exactly 3 digits follow and 1-3 digits
 * not starting with 0 precede it ("1.250" = 1250, "2.50" = 2.5, "0.250" =
 * 0.25). Thousands groups must be exactly 3 digits. Returns 0 and sets
 * *out, or -1 when the text is not a number.
 *
 * answer_format_number appends x the Indonesian way ("1.250.000",
 * "2,5"). answer_duration parses "90s", "20m", "1h", "1h30m" into seconds
 * (0 < s <= max); -1 when malformed.
 */
#ifndef LENTERA_ANSWER_H
#define LENTERA_ANSWER_H

#include <stddef.h>

struct buf;

#define ANSWER_NUMBER_MAX	64	/* longer texts are not numbers */

void	answer_normalize(const char *in, char *out, size_t outsz);
int	answer_number(const char *in, double *out);
void	answer_format_number(struct buf *, double x);
int	answer_duration(const char *in, int max);

#endif
