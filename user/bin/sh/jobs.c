/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define SH_JOBS_MAX	16

struct job {
	int	number;			/* 0: the slot is free */
	int	pgid;
	int	pids[SH_CMDS_MAX];	/* its processes; 0 once collected */
	int	live;			/* processes not yet collected */
	char	text[80];
};

/* The shell's jobs; only the shell's one thread touches them. */
static struct job jobs[SH_JOBS_MAX];

/* Record a background pipeline; its number, 0 when the table is full. */
int
sh_job_add(int pgid, const int *pids, int n, const char *text)
{
	struct job *j = NULL;
	int number, i, taken;

	for (number = 1; number <= SH_JOBS_MAX && j == NULL; number++) {
		taken = 0;
		for (i = 0; i < SH_JOBS_MAX; i++)
			if (jobs[i].number == number)
				taken = 1;
		for (i = 0; i < SH_JOBS_MAX && !taken && j == NULL; i++)
			if (jobs[i].number == 0)
				j = &jobs[i];
	}
	if (j == NULL) {
		fprintf(stderr, "sh: too many jobs; this one is not tracked\n");
		return 0;
	}
	j->number = number - 1;
	j->pgid = pgid;
	j->live = n;
	for (i = 0; i < SH_CMDS_MAX; i++)
		j->pids[i] = i < n ? pids[i] : 0;
	strlcpy(j->text, text, sizeof(j->text));
	return j->number;
}

/* A process ended: cross it off its job. */
void
sh_job_note_exit(int pid, int status)
{
	int i, k;

	(void)status;
	for (i = 0; i < SH_JOBS_MAX; i++)
		for (k = 0; k < SH_CMDS_MAX; k++)
			if (jobs[i].number != 0 && jobs[i].pids[k] == pid) {
				jobs[i].pids[k] = 0;
				jobs[i].live--;
				return;
			}
}

/* Print and free every job whose processes have all ended. */
static void
report_done(void)
{
	int i;

	for (i = 0; i < SH_JOBS_MAX; i++)
		if (jobs[i].number != 0 && jobs[i].live == 0) {
			printf("[%d] done  %s\n", jobs[i].number, jobs[i].text);
			jobs[i].number = 0;
		}
}

/* Collect what has ended, without blocking, and report finished jobs. */
void
sh_jobs_reap(void)
{
	int pid, status;

	while ((pid = wait4(-1, &status, WNOHANG, NULL)) > 0)
		sh_job_note_exit(pid, status);
	report_done();
}

/* Wait for every child; an interrupted wait (^C) gives up. */
void
sh_jobs_wait(void)
{
	int pid, status;

	while ((pid = wait4(-1, &status, 0, NULL)) > 0)
		sh_job_note_exit(pid, status);
	report_done();
}

/* The jobs still running. */
void
sh_jobs_list(void)
{
	int i;

	for (i = 0; i < SH_JOBS_MAX; i++)
		if (jobs[i].number != 0)
			printf("[%d] running  %s\n", jobs[i].number,
			    jobs[i].text);
}

/* PL's words, with " | " between commands, cut to fit SIZE. */
void
sh_pipeline_text(const struct sh_pipeline *pl, char *buf, int size)
{
	int c, w;

	buf[0] = '\0';
	for (c = 0; c < pl->ncmds; c++)
		for (w = 0; w < pl->cmds[c].argc; w++) {
			if (c > 0 && w == 0)
				strlcat(buf, " | ", (size_t)size);
			else if (w > 0)
				strlcat(buf, " ", (size_t)size);
			strlcat(buf, pl->cmds[c].argv[w], (size_t)size);
		}
}
