/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "kern/cmdline.h"
#include "kern/cons.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/msgbuf.h"
#include "kern/monitor.h"
#include "kern/poweroff.h"
#include "kern/sysinit.h"

/* Read one line from the console into buf, echoing and editing it. */
static void
monitor_readline(char *buf, int size)
{
	int n = 0, c;

	for (;;) {
		c = cons_getc();
		if (c == '\r' || c == '\n') {
			cons_putc('\n');
			buf[n] = '\0';
			return;
		}
		if (c == 0x7F || c == 0x08) {
			if (n > 0) {
				n--;
				kprintf("\b \b");
			}
			continue;
		}
		if (c < ' ' || c > '~' || n == size - 1)
			continue;	/* control character, or full */
		buf[n++] = (char)c;
		cons_putc(c);
	}
}
/* ktest list | ktest run PATTERN [SEED]: the tests, from the monitor. */
static int
cmd_ktest(int argc, char **argv)
{
	if (argc == 2 && kstrcmp(argv[1], "list") == 0) {
		ktest_list();
		return 0;
	}
	if ((argc == 3 || argc == 4) && kstrcmp(argv[1], "run") == 0) {
		unsigned long seed = cmdline_seed();
		const char *p;

		if (argc == 4) {
			for (seed = 0, p = argv[3]; *p >= '0' && *p <= '9'; p++)
				seed = seed * 10 + (unsigned long)(*p - '0');
			if (*p != '\0' || p == argv[3]) {
				kprintf("ktest: seed must be a number\n");
				return 0;
			}
		}
		ktest_run(argv[2], seed, "monitor");
		return 0;
	}
	kprintf("usage: ktest list | ktest run PATTERN [SEED]\n");
	return 0;
}

MONITOR_COMMAND(ktest_list, "ktest", "ktest list", "list the kernel tests",
    cmd_ktest);
MONITOR_COMMAND(ktest_run, "ktest", "ktest run PATTERN [SEED]",
    "run the tests matching PATTERN", cmd_ktest);

/* cmdline: the words the grader cares about, as the kernel read them. */
static int
cmd_cmdline(int argc, char **argv)
{
	static const char *keys[] = { "test", "seed", "token" };
	unsigned i;

	(void)argc;
	(void)argv;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = cmdline_get(keys[i]);

		kprintf("%-6s %s\n", keys[i], v != NULL ? v : "(not set)");
	}
	return 0;
}

MONITOR_COMMAND(cmdline, "cmdline", "cmdline",
    "show the kernel command line", cmd_cmdline);

/* Print again what the console printed, one line per message, so that
 * the console lock is held a line at a time. */
static int
cmd_dmesg(int argc, char **argv)
{
	static char text[MSGBUF_SIZE + 1];
	char *line, *end;

	(void)argc;
	(void)argv;
	msgbuf_since(&kmsgbuf, msgbuf_oldest(&kmsgbuf), text, sizeof(text));
	for (line = text; *line != '\0'; line = end) {
		for (end = line; *end != '\0' && *end != '\n'; end++)
			continue;
		if (*end == '\n')
			*end++ = '\0';
		kprintf("%s\n", line);
	}
	return 0;
}

MONITOR_COMMAND(dmesg, "dmesg", "dmesg",
    "print again what the console printed", cmd_dmesg);

/* poweroff: leave the monitor, whose caller switches the machine off. */
static int
cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

MONITOR_COMMAND(poweroff, "poweroff", "poweroff", "switch the machine off",
    cmd_poweroff);
extern const struct monitor_command __start_monitor_set[];
extern const struct monitor_command __stop_monitor_set[];

/* Does command a come before b in help's list? */
static int
monitor_before(const struct monitor_command *a,
    const struct monitor_command *b)
{
	int c = kstrcmp(a->name, b->name);

	if (c == 0)
		c = kstrcmp(a->usage, b->usage);
	return c < 0 || (c == 0 && a < b);
}

/* help: every command of the set, in the order of monitor_before. */
static int
cmd_help(int argc, char **argv)
{
	const struct monitor_command *c, *next, *done = NULL;

	(void)argc;
	(void)argv;
	for (;;) {
		next = NULL;
		for (c = __start_monitor_set; c < __stop_monitor_set; c++)
			if ((done == NULL || monitor_before(done, c)) &&
			    (next == NULL || monitor_before(c, next)))
				next = c;
		if (next == NULL)
			return 0;
		kprintf("%-26s %s\n", next->usage, next->help);
		done = next;
	}
}

MONITOR_COMMAND(help, "help", "help", "list the commands", cmd_help);

/* Run the first command named argv[0]; 1 if it leaves the monitor. */
static int
monitor_execute(int argc, char **argv)
{
	const struct monitor_command *c;

	for (c = __start_monitor_set; c < __stop_monitor_set; c++)
		if (kstrcmp(argv[0], c->name) == 0)
			return c->fn(argc, argv);
	kprintf("%s: unknown command; try \"help\"\n", argv[0]);
	return 0;
}

/* Read and run commands until one leaves; the thread that booted. */
void
monitor_run(void)
{
	char line[MONITOR_LINE_MAX];
	char *words[MONITOR_MAX_WORDS];
	int n;

	kprintf("Type \"help\" for the monitor's commands.\n");
	for (;;) {
		kprintf("naiad> ");
		monitor_readline(line, sizeof(line));
		n = monitor_split(line, words, MONITOR_MAX_WORDS);
		if (n < 0)
			kprintf("too many words (at most %d)\n",
			    MONITOR_MAX_WORDS);
		else if (n > 0 && monitor_execute(n, words))
			return;
	}
}

/* The last boot step: the monitor, then power-off. */
static void
monitor_boot(void *arg)
{
	(void)arg;
	monitor_run();
	poweroff(POWEROFF_OK);
}

SYSINIT(monitor, SI_SUB_RUN, SI_ORDER_ANY, monitor_boot, NULL);
