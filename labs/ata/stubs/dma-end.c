/*
 * LAB ata, part 2: a stand-in: the interrupt of a DMA transfer ends it
 * with an error.  Write the real one (book/41-atadma.nw, "The
 * interrupt").
 */
(void)ata_in(req->ar_dev->ad_ch, ATA_STATUS);	/* acknowledge it */
return ata_fail(req, "not written yet (lab ata, part 2: end a DMA "
    "transfer)");
