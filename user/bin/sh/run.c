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
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

int sh_job_control;

int sh_redirect(const struct sh_cmd *cmd) __attribute__((weak));

/* CMD's redirections onto 0 and 1: 0, or -1 when one cannot be done
 * (said on stderr).  This chapter's shell cannot open a file, so it
 * refuses; weak, so that the file system's shell replaces it. */
int
sh_redirect(const struct sh_cmd *cmd)
{
	fprintf(stderr, "sh: %s: redirection needs files, which this shell "
	    "cannot open\n", cmd->argv[0]);
	return -1;
}

/* In the child: join group PGID (0: a new one), wire IN and OUT as 0
 * and 1, close CLOSE_FD, and become CMD's program.  Never returns. */
static void
exec_command(struct sh_cmd *cmd, int pgid, int foreground, int in, int out,
    int close_fd)
{
	char path[128];

	if (sh_job_control) {
		setpgid(0, pgid);
		if (foreground)
			tcsetpgrp(0, pgid != 0 ? pgid : getpid());
	}
	if (close_fd >= 0)
		close(close_fd);
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if ((cmd->in != NULL || cmd->out != NULL) && sh_redirect(cmd) != 0)
		_exit(1);			/* it said why; not run */
	if (strchr(cmd->argv[0], '/') != NULL)
		strlcpy(path, cmd->argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/bin/%s", cmd->argv[0]);
	execve(path, cmd->argv, environ);
	fprintf(stderr, "sh: %s: %s\n", cmd->argv[0],
	    errno == ENOENT ? "command not found" : strerror(errno));
	_exit(127);
}
/* Start PL's commands; their pids into PIDS.  The count started. */
static int
start_pipeline(struct sh_pipeline *pl, int *pids, int *pgid)
{
	int i, n = 0, in = 0, fds[2], pid;

	*pgid = 0;
	for (i = 0; i < pl->ncmds; i++) {
		fds[0] = -1;
		fds[1] = 1;
		if (i + 1 < pl->ncmds && pipe(fds) != 0) {
			perror("sh: pipe");
			break;
		}
		fflush(stdout);
		pid = fork();
		if (pid == 0)
			exec_command(&pl->cmds[i], *pgid, !pl->background, in,
			    fds[1], fds[0]);
		if (pid < 0) {
			perror("sh: fork");
			if (fds[0] >= 0) {
				close(fds[0]);
				close(fds[1]);
			}
			break;
		}
		if (*pgid == 0)
			*pgid = pid;
		if (sh_job_control)
			setpgid(pid, *pgid);
		pids[n++] = pid;
		if (in != 0)
			close(in);
		if (fds[1] != 1)
			close(fds[1]);
		in = fds[0] >= 0 ? fds[0] : 0;
	}
	if (in != 0)
		close(in);	/* a pipe whose reader never started */
	return n;
}
/* Collect the N processes of PIDS; the status of the last one. */
static int
wait_pipeline(const int *pids, int n)
{
	int left = n, status, last = 0, pid, i;

	while (left > 0) {
		pid = wait4(-1, &status, 0, NULL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			perror("sh: wait");
			break;
		}
		for (i = 0; i < n && pids[i] != pid; i++)
			continue;
		if (i == n) {
			sh_job_note_exit(pid, status);	/* a background one */
			continue;
		}
		left--;
		if (i == n - 1)
			last = status;
	}
	return last;
}

/* Say how a foreground job ended, when a signal other than ^C did it. */
static void
report_signal(int status)
{
	int sig;

	if (!WIFSIGNALED(status))
		return;
	sig = WTERMSIG(status);
	if (sig != SIGINT && sig != SIGPIPE)
		fprintf(stderr, "%s\n", strsignal(sig));
}
/* The status of the last pipeline, for exit without a number. */
static int last_status;

/* If PL is a built-in command, run it and return 1; else 0. */
static int
sh_builtin(struct sh_pipeline *pl)
{
	struct sh_cmd *cmd = &pl->cmds[0];

	if (pl->ncmds != 1 || pl->background)
		return 0;
	if (strcmp(cmd->argv[0], "exit") == 0) {
		exit(cmd->argc > 1 ? atoi(cmd->argv[1]) : last_status);
	} else if (strcmp(cmd->argv[0], "wait") == 0) {
		sh_jobs_wait();
	} else if (strcmp(cmd->argv[0], "jobs") == 0) {
		sh_jobs_list();
	} else {
		return 0;
	}
	last_status = 0;
	return 1;
}
/* The exit status a shell reports for a wait status. */
static int
shell_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

/* Run PL: started, then waited for or recorded as a job. */
static int
run_pipeline(struct sh_pipeline *pl)
{
	int pids[SH_CMDS_MAX], pgid, n, status, job;
	char text[80];

	n = start_pipeline(pl, pids, &pgid);
	if (n == 0)
		return 1;
	if (pl->background) {
		sh_pipeline_text(pl, text, sizeof(text));
		job = sh_job_add(pgid, pids, n, text);
		if (job > 0)
			printf("[%d] %d\n", job, pgid);
		return 0;
	}
	status = wait_pipeline(pids, n);
	if (sh_job_control)
		tcsetpgrp(0, getpgid(0));	/* the console is the shell's */
	report_signal(status);
	return shell_status(status);
}

/* Run every pipeline of LINE in turn. */
int
sh_run_line(struct sh_line *line)
{
	int i;

	for (i = 0; i < line->npipes; i++)
		if (!sh_builtin(&line->pipes[i]))
			last_status = run_pipeline(&line->pipes[i]);
	return last_status;
}
