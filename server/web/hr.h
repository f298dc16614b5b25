/*
 * hr: the HR pages (roles hr and admin).
 *
 * /hr: the competency dashboard for a year (default: the current WIB
 * year) filtered by unit kerja, course and competency type: completions,
 * JP total, how many active ASN reach the yearly target (ledger.h; and the
 * share), the ASN below target, and JP per unit as a server-side SVG bar
 * chart with the same numbers as a table. Downloads link the HR API
 * (/api/v1/completions, /api/v1/jp-summary) with every current filter,
 * so the files hold exactly what the page counts. Filters are validated
 * (400 with a message); the course and type filters narrow which
 * completions count, the unit filter which ASN.
 *
 * Who counts as an ASN (figures, unit table, below-target list, JP
 * summary alike; store_ledger.h store_ledger_people, through ledger.h): every active account with
 * role learner, plus any other account (trainer, hr, admin, a
 * deactivated learner) only when it has a completion matching the
 * filters, i.e. when it is a learner too. Staff accounts are never listed
 * as "below target" for not studying.
 *
 * /hr/people/<nip> (hr_person.c): one ASN's record for HR: JP of the
 * year against the target, JP per year, completions, courses in
 * progress, and the record's downloads. Every NIP on the HR pages links
 * there (hr_nip_link).
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
int	hr_person(struct req *);
/* <a href="/hr/people/NIP[?year=Y]">NIP</a>, escaped; year 0: none. */
void	hr_nip_link(struct buf *, const char *nip, int year);
int	hr_roster_page(struct req *);
int	hr_roster_post(struct req *);
int	hr_setup_code(struct req *);
/* Opens a table row with the NIP (a link to the person's page), name and
   unit cells (escaped). */
void	hr_person_cells(struct buf *, const struct user *);

#endif
