/*
 * LAB ata, part 1: a stand-in: an interrupt ends the request with an
 * error, no data moved.  Write the real one (book/39-ata.nw, "An
 * interrupt").
 */
(void)ata_in(req->ar_dev->ad_ch, ATA_STATUS);	/* acknowledge it */
return ata_fail(req, "not written yet (lab ata, part 1: move the data "
    "of a PIO interrupt)");
