/*
 * LAB ata, part 1: a stand-in that keeps the kernel running but issues
 * nothing: every ATA command fails at once, IDENTIFY included, so the
 * boot finds no disk.  Write the real one (book/39-ata.nw, "Issuing the
 * command"): select the device, the task file for LBA28 or LBA48, the
 * command.
 */
ata_fail(req, "not written yet (lab ata, part 1: issue an ATA command)");
return -1;
