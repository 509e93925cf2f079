/* VALUE in BASE with SPEC's width and flags (yours to write). */
static void
print_number(struct sink *s, unsigned long long value, int negative,
    unsigned base, int upper, const struct fmtspec *spec)
{
	/*
	 * LAB boot, part 1: print the number as book/03-console.nw says:
	 * padding spaces, the sign, padding zeros, the digits (most
	 * significant first), then left-alignment spaces.  Use emit() and
	 * emit_repeated().  Until you do, every number prints as "?".
	 */
	(void)value;
	(void)negative;
	(void)base;
	(void)upper;
	(void)spec;
	emit(s, '?');
}
