/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Ports for processes (book/33-uport.nw), between processes: the test
 * starts tests/user/uport.c with proc_spawn, waits for it as process 0
 * and checks its exit status (0 when its own checks passed); then, on
 * a second run, that its processes, ports, threads and free pages are
 * all back (counted after the first run, once the kernel heap has what
 * the first one made it keep).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/exec.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "kern/uport.h"
#include "vm/vm_page.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"

/* Own ports, a server and clients, the owner's rules, close, exit. */
KTEST(uport_between_processes)
{
	static char *argv[] = { "uport", NULL };
	char name[ARCHIVE_PATHMAX];
	struct archive_file af;
	int procs = proc_count(), ports = uport_count(), threads;
	unsigned pages;

	if (bootarchive_lookup("/test/uport", &af, name) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "no /test/uport: boot "
		    "with the archive (build/initrd.tar)");
		return;
	}
	KT_EXPECT_EQ(0, kt_run_program("/test/uport", argv, NULL));
	kt_wait_procs(procs);
	KT_EXPECT_EQ(ports, uport_count());
	threads = lwkt_threads_allocated();
	pages = vm_page_count_free();
	KT_EXPECT_EQ(0, kt_run_program("/test/uport", argv, NULL));
	kt_wait_procs(procs);
	kt_wait_threads_freed(threads);
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(ports, uport_count());
	KT_EXPECT_EQ(pages, vm_page_count_free());
}
