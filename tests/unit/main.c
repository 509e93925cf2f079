/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The CUnit runner for the host tests: every suite's add_*_suite
 * function is listed here, in the order the book introduces the code,
 * with the lab hole (a chunk a lab's starter replaces by a stand-in)
 * whose code the suite tests, if any.
 *
 *	build/unit/run_tests [HOLES]
 *
 * HOLES is the list tools/lab-holes writes (`make unit` does): a suite
 * whose hole still holds its stub is skipped, its tests named, since the
 * stand-in is not meant to pass them (or even to survive them: the run
 * queue's stand-in stores through a null pointer).  Each suite runs in a
 * child process, so that a crash (a sanitizer's report, a signal) fails
 * that suite's tests and the summary is still printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <CUnit/TestRun.h>

#include "suites.h"

/* The host stand-in of critical sections counts here (host/kern/thread2.h). */
__thread int host_critcount;

/* The holes of the ata lab that the PIO suite needs. */
#define ATA_PIO_HOLES	"issue an ATA command|move the data of a PIO interrupt"
/* ... and the ATAPI suite. */
#define ATAPI_HOLES	"send an ATAPI packet|move the data of an ATAPI interrupt"

/* The holes of the msgport lab, all of which its suite needs. */
#define MSGPORT_HOLES	"a request arrives at a thread port|" \
			"a reply arrives at a thread port|" \
			"send a request or a reply to the owner's CPU|" \
			"wait on a thread port|" \
			"abort a message at a thread port"

static const struct {
	int (*add)(void);
	/* the chunk of a lab hole it tests, or NULL; "a|b": all of these */
	const char *hole;
} suites[] = {
	{ add_kprintf_suite, "print a number" },
	{ add_kstring_suite, NULL },
	{ add_ksyms_suite, NULL },
	{ add_cmdline_suite, NULL },
	{ add_ktest_suite, NULL },
	{ add_monitor_suite, NULL },
	{ add_spinlock_suite, NULL },
	{ add_vm_page_suite, NULL },
	{ add_kmalloc_suite, NULL },
	/* Their messages hold numbers, printed by kvcprintf. */
	{ add_acpi_suite, "print a number" },
	{ add_mptable_suite, "print a number" },
	{ add_apic_suite, NULL },
	{ add_runq_suite, "put a thread on its run queue and take it off" },
	{ add_ipififo_suite, "get a message from a FIFO" },
	{ add_msgbuf_suite, NULL },
	{ add_watchdog_suite, NULL },
	{ add_vm_map_suite, NULL },
	{ add_archive_suite, NULL },
	{ add_elf_suite, NULL },
	{ add_exec_stack_suite, NULL },
	{ add_signal_suite, NULL },
	{ add_callout_suite, NULL },
	{ add_msgport_suite, MSGPORT_HOLES },
	{ add_usched_queue_suite, NULL },
	{ add_usched_priority_suite, "the priority of a process" },
	{ add_usched_slice_suite, "decide whether a slice is over" },
	{ add_usched_where_suite, "where a process runs" },
	{ add_fdtable_suite, NULL },
	{ add_ring_suite, NULL },
	{ add_ldisc_suite, NULL },
	{ add_path_suite, NULL },
	{ add_devname_suite, NULL },
	{ add_buf_policy_suite, NULL },
	{ add_varsym_suite, NULL },
	/* The user C library's formatting is kvcprintf's. */
	{ add_ulib_string_suite, "print a number" },
	{ add_ulib_malloc_suite, NULL },
	{ add_ulib_stdio_suite, "print a number" },
	{ add_sh_parse_suite, NULL },
	{ add_wc_count_suite, NULL },
	/* The utilities' pure parts (book/53-utilities.nw). */
	{ add_ulib_getopt_suite, NULL },
	{ add_ulib_strerror_suite, NULL },
	{ add_ls_mode_suite, NULL },
	{ add_grep_match_suite, NULL },
	/* ext2, on images made by mke2fs (book/47-ext2.nw). */
	{ add_ext2_format_suite, NULL },
	{ add_ext2_read_suite, NULL },
	{ add_ext2_write_suite, NULL },
	{ add_ext2_names_suite, NULL },
	{ add_ext2_corrupt_suite, NULL },
	{ add_ext2_fuzz_suite, NULL },
	/* ISO 9660, on images made by xorriso (book/52-cd9660.nw). */
	{ add_cd9660_suite, NULL },
	{ add_pci_suite, NULL },
	{ add_ata_suite, ATA_PIO_HOLES },
	{ add_atapi_suite, ATAPI_HOLES },
	{ add_ata_dma_suite, NULL },
};
#define NSUITES	(sizeof(suites) / sizeof(suites[0]))

/* Lab holes and whether each still holds its stub (from HOLES). */
#define MAXHOLES	64
static char hole_name[MAXHOLES][128];
static int hole_stub[MAXHOLES];
static int nholes = -1;		/* -1: no list given, run everything */

static int
read_holes(const char *path)
{
	char line[256], *tab;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		fprintf(stderr, "unit: %s: %s\n", path, strerror(errno));
		return -1;
	}
	nholes = 0;
	while (fgets(line, sizeof(line), f) != NULL && nholes < MAXHOLES) {
		line[strcspn(line, "\n")] = '\0';
		tab = strchr(line, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		snprintf(hole_name[nholes], sizeof(hole_name[0]), "%s",
		    tab + 1);
		hole_stub[nholes++] = strcmp(line, "stub") == 0;
	}
	fclose(f);
	return 0;
}

/* 1: HOLE still holds its stub; 0: written; -1: no lab has it.  HOLE
 * may be several names separated by '|': a stub if any one is. */
static int
hole_is_stub(const char *hole)
{
	const char *end;
	size_t len;
	int i, found, stub = 0;

	for (;;) {
		end = strchr(hole, '|');
		len = end != NULL ? (size_t)(end - hole) : strlen(hole);
		found = 0;
		for (i = 0; i < nholes; i++)
			if (strlen(hole_name[i]) == len &&
			    strncmp(hole_name[i], hole, len) == 0) {
				found = 1;
				stub |= hole_stub[i];
			}
		if (!found)
			return -1;
		if (end == NULL)
			return stub;
		hole = end + 1;
	}
}

/* One line per test, and one per failed assertion with its place. */
static void
test_done(const CU_pTest test, const CU_pSuite suite,
    const CU_pFailureRecord failure)
{
	CU_pFailureRecord f;

	(void)suite;
	printf("  Test: %s ...%s\n", test->pName,
	    failure == NULL ? "passed" : "FAILED");
	for (f = failure; f != NULL; f = f->pNext)
		printf("    %s:%u: %s\n", f->strFileName, f->uiLineNumber,
		    f->strCondition);
}

/*
 * Run SUITE in a child; add its counts to *RUN and *FAILED.  A child
 * that dies before reporting fails every test of the suite.
 */
static void
run_isolated(CU_pSuite suite, unsigned *run, unsigned *failed)
{
	unsigned counts[2] = { 0, 0 };
	int fds[2], status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		perror("unit: fork");
		*run += suite->uiNumberOfTests;
		*failed += suite->uiNumberOfTests;
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		printf("Suite: %s\n", suite->pName);
		CU_set_test_complete_handler(test_done);
		CU_run_suite(suite);
		counts[0] = CU_get_number_of_tests_run();
		counts[1] = CU_get_number_of_tests_failed();
		fflush(stdout);
		if (write(fds[1], counts, sizeof(counts)) != sizeof(counts))
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], counts, sizeof(counts)) != sizeof(counts)) {
		waitpid(pid, &status, 0);
		printf("\nunit: suite %s crashed (%s %d) before it finished: "
		    "its %u tests count as failed\n", suite->pName,
		    WIFSIGNALED(status) ? "signal" : "exit status",
		    WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status), suite->uiNumberOfTests);
		counts[0] = counts[1] = suite->uiNumberOfTests;
	} else
		waitpid(pid, &status, 0);
	close(fds[0]);
	*run += counts[0];
	*failed += counts[1];
}

int
main(int argc, char **argv)
{
	CU_pSuite suite, last = NULL;
	CU_pTest test;
	unsigned i, run = 0, failed = 0, skipped = 0, bad = 0;
	int stub;

	/* Whole lines, so a child's crash report never splits one. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && read_holes(argv[1]) != 0)
		return 2;
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; i < NSUITES; i++) {
		if (suites[i].add() != 0) {
			fprintf(stderr, "unit: cannot register suite %u: %s\n",
			    i, CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
		/* The suite just added is the registry's last. */
		for (suite = last ? last : CU_get_registry()->pSuite;
		    suite->pNext != NULL; suite = suite->pNext)
			;
		last = suite;
		stub = suites[i].hole == NULL || nholes < 0 ? 0 :
		    hole_is_stub(suites[i].hole);
		if (stub < 0) {
			printf("unit: suite %s names lab hole <<%s>>, which no "
			    "labs/*/lab.toml has\n", suite->pName,
			    suites[i].hole);
			bad++;
		} else if (stub) {
			for (test = suite->pTest; test != NULL;
			    test = test->pNext, skipped++)
				printf("skipped: %s/%s: depends on lab hole "
				    "<<%s>>, not yet written\n", suite->pName,
				    test->pName, suites[i].hole);
		} else
			run_isolated(suite, &run, &failed);
	}
	printf("\nunit: %u passed, %u failed", run - failed, failed + bad);
	if (skipped)
		printf(", %u skipped (lab holes not yet written)", skipped);
	printf("\n");
	CU_cleanup_registry();
	return failed + bad == 0 ? 0 : 1;
}
