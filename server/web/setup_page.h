/*
 * setup_page: /setup, where a user enters NIP, setup code (setup.h) and a
 * new password, which sets the password and logs in. Attempts are
 * throttled like login; every failure gets the same answer.
 */
#ifndef LENTERA_SETUP_PAGE_H
#define LENTERA_SETUP_PAGE_H

struct req;

int	 setup_page(struct req *);		/* GET /setup */
int	 setup_page_submit(struct req *);	/* POST /setup */

#endif
