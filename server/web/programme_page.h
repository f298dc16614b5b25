/*
 * programme_page: mentoring and coaching programmes (programme.h has the
 * rules).
 *
 * GET /programmes: the programmes the user manages or is paired in (HR:
 * all), and for HR and anyone with a team the form to create one. POST
 * /programmes: 303 to the new programme, or the page with the reason.
 * GET /programmes/<id>: the programme and its pairs with their sessions,
 * approved minutes and JP, and RTL (a mentor or mentee sees their own
 * pairs only; anyone else 404); managers get the pairing form. POST
 * /programmes/<id>/pairs: "nip_mentor,nip_mentee" lines; 303, or the
 * page with every bad line by number (422), 403 when not theirs.
 */
#ifndef LENTERA_PROGRAMME_PAGE_H
#define LENTERA_PROGRAMME_PAGE_H

struct req;

int	programmes_page(struct req *);
int	programmes_create(struct req *);
int	programme_page(struct req *);
int	programme_pairs(struct req *);

#endif
