/* lwkt_send_ipiq, with or without the interrupt. */
static int
ipiq_send(struct globaldata *target, ipifunc1_t func, void *arg,
    int interrupt)
{
	/*
	 * LAB ipi, part 1: a simplistic version.  It interrupts the target
	 * for every message, passive or not, and it never looks at how
	 * full the FIFO is: a full FIFO trips the assertion in
	 * ipififo_put.  Write the real one (book/16-ipi.nw,
	 * "lwkt_send_ipiq").
	 */
	struct globaldata *gd = mycpu;
	uint32_t seq;

	(void)interrupt;
	(void)ipiq_make_room;		/* part 3's; this version never asks */
	crit_enter_gd(gd);
	if (target == gd) {
		func(arg);
		crit_exit_gd(gd);
		return 0;
	}
	seq = ipififo_put(&gd->gd_ipiq[target->gd_cpuid], func, arg);
	ipiq_kick(target);
	crit_exit_gd(gd);
	return (int)seq;
}
