/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/records.h>
#include <sys/vminfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* raw_syscall(nr, args): trap with args[0..5]; the kernel's value. */
long raw_syscall(long nr, const long *args);
__asm__(
"	.text\n"
"	.globl	raw_syscall\n"
"raw_syscall:\n"
"	pushl	%ebp\n"
"	pushl	%edi\n"
"	pushl	%esi\n"
"	pushl	%ebx\n"
"	movl	20(%esp), %eax\n"
"	movl	24(%esp), %ebp\n"
"	movl	0(%ebp), %ebx\n"
"	movl	4(%ebp), %ecx\n"
"	movl	8(%ebp), %edx\n"
"	movl	12(%ebp), %esi\n"
"	movl	16(%ebp), %edi\n"
"	movl	20(%ebp), %ebp\n"
"	int	$0x80\n"
"	popl	%ebx\n"
"	popl	%esi\n"
"	popl	%edi\n"
"	popl	%ebp\n"
"	ret\n");

/* Is R one of the kernel's error results? */
static int
is_error(long r)
{
	return r >= -4095 && r <= -1;
}
enum kind {
	K_INT,		/* a number with no bad value of its own */
	K_FD,		/* a file descriptor to use */
	K_FDTO,		/* a descriptor to make (dup2's second) */
	K_IN,		/* memory the kernel reads */
	K_OUT,		/* memory the kernel writes */
	K_LEN,		/* a byte count */
	K_SIG,		/* a signal number */
	K_PID,		/* a process ID */
	K_FLAGS		/* option bits, a mode, a clock, a request */
};

/* Two bad pointers are computed when the call is made: */
#define HEAP_EDGE	0xdead0001u	/* the heap's last byte, then nothing */
#define OWN_CODE	0xdead0002u	/* our code: readable, not writable */

static const uint32_t bad_in[] = { 0, 1, 0x1000, 0x100000, 0x3ffff000,
    0x40000000, 0x40000fff, 0x7f000000, 0x80000000, 0xbffffffd, 0xbfffffff,
    0xc0000000, 0xfffff000, HEAP_EDGE };
static const uint32_t bad_out[] = { 0, 1, 0x1000, 0x100000, 0x3ffff000,
    0x40000000, 0x40000fff, 0x7f000000, 0x80000000, 0xbffffffd, 0xbfffffff,
    0xc0000000, 0xfffff000, HEAP_EDGE, OWN_CODE };
static const uint32_t bad_fd[] = { (uint32_t)-1, (uint32_t)-100, 40, 63,
    64, 1000, INT_MAX, (uint32_t)INT_MIN };
static const uint32_t bad_fdto[] = { (uint32_t)-1, (uint32_t)-100, 1000,
    INT_MAX, (uint32_t)INT_MIN };
static const uint32_t bad_len[] = { 0x7fffffff, 0x80000000, 0xffffffff,
    0xfffffff0 };
static const uint32_t bad_sig[] = { (uint32_t)-1, 0, NSIG, 64, 1000,
    (uint32_t)INT_MIN };
static const uint32_t bad_pid[] = { 0x7fffffff, (uint32_t)-0x7fffffff,
    (uint32_t)INT_MIN, 99999999 };
static const uint32_t bad_flags[] = { 0x7fffffff, (uint32_t)-1, 1000 };

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* The bad values of kind K, and how many there are. */
static const uint32_t *
bad_values(enum kind k, int *n)
{
	switch (k) {
	case K_FD:	*n = NELEM(bad_fd); return bad_fd;
	case K_FDTO:	*n = NELEM(bad_fdto); return bad_fdto;
	case K_IN:	*n = NELEM(bad_in); return bad_in;
	case K_OUT:	*n = NELEM(bad_out); return bad_out;
	case K_LEN:	*n = NELEM(bad_len); return bad_len;
	case K_SIG:	*n = NELEM(bad_sig); return bad_sig;
	case K_PID:	*n = NELEM(bad_pid); return bad_pid;
	case K_FLAGS:	*n = NELEM(bad_flags); return bad_flags;
	default:	*n = 0; return NULL;
	}
}

/* The real value of bad value V. */
static long
bad_value(uint32_t v)
{
	char *edge;

	if (v == HEAP_EDGE) {
		edge = (char *)sbrk(0) - 1;
		*edge = 'x';		/* as a string, it runs off the heap */
		return (long)(uintptr_t)edge;
	}
	if (v == OWN_CODE)
		return (long)(uintptr_t)&raw_syscall;
	if (v >= 0xbffffff0u && v <= 0xbfffffffu)
		memset((void *)(uintptr_t)v, 'x', 0xc0000000u - v);
	return (long)v;
}
/* Good values: a placeholder for each, made real when called. */
enum good {
	G_ZERO, G_BUF, G_STR, G_VEC, G_LEN16, G_FD_READ, G_FD_WRITE, G_SELF,
	G_CHILD, G_SIGUSR1, G_ONE, G_PORT, G_CONSOLE
};

struct call {
	int		nr;		/* SYS_* */
	const char	*name;
	int		nargs;
	enum kind	kind[6];
	enum good	good[6];
};

#define C(n, na, ...)	{ SYS_##n, #n, na, __VA_ARGS__ }

static const struct call calls[] = {
	C(read, 3, { K_FD, K_OUT, K_LEN }, { G_FD_READ, G_BUF, G_LEN16 }),
	C(write, 3, { K_FD, K_IN, K_LEN }, { G_FD_WRITE, G_BUF, G_LEN16 }),
	C(open, 3, { K_IN, K_INT, K_INT }, { G_STR, G_ZERO, G_ZERO }),
	C(close, 1, { K_FD }, { G_FD_READ }),
	C(wait4, 4, { K_PID, K_OUT, K_FLAGS, K_OUT },
	    { G_CHILD, G_BUF, G_ZERO, G_ZERO }),
	C(kill, 2, { K_PID, K_SIG }, { G_SELF, G_ZERO }),
	C(sigaction, 3, { K_SIG, K_IN, K_OUT }, { G_SIGUSR1, G_BUF, G_ZERO }),
	C(sigprocmask, 3, { K_FLAGS, K_IN, K_OUT }, { G_ONE, G_BUF, G_ZERO }),
	C(nanosleep, 2, { K_IN, K_INT }, { G_BUF, G_ZERO }),
	C(dup, 1, { K_FD }, { G_FD_READ }),
	C(dup2, 2, { K_FD, K_FDTO }, { G_FD_READ, G_FD_WRITE }),
	C(pipe, 1, { K_OUT }, { G_BUF }),
	C(sendsys, 1, { K_IN }, { G_BUF }),
	C(waitsys, 2, { K_IN, K_FLAGS }, { G_BUF, G_ZERO }),
	C(port_send, 3, { K_FD, K_IN, K_LEN }, { G_PORT, G_BUF, G_LEN16 }),
	C(port_wait, 4, { K_FD, K_OUT, K_LEN, K_INT },
	    { G_PORT, G_BUF, G_LEN16, G_ZERO }),
	C(port_reply, 4, { K_FD, K_INT, K_IN, K_LEN },
	    { G_PORT, G_ZERO, G_BUF, G_LEN16 }),
	C(port_close, 1, { K_FD }, { G_PORT }),
	C(port_call, 5, { K_FD, K_IN, K_LEN, K_OUT, K_LEN },
	    { G_PORT, G_BUF, G_LEN16, G_BUF, G_LEN16 }),
	C(port_reply_wait, 6, { K_FD, K_INT, K_IN, K_LEN, K_OUT, K_LEN },
	    { G_PORT, G_ONE, G_BUF, G_LEN16, G_BUF, G_LEN16 }),
	C(getprocs, 2, { K_OUT, K_INT }, { G_BUF, G_ONE }),
	C(setpgid, 2, { K_PID, K_PID }, { G_SELF, G_SELF }),
	C(getpgid, 1, { K_PID }, { G_SELF }),
	C(tcsetpgrp, 2, { K_FD, K_PID }, { G_CONSOLE, G_SELF }),
	C(clock_gettime, 2, { K_FLAGS, K_OUT }, { G_ONE, G_BUF }),
	C(ktest_info, 1, { K_OUT }, { G_BUF }),
	C(ioctl, 3, { K_FD, K_FLAGS, K_OUT }, { G_CONSOLE, G_ZERO, G_BUF }),
	C(vminfo, 1, { K_OUT }, { G_BUF }),
};
/* What the good values stand for in this run. */
struct stage {
	char	*buf;		/* a writable buffer of a page */
	int	fds[2];		/* a pipe, or -1 when there are no pipes */
	int	port;		/* a port, or -1 when there are no ports */
	int	child;		/* a child that exits at once, or -1 */
};

static char page[4096] __attribute__((aligned(4096)));
static char *const vec[] = { "/bin/no-such-program", NULL };

/* The real value of placeholder G. */
static long
good_value(struct stage *st, enum good g)
{
	switch (g) {
	case G_BUF:	return (long)(uintptr_t)st->buf;
	case G_STR:	return (long)(uintptr_t)"/bin/no-such-program";
	case G_VEC:	return (long)(uintptr_t)vec;
	case G_LEN16:	return 16;
	case G_FD_READ:	return st->fds[0];
	case G_FD_WRITE: return st->fds[1];
	case G_SELF:	return getpid();
	case G_CHILD:	return st->child;
	case G_SIGUSR1:	return SIGUSR1;
	case G_ONE:	return 1;
	case G_PORT:	return st->port;
	default:	return 0;		/* G_ZERO, G_CONSOLE */
	}
}

/* Is C a call on a port (which needs one)? */
static int
is_port_call(const struct call *c)
{
	return c->nr == SYS_port_wait || c->nr == SYS_port_send ||
	    c->nr == SYS_port_reply || c->nr == SYS_port_call ||
	    c->nr == SYS_port_reply_wait;
}

/* Can call C be made with its argument ARG bad, in this stage?  Not
 * when its good values would block (read, port_wait) or write to the
 * console (a huge length) because there is no pipe or port yet. */
static int
can_make(const struct stage *st, const struct call *c, int arg)
{
	if ((c->nr == SYS_read || c->nr == SYS_write || c->nr == SYS_close ||
	    c->nr == SYS_dup || c->nr == SYS_dup2) && st->fds[0] < 0)
		return c->kind[arg] == K_FD;	/* the fd alone is checked */
	if (is_port_call(c) && st->port < 0)
		return c->kind[arg] == K_FD;
	return 1;
}

/* Before a call of C: data for read and port_wait, a child for wait4;
 * a new, empty port for each port call, so that what a call left on
 * the old one (a message it could not deliver) is thrown away. */
static void
set_stage(struct stage *st, const struct call *c)
{
	if (c->nr == SYS_read && st->fds[0] >= 0)
		write(st->fds[1], "0123456789abcdef", 16);
	if (is_port_call(c) && st->port >= 0) {
		port_close(st->port);
		st->port = port_create();
	}
	if (c->nr == SYS_port_wait && st->port >= 0)
		port_send(st->port, "0123456789abcdef", 16);
	if (c->nr == SYS_wait4) {
		fflush(stdout);
		st->child = fork();
		if (st->child == 0)
			_exit(0);
	}
}
/* Is this combination valid by definition (see the text)? */
static int
valid_anyway(const struct call *c, int arg, uint32_t v)
{
	if (c->nr == SYS_kill && arg == 1 && v == 0)
		return 1;			/* signal 0: a probe */
	if ((c->nr == SYS_sigaction || c->nr == SYS_sigprocmask) &&
	    arg >= 1 && v == 0)
		return 1;			/* no new value, or no old one */
	if (c->nr == SYS_wait4 && (arg == 1 || arg == 3) && v == 0)
		return 1;			/* status or usage not wanted */
	return 0;
}

/* Counts of what the bad calls returned. */
struct tally {
	unsigned	calls;
	unsigned	by_error[128];	/* by -result; [0]: beyond 127 */
	unsigned	accepted;	/* calls that did not fail */
};

/* Count result R of a call of NAME whose argument ARG was V. */
static void
count(struct utest_ctx *ut, struct tally *t, const char *name, int arg,
    long v, long r)
{
	t->calls++;
	if (is_error(r)) {
		t->by_error[-r < 128 ? -r : 0]++;
		return;
	}
	t->accepted++;
	ut_fail(ut, __FILE__, __LINE__, "%s with argument %d = 0x%lx "
	    "returned %ld, not an error", name, arg + 1, (unsigned long)v, r);
}

/* One call of C with argument ARG replaced by bad value V. */
static void
one_bad_call(struct utest_ctx *ut, struct stage *st, struct tally *t,
    const struct call *c, int arg, uint32_t v)
{
	long args[6] = { 0, 0, 0, 0, 0, 0 };
	int k;

	set_stage(st, c);
	for (k = 0; k < c->nargs; k++)
		args[k] = good_value(st, c->good[k]);
	args[arg] = bad_value(v);
	count(ut, t, c->name, arg, args[arg], raw_syscall(c->nr, args));
	if (c->nr == SYS_wait4 && st->child > 0)
		waitpid(st->child, NULL, 0);	/* if the bad call did not */
	if (c->nr == SYS_read && st->fds[0] >= 0)
		while (raw_syscall(SYS_read, (long[6]){ st->fds[0],
		    (long)(uintptr_t)st->buf, 4096, 0, 0, 0 }) == 4096)
			continue;		/* empty the pipe again */
}

/* Every call of the table with every bad value of every argument. */
static void
all_bad_calls(struct utest_ctx *ut, struct stage *st, struct tally *t)
{
	const uint32_t *bad;
	unsigned c;
	int arg, n, i;

	for (c = 0; c < sizeof(calls) / sizeof(calls[0]); c++)
		for (arg = 0; arg < calls[c].nargs; arg++) {
			if (!can_make(st, &calls[c], arg))
				continue;
			bad = bad_values(calls[c].kind[arg], &n);
			for (i = 0; i < n; i++)
				if (!valid_anyway(&calls[c], arg, bad[i]))
					one_bad_call(ut, st, t, &calls[c], arg,
					    bad[i]);
		}
}

/* sbrk by huge amounts, and poweroff from a process that is not init. */
static void
other_bad_calls(struct utest_ctx *ut, struct tally *t)
{
	static const long amounts[] = { 0x7fffffff, 0x7ffff000,
	    -0x7ffff000, INT_MIN };
	long args[6] = { 0, 0, 0, 0, 0, 0 };
	int i;

	for (i = 0; i < NELEM(amounts); i++) {
		args[0] = amounts[i];
		count(ut, t, "sbrk", 0, args[0], raw_syscall(SYS_sbrk, args));
	}
	if (getpid() != 1)
		for (i = 0; i < 3; i++) {
			args[0] = i;
			count(ut, t, "poweroff", 0, i,
			    raw_syscall(SYS_poweroff, args));
		}
}

/* Numbers that are no system call: each must be ENOSYS. */
static void
bad_numbers(struct utest_ctx *ut, struct tally *t)
{
	static const long numbers[] = { 0, 100, 255, 256, 1000, 0x7fffffff,
	    -1, INT_MIN };
	long args[6] = { 0, 0, 0, 0, 0, 0 }, r;
	int i;

	for (i = 0; i < NELEM(numbers); i++) {
		r = raw_syscall(numbers[i], args);
		count(ut, t, "(no call)", 0, numbers[i], r);
		if (r != -ENOSYS)
			ut_fail(ut, __FILE__, __LINE__, "system call %ld "
			    "returned %ld, not -ENOSYS", numbers[i], r);
	}
}
/* In a child: execve with bad arguments; exit 42 if all failed. */
static int
bad_execs(void *arg)
{
	static char *bad_vec[2];
	long args[6] = { 0, 0, 0, 0, 0, 0 };
	int a, i, all_failed = 1;

	(void)arg;
	for (a = 0; a < 5; a++)
		for (i = 0; i < NELEM(bad_in); i++) {
			if (a > 0 && bad_in[i] == 0)
				continue;	/* a NULL vector is empty */
			args[0] = (long)(uintptr_t)"/bin/true";
			args[1] = args[2] = (long)(uintptr_t)vec;
			if (a < 3) {
				args[a] = bad_value(bad_in[i]);
			} else {
				bad_vec[0] = (char *)(uintptr_t)
				    bad_value(bad_in[i]);
				bad_vec[1] = NULL;
				args[a - 2] = (long)(uintptr_t)bad_vec;
			}
			if (!is_error(raw_syscall(SYS_execve, args)))
				all_failed = 0;
		}
	return all_failed ? 42 : 1;
}

/* In a child: sigreturn with bad pointers; exit 42 if it got here. */
static int
bad_sigreturns(void *arg)
{
	long args[6] = { 0, 0, 0, 0, 0, 0 };
	int i;

	(void)arg;
	for (i = 0; i < NELEM(bad_in); i++) {
		args[0] = bad_value(bad_in[i]);
		raw_syscall(SYS_sigreturn, args);
	}
	return 42;
}

/* A child that becomes /bin/true. */
static int
exec_true(void *arg)
{
	char *argv[] = { "true", NULL };

	(void)arg;
	execve("/bin/true", argv, environ);
	return 127;
}

/* One pass of every bad call, counted into T. */
static void
one_pass(struct utest_ctx *ut, struct stage *st, struct tally *t)
{
	int status;

	all_bad_calls(ut, st, t);
	other_bad_calls(ut, t);
	bad_numbers(ut, t);
	status = ut_wait(ut_spawn(bad_execs, NULL));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		ut_fail(ut, __FILE__, __LINE__, "execve with bad arguments: "
		    "the child's status is 0x%x, not exit 42", status);
	t->calls += 5 * NELEM(bad_in) - 4;
	status = ut_wait(ut_spawn(bad_sigreturns, NULL));
	if (!WIFSIGNALED(status) &&
	    !(WIFEXITED(status) && WEXITSTATUS(status) == 42))
		ut_fail(ut, __FILE__, __LINE__, "sigreturn with bad "
		    "pointers: the child's status is 0x%x", status);
	t->calls += NELEM(bad_in);
}

/* Print the tally: how many calls, and how many ended with each error. */
static void
print_tally(const struct tally *t)
{
	int e;

	printf("badcall: %u calls, %u not refused; by error:", t->calls,
	    t->accepted);
	for (e = 1; e < 128; e++)
		if (t->by_error[e] != 0)
			printf(" %d=%u", e, t->by_error[e]);
	if (t->by_error[0] != 0)
		printf(" other=%u", t->by_error[0]);
	printf("\n");
	fflush(stdout);
}

UTEST(bad_input_gets_errors_and_leaves_the_kernel_well)
{
	struct stage st = { page, { -1, -1 }, -1, -1 };
	static struct tally t;		/* the second pass's */
	char *top = sbrk(0);
	unsigned pages, after;
	int procs, fds[2], warm;

	sbrk((int)((4096 - (uintptr_t)top % 4096) % 4096)); /* a page edge */
	if (pipe(st.fds) != 0)
		st.fds[0] = st.fds[1] = -1;		/* no pipes yet */
	st.port = port_create();
	if (st.port < 0)
		st.port = -1;
	pages = ut_free_pages();
	for (warm = 0; warm < 6; warm++) {	/* until a pass costs nothing */
		one_pass(ut, &st, &t);
		if (ut_free_pages_settled(pages) == pages)
			break;
		pages = ut_free_pages();
	}
	procs = ut_group_procs();
	pages = ut_free_pages();
	memset(&t, 0, sizeof(t));
	one_pass(ut, &st, &t);		/* again: must cost nothing */
	after = ut_free_pages_settled(pages);	/* before printing anything */
	print_tally(&t);
	UT_ASSERT(t.calls >= 500);	/* in one pass */
	UT_EXPECT_EQ(0, t.accepted);

	/* health: nothing leaked, and the ordinary calls work */
	UT_EXPECT_EQ(procs, ut_group_procs());
	UT_EXPECT_EQ(pages, after);
	if (st.fds[0] >= 0) {
		close(st.fds[0]);
		close(st.fds[1]);
	}
	if (st.port >= 0)
		port_close(st.port);
	if (pipe(fds) == 0) {
		UT_EXPECT_EQ(3, fds[0]);		/* no descriptor leaked */
		UT_EXPECT_EQ(4, fds[1]);
		close(fds[0]);
		close(fds[1]);
	}
	UT_EXPECT_EQ(0, ut_wait(ut_spawn(exec_true, NULL)));
}
