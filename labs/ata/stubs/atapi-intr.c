/*
 * LAB ata, part 1: a stand-in: an interrupt ends the packet command
 * with an error, no data moved.  Write the real one (book/40-atapi.nw,
 * "An interrupt").
 */
(void)ata_in(req->ar_dev->ad_ch, ATA_STATUS);	/* acknowledge it */
return ata_fail(req, "not written yet (lab ata, part 1: move the data "
    "of an ATAPI interrupt)");
