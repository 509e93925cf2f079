/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Files, pipes and the terminal between processes (Chapters "Files,
 * descriptors and pipes" and "The console terminal"): each test starts
 * a program of tests/user/ with proc_spawn, waits for it as process 0,
 * and checks its exit status (0 when its own checks passed); then that
 * its processes are gone, no file is left open, and every page is back
 * (counted on a second run, once the kernel heap has what the first
 * one made it keep).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "vm/vm_page.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"

/* Run PATH twice, each to exit status 0; the second run leaves the
 * processes, files and free pages as it found them. */
static void
run_twice(struct ktest_ctx *kt, const char *path, char *const *argv)
{
	int procs = proc_count(), files;
	unsigned pages;

	if (!kt_have_program(kt, path))
		return;
	KT_EXPECT_EQ(0, kt_run_program(path, argv, NULL));
	kt_wait_procs(procs);
	kt_settle();
	files = file_count();
	pages = vm_page_count_free();
	KT_EXPECT_EQ(0, kt_run_program(path, argv, NULL));
	kt_wait_procs(procs);
	kt_settle();
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(files, file_count());
	KT_EXPECT_EQ(pages, vm_page_count_free());
}

/* Many writers in processes, EOF, EPIPE and SIGPIPE, bad descriptors. */
KTEST(fd_pipes_between_processes)
{
	static char *argv[] = { "pipe", NULL };

	run_twice(kt, "/test/pipe", argv);
}

/* The console's lines, ^D, raw mode, tcsetpgrp, typed with TIOCSTI. */
KTEST(tty_console_reads_what_is_typed)
{
	static char *argv[] = { "tty", NULL };

	run_twice(kt, "/test/tty", argv);
}

/* ^C reaches the foreground group, every process of it, and no other. */
KTEST(tty_ctrl_c_signals_the_foreground_group_only)
{
	static char *argv[] = { "tty", "sigint", NULL };

	run_twice(kt, "/test/tty", argv);
}

/* A sleep started with sendsys overlaps a pipe read; a signal ends a
 * blocked read. */
KTEST(fd_async_sleep_overlaps_pipe_read)
{
	static char *argv[] = { "asyncpipe", NULL };

	run_twice(kt, "/test/asyncpipe", argv);
}
