/* The report of TF into BUF, always terminated (yours to write). */
int
trap_format(const struct trapframe *tf, char *buf, size_t size)
{
	/*
	 * LAB boot, part 2: write the report book/06-traps.nw specifies: the
	 * exception's name and vector, where it happened (address, function
	 * and offset, mode), every register, and for a page fault %cr2 and
	 * the error code in words.  Use ksnprintf, trap_name,
	 * ksyms_lookup, trapframe_esp and trapframe_ss.
	 */
	(void)tf;
	return ksnprintf(buf, size, "(trap report not written yet)");
}
