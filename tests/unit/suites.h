/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * One add_*_suite function per tests/unit/test_*.c file.
 */
#ifndef NAIAD_TESTS_UNIT_SUITES_H
#define NAIAD_TESTS_UNIT_SUITES_H

int add_kprintf_suite(void);
int add_kstring_suite(void);
int add_ksyms_suite(void);
int add_cmdline_suite(void);
int add_ktest_suite(void);
int add_monitor_suite(void);
int add_vm_page_suite(void);
int add_kmalloc_suite(void);
int add_spinlock_suite(void);
int add_acpi_suite(void);
int add_mptable_suite(void);
int add_apic_suite(void);
int add_runq_suite(void);
int add_ipififo_suite(void);
int add_msgbuf_suite(void);
int add_watchdog_suite(void);
int add_vm_map_suite(void);
int add_archive_suite(void);
int add_elf_suite(void);
int add_exec_stack_suite(void);
int add_signal_suite(void);
int add_callout_suite(void);
int add_msgport_suite(void);
int add_ulib_string_suite(void);
int add_ulib_malloc_suite(void);
int add_ulib_stdio_suite(void);
int add_sh_parse_suite(void);
int add_wc_count_suite(void);
int add_ulib_getopt_suite(void);
int add_ulib_strerror_suite(void);
int add_ls_mode_suite(void);
int add_grep_match_suite(void);
int add_fdtable_suite(void);
int add_ring_suite(void);
int add_ldisc_suite(void);
int add_path_suite(void);
int add_usched_queue_suite(void);
int add_usched_priority_suite(void);
int add_usched_slice_suite(void);
int add_usched_where_suite(void);
int add_devname_suite(void);
int add_ext2_format_suite(void);
int add_ext2_read_suite(void);
int add_ext2_write_suite(void);
int add_ext2_names_suite(void);
int add_ext2_corrupt_suite(void);
int add_ext2_fuzz_suite(void);
int add_cd9660_suite(void);
int add_pci_suite(void);
int add_ata_suite(void);
int add_atapi_suite(void);
int add_ata_dma_suite(void);
int add_buf_policy_suite(void);
int add_varsym_suite(void);

/* Register the tests of one suite; a NULL-terminated table per suite. */
struct unit_test {
	const char *name;
	void (*fn)(void);
};

int add_suite(const char *name, const struct unit_test *tests);

#endif
