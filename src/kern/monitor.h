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

/** \brief Read and run commands forever (until "poweroff"). */
void monitor_run(void);

/**
 * \brief Split \a line in place into at most \a max words.
 * \return the number of words, or -1 when there are more than \a max.
 */
int monitor_split(char *line, char **words, int max);

#endif /* !NAIAD_KERN_MONITOR_H */
