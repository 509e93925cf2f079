/*
 * LAB lwkt, part 2: a simplistic choice that keeps the kernel running:
 * the first thread of the highest non-empty queue.  It never returns to
 * a preempted thread, never rotates the current thread behind its peers
 * and ignores tokens.  Write the real choice (book/17-lwkt.nw,
 * "Choosing"); it must set ntd.
 */
ntd = lwkt_runq_first(rq);
if (ntd == NULL)
	ntd = gd->gd_idlethread;
