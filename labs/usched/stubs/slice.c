/*
 * LAB usched, part 2: a stand-in that keeps the kernel running but
 * never ends a slice: a program that computes keeps its CPU until it
 * blocks or exits, and the processes queued behind it wait as long.
 * Write the real rule (book/30-usched.nw, "The slice").
 */
/* Must E, running on CPU, give way now?  Never. */
int
usched_slice_over(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e)
{
	(void)uqs;
	(void)cpu;
	(void)e;
	return 0;
}
