/*
 * LAB ata, part 2: a stand-in: a request by DMA fails at once, before
 * any command.  Write the real one (book/41-atadma.nw, "Starting a
 * transfer").
 */
return ata_fail(req, "not written yet (lab ata, part 2: start a DMA "
    "transfer)");
