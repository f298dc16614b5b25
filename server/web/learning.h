/*
 * learning: pages for learning outside the courses (learnrec.h has the
 * rules).
 *
 * GET /learning: the signed-in user's records with their status (and a
 * returned record's note, with a form to fix it), and the two forms:
 * classroom/external training with its certificate file, a mentoring or
 * coaching session. POST /learning (multipart, its own CSRF field, body
 * up to HTTP_MAX_UPLOAD): 303 to /learning?ok=1, or the page again with
 * the reason (422).
 *
 * GET /review: what waits for the user: sessions to confirm as mentor,
 * their team's sessions to approve as atasan, and for HR the training to
 * verify (a certificate number recorded twice is flagged). POST
 * /review/<id> action=confirm|approve|return, note: 303, 403 (not theirs
 * to review), 404, 422 (with the reason).
 *
 * GET /evidence/<id>: the record's evidence file, to the owner, the
 * mentor, the owner's atasan and HR only (anyone else: 404), as an
 * attachment under a sandbox CSP (and the site's nosniff).
 */
#ifndef LENTERA_LEARNING_H
#define LENTERA_LEARNING_H

struct req;

int	learning_page(struct req *);
int	learning_submit(struct req *);
int	review_page(struct req *);
int	review_act(struct req *);
int	evidence_get(struct req *);
/* GET/POST /hr/learning (HR): one training for a whole class, the
   participants one NIP (and certificate number) a line; problems listed
   by line, nothing written until every line is right. */
int	hr_learning_page(struct req *);
int	hr_learning_post(struct req *);

#endif
