/*
 * serve: `lentera serve [flags]`: runs the web server until SIGINT or
 * SIGTERM. Returns the process exit code (0, 1 failure, 2 usage). The
 * only entry from the command layer into the web layer (cmd/main.c).
 */
#ifndef LENTERA_SERVE_H
#define LENTERA_SERVE_H

int	serve_main(int argc, char *argv[]);

#endif
