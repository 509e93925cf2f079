/*
 * LAB ata, part 1: a stand-in: no packet is sent, every ATAPI command
 * fails at once.  Write the real one (book/40-atapi.nw, "Sending the
 * packet").
 */
return ata_fail(req, "not written yet (lab ata, part 1: send an ATAPI "
    "packet)");
