/*
 * LAB lwkt, part 3: a version that only knows threads of this CPU.
 * Write the real one (book/17-lwkt.nw, "Scheduling"): a thread of
 * another CPU is scheduled (or descheduled) by its own CPU, reached with
 * lwkt_send_ipiq.
 */
static void
_lwkt_schedule(struct thread *td, int ccount)
{
	struct globaldata *gd = mycpu;

	crit_enter_gd(gd);
	KASSERT(td->td_gd == gd,
	    ("LAB lwkt: scheduling a thread of another CPU is not written"));
	if ((td->td_flags & TDF_RUNQ) == 0) {
		lwkt_runq_insert(&gd->gd_runq, td);
		lwkt_schedule_post(gd, td, ccount + 1);
	}
	crit_exit_gd(gd);
}

/* Make TD runnable (a stand-in: this CPU's threads only). */
void
lwkt_schedule(struct thread *td)
{
	_lwkt_schedule(td, 0);
}

/* Make TD not runnable (a stand-in: this CPU's threads only). */
void
lwkt_deschedule(struct thread *td)
{
	struct globaldata *gd = mycpu;

	crit_enter_gd(gd);
	KASSERT(td->td_gd == gd,
	    ("LAB lwkt: descheduling a thread of another CPU is not written"));
	if ((td->td_flags & TDF_RUNQ) != 0)
		lwkt_runq_remove(&gd->gd_runq, td);
	crit_exit_gd(gd);
}

/* The first step of blocking: take curthread off its queue. */
void
lwkt_deschedule_self(struct thread *td)
{
	lwkt_deschedule(td);
}
