/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The shell: a parsed line, and the parts that run it.
 */
#ifndef NAIAD_USER_SH_H
#define NAIAD_USER_SH_H

/** The longest line the shell reads, its newline included. */
#define SH_LINE_MAX	1024
/** Words in one command, its name included. */
#define SH_ARGS_MAX	32
/** Commands in one line, over all its pipelines. */
#define SH_CMDS_MAX	16

/** One command: its words, NULL-terminated as execve wants them. */
struct sh_cmd {
	int	argc;				/**< words */
	char	*argv[SH_ARGS_MAX + 1];		/**< the words, then NULL */
	const char *in;				/**< < FILE, or NULL */
	const char *out;			/**< > or >> FILE, or NULL */
	int	append;				/**< out was given by >> */
};

/** Commands joined by |, run in the foreground or (with &) not. */
struct sh_pipeline {
	struct sh_cmd *cmds;	/**< its first command, in the line's table */
	int	ncmds;		/**< how many */
	int	background;	/**< ended with & */
};

/** A parsed line: its pipelines, their commands, the words. */
struct sh_line {
	struct sh_pipeline pipes[SH_CMDS_MAX];	/**< in the order typed */
	int	npipes;				/**< how many */
	struct sh_cmd cmds[SH_CMDS_MAX];	/**< every command of the line */
	int	ncmds;				/**< how many */
	char	words[2 * SH_LINE_MAX];		/**< the words, unquoted */
	const char *error;			/**< why the line was refused */
};

/**
 * \brief Parse \a text (one line) into \a line.
 * \return 0, or -1 with line->error saying what is wrong.
 */
int sh_parse(const char *text, struct sh_line *line);

/** \brief Run every pipeline of \a line; the status of the last one. */
int sh_run_line(struct sh_line *line);
/** \brief Parse and run \a text (a line); its status (2: refused). */
int sh_run_text(const char *text);
/**
 * \brief In a child about to become \a cmd: open its redirections'
 * files onto 0 and 1.  \return 0, or -1 (said on stderr).
 */
int sh_redirect(const struct sh_cmd *cmd);
/**
 * \brief Run the script \a path, line by line; with \a errexit, stop at
 * the first command that fails.  \return the last status.
 */
int sh_script(const char *path, int errexit);
/**
 * Whether pipelines get process groups and the console (an interactive
 * shell), or simply run in the shell's group (sh -c).
 */
extern int sh_job_control;
/**
 * \brief Note that process \a pid ended with \a status, if it belongs to
 * a background job.
 */
void sh_job_note_exit(int pid, int status);
/** \brief Record a started background pipeline; its job number or 0. */
int sh_job_add(int pgid, const int *pids, int n, const char *text);
/** \brief Collect ended children without waiting; report finished jobs. */
void sh_jobs_reap(void);
/** \brief List the jobs still running (the jobs command). */
void sh_jobs_list(void);
/** \brief Wait until every background job has ended (the wait command). */
void sh_jobs_wait(void);
/** \brief The words of \a pl as one line of text, into \a buf. */
void sh_pipeline_text(const struct sh_pipeline *pl, char *buf, int size);

#endif /* !NAIAD_USER_SH_H */
