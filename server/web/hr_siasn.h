/*
 * hr_siasn: the HR page for the SIASN training history (docs/siasn.md;
 * the batch itself is siasn_batch.h's).
 *
 * GET /hr/siasn: filters (year, or since/until dates, and unit kerja),
 * what a batch with them would hold (new, changed, entries without a
 * pnsOrangId), the "Unduh batch" button, the form to record SIASN ids
 * back, recent batches, and the agency's SIASN codes (instansiId,
 * lokasiId, jenisKursus; editable by admins).
 * POST /hr/siasn/batch: makes the batch and answers with the ZIP
 * (attachment, named after the filters; X-Siasn-Batch and
 * X-Siasn-Entries headers); its entries are then marked exported. A POST
 * because it changes state: a prefetched or crawled link must not.
 * With `batch=N` instead: batch N made again (its entries as they are
 * now; nothing changes state; audited as siasn.redownload), for a
 * download that never arrived. 400 bad filters (the page with the
 * reason), 409 another batch took these entries at the same moment
 * (nothing recorded), 503 no PDF render slot.
 * POST /hr/siasn/record: `csv` (nomor_sertifikat,siasn_id lines) or one
 * entry (`nomor_sertifikat`, `siasn_id`): 200 recorded, 400 with the
 * problems (nothing written).
 * POST /hr/siasn/settings (admin): the three SIASN codes, empty or
 * siasn_id_ok; saved with the other settings and an audit row.
 */
#ifndef LENTERA_HR_SIASN_H
#define LENTERA_HR_SIASN_H

#define HR_SIASN_BATCHES	20	/* recent batches listed */

struct req;

int	hr_siasn_page(struct req *);
int	hr_siasn_batch(struct req *);
int	hr_siasn_record(struct req *);
int	hr_siasn_settings(struct req *);

#endif
