/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Boot steps: SYSINIT registers a function that kernel_main runs
 * at boot, in the order of its subsystem and its order within it.
 */
#ifndef NAIAD_KERN_SYSINIT_H
#define NAIAD_KERN_SYSINIT_H

/**
 * The parts of the boot, earliest first.  Each chapter adds the value
 * of its own subsystem to this list; the values say the order.
 */
enum sysinit_sub_id {
	SI_SUB_DUMMY		= 0x0000000,	/**< never used: the start */
	SI_BOOT1_CONSOLE	= 0x0100000,	/**< console, banner: book/03-console.nw */
	SI_BOOT1_CMDLINE	= 0x0200000,	/**< the command line: book/04-cmdline.nw */
	SI_BOOT1_TRAPS		= 0x0300000,	/**< GDT, IDT, loader check: book/06-traps.nw */
	SI_SUB_RUN		= 0xf000000,	/**< bench, test or monitor: book/07-ktest.nw */
	SI_BOOT2_CPU		= 0x1000000,	/**< CPU 0's globaldata: book/10-globaldata.nw */
	SI_BOOT2_VM		= 0x1200000,	/**< memory, paging, the heap: book/11-memory.nw */
	SI_BOOT2_MACHINE	= 0x1100000,	/**< the machine's tables: book/12-acpi.nw */
	SI_BOOT2_INTR		= 0x1400000,	/**< interrupts, the clock: book/13-apic.nw */
	SI_BOOT2_SMP		= 0x1500000,	/**< the other CPUs: book/14-smp.nw */
	SI_SUB_KTR		= 0x2000000,	/**< the trace, if ktr=1: book/15-ktr.nw */
	SI_BOOT2_IPI		= 0x1280000,	/**< IPI messages: book/16-ipi.nw */
	SI_BOOT2_LWKT		= 0x1300000,	/**< threads: book/17-lwkt.nw */
	SI_SUB_WATCHDOG		= 0x2100000,	/**< the watchdog: book/20-watchdog.nw */
	SI_SUB_CALLOUT		= 0x2200000,	/**< callouts: book/21-callout.nw */
	SI_SUB_VMSPACE		= 0x2300000,	/**< user address spaces: book/23-vmspace.nw */
	SI_SUB_USERMODE		= 0x2400000,	/**< ring 3, the TSS, int 0x80: book/24-usermode.nw */
	SI_SUB_COPYIO		= 0x2500000,	/**< copyin, copyout: book/25-copyio.nw */
	SI_SUB_PROC		= 0x2600000,	/**< processes: book/26-proc.nw */
	SI_SUB_EXEC		= 0x2700000,	/**< the boot archive: book/27-exec.nw */
	SI_SUB_SYSCALL		= 0x2800000,	/**< the system call table: book/28-syscall.nw */
	SI_SUB_SIGNAL		= 0x2900000,	/**< signals: book/29-signal.nw */
	SI_SUB_USCHED		= 0x3000000,	/**< the user scheduler: book/30-usched.nw */
	SI_SUB_FILE		= 0x3100000,	/**< files, descriptors, pipes: book/31-file.nw */
	SI_SUB_TTY		= 0x3200000,	/**< the console terminal: book/32-tty.nw */
	SI_SUB_UPORT		= 0x3300000,	/**< ports for processes: book/33-uport.nw */
	SI_SUB_USERTESTS	= 0x3600000,	/**< user benchmarks: book/36-usertests.nw */
	SI_SUB_DEVICE		= 0x3700000,	/**< devices as messages: book/37-device.nw */
	SI_SUB_PCI		= 0x3800000,	/**< the PCI bus: book/38-pci.nw */
	SI_SUB_ATA		= 0x3900000,	/**< the ATA driver: book/39-ata.nw */
	SI_SUB_ATA_RUN		= 0xe000000,	/**< its threads: book/39-ata.nw */
	SI_SUB_BUF		= 0x4200000,	/**< the buffer cache: book/42-buf.nw */
	SI_SUB_VFS		= 0x4300000,	/**< the VFS: book/43-vfs.nw */
	SI_SUB_MEMFS		= 0x4310000,	/**< memfs: book/44-memfs.nw */
	SI_SUB_NAMEI		= 0x4400000,	/**< path lookup: book/45-namei.nw */
	SI_SUB_VFS_ROOT		= 0x4f00000,	/**< the root is mounted: book/45-namei.nw */
	SI_SUB_VARSYM		= 0x4500000,	/**< variant symlinks: book/46-varsym.nw */
	SI_SUB_DEVFS		= 0x4800000,	/**< devfs: book/48-devfs.nw */
	SI_SUB_BOOTFS		= 0x4810000,	/**< bootfs: book/49-bootfs.nw */
	SI_SUB_EXT2		= 0x4700000,	/**< ext2 in the VFS: book/51-ext2-vfs.nw */
	SI_SUB_CD9660		= 0x4820000,	/**< cd9660: book/52-cd9660.nw */
	SI_SUB_VNFILE		= 0x5400000,	/**< console and pipes as vnodes: book/54-vnfile.nw */
	SI_SUB_LAST		= 0xfffffff	/**< never used: the end */
};

/** The order of the steps of one subsystem. */
enum sysinit_elem_order {
	SI_ORDER_FIRST		= 0x0000000,	/**< first */
	SI_ORDER_SECOND		= 0x0000001,	/**< second */
	SI_ORDER_THIRD		= 0x0000002,	/**< third */
	SI_ORDER_MIDDLE		= 0x1000000,	/**< somewhere in the middle */
	SI_ORDER_ANY		= 0xfffffff	/**< last */
};

/** One boot step, as SYSINIT records it in the section sysinit_set. */
struct sysinit {
	unsigned int	subsystem;	/**< enum sysinit_sub_id */
	unsigned int	order;		/**< enum sysinit_elem_order */
	void		(*func)(void *arg); /**< the step */
	void		*arg;		/**< its argument */
	const char	*name;		/**< the uniquifier, for messages */
};

/**
 * Register func(arg) as a boot step of \a subsystem at \a order;
 * \a uniquifier names it (a C identifier unique in the kernel).
 */
#define SYSINIT(uniquifier, subsystem, order, func, arg)		\
	static const struct sysinit sysinit_##uniquifier		\
	    __attribute__((used, section("sysinit_set"), aligned(4))) = \
	    { (subsystem), (order), (func), (arg), #uniquifier }

#endif /* !NAIAD_KERN_SYSINIT_H */
