/* ip, our FIFO to target, is over half full: drain ours meanwhile. */
static void
ipiq_make_room(struct globaldata *gd, struct globaldata *target,
    struct lwkt_ipiq *ip)
{
	/*
	 * LAB ipi, part 3: a stand-in that makes no room at all: the next
	 * put into a full FIFO trips its assertion.  Write the real one
	 * (book/16-ipi.nw, "Making room"): and remember that the target may be
	 * waiting for room in its FIFO to you.
	 */
	(void)gd;
	(void)target;
	(void)ip;
}
