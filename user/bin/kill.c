/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The signal named S ("9", "INT", "SIGINT"); -1 if there is none. */
static int
parse_signal(const char *s)
{
	char *end;
	long n;
	int sig;

	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0')
		return n > 0 && n < NSIG ? (int)n : -1;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (sig = 1; sig < NSIG; sig++)
		if (signame(sig) != NULL && strcmp(signame(sig), s) == 0)
			return sig;
	return -1;
}

/* Print every signal's number and name. */
static void
list_signals(void)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (signame(sig) != NULL)
			printf("%2d %-6s %s\n", sig, signame(sig),
			    strsignal(sig));
}

/* kill [-SIG | -s SIG] PID... | kill -l */
int
main(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, status = 0;
	char *end;
	long pid;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		list_signals();
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = parse_signal(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' &&
	    !(argv[1][1] >= '0' && argv[1][1] <= '9' && argc == 2)) {
		sig = parse_signal(argv[1] + 1);
		i = 2;
	}
	if (sig < 0 || i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID... | "
		    "kill -l\n");
		return 2;
	}
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*argv[i] == '\0' || *end != '\0') {
			fprintf(stderr, "kill: %s: not a process ID\n", argv[i]);
			status = 1;
		} else if (kill((int)pid, sig) != 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		}
	}
	return status;
}
