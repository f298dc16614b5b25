/*
 * hr_plan: HR's planning pages, part A (docs/planning-needs.md).
 *   /hr/perencanaan                the hub: the imports and the gap pages
 *   /hr/perencanaan/<kind>         GET the data and an import form; POST
 *                                  (multipart: a file or pasted CSV, dry
 *                                  run) imports it: kompetensi, standar,
 *                                  asesmen, skp, skm. Problems are shown
 *                                  as FILE:LINE: reason.
 *   /hr/perencanaan/kompetensi.csv the agency dictionary, as the course
 *                                  tree's kompetensi.csv for `lentera check`
 *   /hr/perencanaan/usulan/<id>    POST keputusan=diterima|ditolak
 *   /hr/kesenjangan                heatmap competency x unit (SVG and
 *                                  table), the largest gaps (sortable,
 *                                  filtered by unit and competency)
 *   /hr/kesenjangan/<nip>          one person's profile and gaps; POST
 *                                  sets the target position
 * Domain rules are in core (dictionary, standard, profile, skp, ikm, gap).
 */
#ifndef LENTERA_HR_PLAN_H
#define LENTERA_HR_PLAN_H

struct req;

int	hr_plan_hub(struct req *);
int	hr_plan_page(struct req *);
int	hr_plan_post(struct req *);
int	hr_plan_dict_csv(struct req *);
int	hr_plan_decide(struct req *);
int	hr_gap_page(struct req *);
int	hr_gap_person(struct req *);
int	hr_gap_target(struct req *);

#endif
