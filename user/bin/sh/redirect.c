/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The shell's redirections (book/53-utilities.nw): < FILE, > FILE and
 * >> FILE, opened in the child that becomes the command.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* Open PATH with FLAGS onto descriptor FD: 0, or -1 (said). */
static int
open_onto(const char *path, int flags, int fd)
{
	int f = open(path, flags, 0644);

	if (f < 0) {
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
	return 0;
}

/* CMD's redirections onto 0 and 1: 0, or -1 (said). */
int
sh_redirect(const struct sh_cmd *cmd)
{
	if (cmd->in != NULL && open_onto(cmd->in, O_RDONLY, 0) != 0)
		return -1;
	if (cmd->out != NULL && open_onto(cmd->out, O_WRONLY | O_CREAT |
	    (cmd->append ? O_APPEND : O_TRUNC), 1) != 0)
		return -1;
	return 0;
}
