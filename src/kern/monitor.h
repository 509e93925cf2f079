/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel monitor: a command line on the serial console.
 */
#ifndef NAIAD_KERN_MONITOR_H
#define NAIAD_KERN_MONITOR_H

/** Longest line the monitor reads. */
#define MONITOR_LINE_MAX	128
/** Most words in one command. */
#define MONITOR_MAX_WORDS	8

/** A monitor command, placed in the section monitor_set. */
struct monitor_command {
	const char	*name;		/**< the first word that runs it */
	const char	*usage;		/**< how to call it, for help */
	const char	*help;		/**< what it does, for help */
	int		(*fn)(int argc, char **argv); /**< 1: leave the monitor */
};

/**
 * Register \a fn as the monitor command \a name; \a ident is a C
 * identifier unique in the kernel.
 */
#define MONITOR_COMMAND(ident, name, usage, help, fn)			\
	static const struct monitor_command monitor_command_##ident	\
	    __attribute__((used, section("monitor_set"), aligned(4))) =	\
	    { (name), (usage), (help), (fn) }

/** \brief Read and run commands until "poweroff". */
void monitor_run(void);

/**
 * \brief Split \a line in place into at most \a max words.
 * \return the number of words, or -1 when there are more than \a max.
 */
int monitor_split(char *line, char **words, int max);

#endif /* !NAIAD_KERN_MONITOR_H */
