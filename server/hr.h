/*
 * hr: the HR pages (roles hr and admin).
 *
 * /hr: the competency dashboard for a year (default: the current WIB
 * year) filtered by unit kerja, course and competency type: completions,
 * JP total, how many active ASN reach RECORD_JP_TARGET JP (and the
 * share), the ASN below target, and JP per unit as a server-side SVG bar
 * chart with the same numbers as a table. Downloads link the HR API
 * (/api/v1/completions, /api/v1/jp-summary) with the current filters.
 * Filters are validated (400 with a message); the course and type
 * filters narrow which completions count, the unit filter which ASN.
 *
 * /hr/roster: roster import (roster.h) from pasted CSV or an uploaded
 * file (multipart/form-data, parsed by multipart.c; its CSRF token is
 * checked here because http.c only parses urlencoded bodies), optional
 * dry run and setup codes for the new learners, the import report; and
 * a user search to issue a setup code per user
 * (POST /hr/users/<nip>/setup-code). HR may issue codes to learners
 * only; an admin to anyone. Codes are shown once, never stored in clear.
 */
#ifndef LENTERA_HR_H
#define LENTERA_HR_H

#define HR_BELOW_MAX	500	/* below-target rows listed on the page */
#define HR_UNITS_MAX	500	/* units in the table and filter */
#define HR_CHART_MAX	20	/* bars in the chart */
#define HR_COURSES_MAX	500
#define HR_SEARCH_MAX	50	/* users per roster-page search */
#define HR_YEAR_MIN	2000
#define HR_YEAR_MAX	2100

struct buf;
struct req;
struct user;

int	hr_dashboard(struct req *);
int	hr_roster_page(struct req *);
int	hr_roster_post(struct req *);
int	hr_setup_code(struct req *);
/* Opens a table row with the NIP, name and unit cells (escaped). */
void	hr_person_cells(struct buf *, const struct user *);

#endif
