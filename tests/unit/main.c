/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The CUnit runner for the host tests: every suite's add_*_suite
 * function is listed here, in the order the book introduces the code.
 */
#include <stdio.h>

#include <CUnit/Basic.h>

#include "suites.h"

/* The host stand-in of critical sections counts here (host/kern/thread2.h). */
__thread int host_critcount;

static int (*const suites[])(void) = {
	add_kprintf_suite,
	add_kstring_suite,
	add_ksyms_suite,
	add_cmdline_suite,
	add_ktest_suite,
	add_monitor_suite,
	add_spinlock_suite,
	add_vm_page_suite,
	add_kmalloc_suite,
	add_acpi_suite,
	add_mptable_suite,
	add_apic_suite,
	add_runq_suite,
	add_ipififo_suite,
	add_msgbuf_suite,
	add_watchdog_suite,
	add_vm_map_suite,
	add_archive_suite,
	add_elf_suite,
	add_exec_stack_suite,
	add_signal_suite,
	add_callout_suite,
	add_msgport_suite,
};

int
main(void)
{
	unsigned i, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		if (suites[i]() != 0) {
			fprintf(stderr, "unit: cannot register suite %u: %s\n",
			    i, CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_tests_failed();
	printf("\nunit: %u passed, %u failed\n",
	    CU_get_number_of_tests_run() - failed, failed);
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
}
