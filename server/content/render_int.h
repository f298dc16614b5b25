/*
 * render_int: shared by render.c and render_cost.c only.
 * render_cost estimates md4c's work on s[0..n): *sites counts the
 * places a permissive autolink could start, *work the bracket and
 * emphasis work of the worst block (compared with RENDER_MAX_WORK).
 */
#ifndef LENTERA_RENDER_INT_H
#define LENTERA_RENDER_INT_H

#include <stddef.h>
#include <stdint.h>

void	render_cost(const char *s, size_t n, size_t *sites, uint64_t *work);

#endif
