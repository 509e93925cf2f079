/* The target: the next message (a stand-in: see part 2). */
int
ipififo_get(struct lwkt_ipiq *ip, ipifunc1_t *funcp, void **argp)
{
	/*
	 * LAB ipi, part 2: a simplistic version.  It says a message has
	 * returned as soon as it is taken, before its function has even
	 * started, so lwkt_wait_ipiq may return too early.  Write the real
	 * one (book/16-ipi.nw, "Putting and getting").
	 */
	uint32_t ri = ip->ip_rindex;

	if (ip->ip_windex == ri)
		return 0;
	cpu_ccfence();
	*funcp = ip->ip_slot[ri & IPIQ_MASK].func;
	*argp = ip->ip_slot[ri & IPIQ_MASK].arg;
	cpu_ccfence();
	ip->ip_rindex = ri + 1;
	ip->ip_xindex = ri + 1;
	return 1;
}

/* The target: a message returned (a stand-in: nothing to do). */
void
ipififo_done(struct lwkt_ipiq *ip)
{
	(void)ip;
}
