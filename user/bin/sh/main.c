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
#include <unistd.h>

#include "sh.h"

/* SIGINT's handler: nothing, but the read or wait it cut returns EINTR. */
static void
on_interrupt(int sig)
{
	(void)sig;
}

/* Parse and run TEXT; the status of its last pipeline (2: refused). */
int
sh_run_text(const char *text)
{
	static struct sh_line line;

	if (sh_parse(text, &line) != 0) {
		fprintf(stderr, "sh: %s\n", line.error);
		return 2;
	}
	return sh_run_line(&line);
}

enum { LINE_END, LINE_READ, LINE_INTERRUPTED, LINE_REFUSED };

/* Read one line into BUF: LINE_READ, or why there is none. */
static int
read_line(char *buf, int size)
{
	int c;

	if (fgets(buf, size, stdin) == NULL) {
		if (ferror(stdin) && errno == EINTR) {
			clearerr(stdin);
			return LINE_INTERRUPTED;
		}
		return LINE_END;
	}
	if (strchr(buf, '\n') == NULL && (int)strlen(buf) == size - 1) {
		while ((c = getchar()) != EOF && c != '\n')
			continue;		/* the rest of the long line */
		fprintf(stderr, "sh: line too long\n");
		return LINE_REFUSED;
	}
	return LINE_READ;
}

/* The interactive loop: prompt, read, run; until ^D or exit. */
static int
interactive(void)
{
	static char buf[SH_LINE_MAX];
	struct sigaction sa;
	int status = 0, got;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sh_job_control = 1;
	setpgid(0, 0);
	tcsetpgrp(0, getpid());
	for (;;) {
		sh_jobs_reap();
		fputs("$ ", stdout);
		got = read_line(buf, sizeof(buf));
		if (got == LINE_END)
			break;
		if (got == LINE_READ)
			status = sh_run_text(buf);
	}
	putchar('\n');
	return status;
}

int sh_script(const char *path, int errexit) __attribute__((weak));

/* Run the script PATH (stopping at a failure if ERREXIT).  This
 * chapter's shell cannot open a file; weak, so that the file system's
 * shell replaces it. */
int
sh_script(const char *path, int errexit)
{
	(void)errexit;
	fprintf(stderr, "sh: %s: scripts need files, which this shell "
	    "cannot open\n", path);
	return 2;
}

/* sh, sh -c LINE, or sh [-e] FILE. */
int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		return sh_run_text(argv[2]);
	if (argc == 2 && argv[1][0] != '-')
		return sh_script(argv[1], 0);
	if (argc == 3 && strcmp(argv[1], "-e") == 0 && argv[2][0] != '-')
		return sh_script(argv[2], 1);
	if (argc != 1) {
		fprintf(stderr, "usage: sh [-c line | [-e] file]\n");
		return 2;
	}
	return interactive();
}
