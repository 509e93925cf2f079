/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The records system calls copy in and out (book/28-syscall.nw), as
 * the kernel declares them.
 */
#ifndef _SYS_RECORDS_H_
#define _SYS_RECORDS_H_

#include <sys/types.h>

/** What getprocs tells about one process. */
struct procinfo {
	int	pi_pid;		/**< its pid */
	int	pi_ppid;	/**< its parent's */
	int	pi_pgid;	/**< its process group */
	int	pi_state;	/**< 1 running, 2 zombie */
	int	pi_cpu;		/**< the CPU of its thread, or -1 */
	int	pi_pages;	/**< user pages it maps */
	char	pi_name[16];	/**< its name */
		int	pi_ticks;	/**< ticks it has run (user scheduler) */
		int	pi_run;		/**< 1 on a CPU, 2 waiting for one, 0 neither */
};
/** A time: seconds and nanoseconds. */
struct timespec {
	int32_t	tv_sec;		/**< seconds */
	int32_t	tv_nsec;	/**< and nanoseconds, 0 to 999999999 */
};

#define CLOCK_REALTIME	0	/**< clock_gettime: since boot, for now */
#define CLOCK_MONOTONIC	1	/**< clock_gettime: since boot */
/** The kernel test parameters, for user test programs. */
struct ktest_info {
	char		ki_token[40];	/**< token=, or "none" */
	uint32_t	ki_seed;	/**< seed= */
	char		ki_test[64];	/**< test=, or "" */
	int32_t		ki_kernel_passed; /**< kernel tests of this boot passed */
	int32_t		ki_kernel_failed; /**< ... and failed */
};
/** A system call started with sendsys and collected with waitsys. */
struct usysmsg {
	int32_t		um_number;	/**< the call: SYS_* */
	uint32_t	um_args[6];	/**< its arguments, in order */
	int32_t		um_result;	/**< when done: its result, or -errno */
	int32_t		um_done;	/**< 1 once the result is in */
};

#define WAITSYS_POLL	0x0001	/**< waitsys: do not wait */

#endif
