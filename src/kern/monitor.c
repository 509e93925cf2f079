/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "arch/i386/machine.h"
#include "arch/i386/mp.h"
#include "kern/cmdline.h"
#include "kern/cons.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/ktr.h"
#include "kern/msgbuf.h"
#include "kern/monitor.h"
#include "kern/thread.h"
#include "vm/vm.h"

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
struct monitor_command {
	const char *name;
	const char *usage;
	const char *help;
	int (*fn)(int argc, char **argv);	/* 1: leave the monitor */
};

static int cmd_help(int argc, char **argv);

static int
cmd_ktest(int argc, char **argv)
{
	if (argc == 2 && kstrcmp(argv[1], "list") == 0) {
		ktest_list();
		return 0;
	}
	if ((argc == 3 || argc == 4) && kstrcmp(argv[1], "run") == 0) {
		unsigned long seed = 1;
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

static int
cmd_mem(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	vm_print_info();
	return 0;
}

static int
cmd_cpus(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_print(&machine);
	mp_print_cpus();
	return 0;
}

static int
cmd_threads(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	lwkt_print_threads();
	return 0;
}

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

static int
cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

static const struct monitor_command monitor_commands[] = {
	{ "help", "help", "list the commands", cmd_help },
	{ "ktest", "ktest list", "list the kernel tests", cmd_ktest },
	{ "ktest", "ktest run PATTERN [SEED]", "run the tests matching PATTERN",
	    cmd_ktest },
	{ "cmdline", "cmdline", "show the kernel command line", cmd_cmdline },
	{ "mem", "mem", "show the memory map and free pages", cmd_mem },
	{ "cpus", "cpus", "show the CPUs and interrupt controllers",
	    cmd_cpus },
	{ "threads", "threads", "list the threads of every CPU", cmd_threads },
	{ "ktr", "ktr on|off|clear|dump", "trace events, print the trace",
	    ktr_command },
	{ "dmesg", "dmesg", "print again what the console printed",
	    cmd_dmesg },
	{ "poweroff", "poweroff", "switch the machine off", cmd_poweroff },
};

#define NCOMMANDS (sizeof(monitor_commands) / sizeof(monitor_commands[0]))

static int
cmd_help(int argc, char **argv)
{
	unsigned i;

	(void)argc;
	(void)argv;
	for (i = 0; i < NCOMMANDS; i++)
		kprintf("%-26s %s\n", monitor_commands[i].usage,
		    monitor_commands[i].help);
	return 0;
}

static int
monitor_execute(int argc, char **argv)
{
	unsigned i;

	for (i = 0; i < NCOMMANDS; i++)
		if (kstrcmp(argv[0], monitor_commands[i].name) == 0)
			return monitor_commands[i].fn(argc, argv);
	kprintf("%s: unknown command; try \"help\"\n", argv[0]);
	return 0;
}

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
