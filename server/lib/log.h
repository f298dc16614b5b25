/*
 * log: one-line messages to stderr with an ISO-8601 UTC timestamp.
 * Thread-safe (each line is one write). log_request is the access log.
 */
#ifndef LENTERA_LOG_H
#define LENTERA_LOG_H

void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_request(const char *method, const char *path, int status,
	    double ms, const char *who);
void	log_set_quiet(int);	/* tests: suppress info and access lines */

#endif
