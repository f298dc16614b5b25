#include <stdlib.h>
#include "quiz.h"
struct quiz { struct quiz_info info; };
int quiz_load(const char *path, struct quiz **out, struct buf *err) { (void)path; (void)err; *out = calloc(1, sizeof(struct quiz)); return 0; }
void quiz_free(struct quiz *q) { free(q); }
const struct quiz_info *quiz_info(const struct quiz *q) { return &q->info; }
int quiz_check(const char *path, struct buf *out) { (void)path; (void)out; return 0; }
