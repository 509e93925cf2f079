/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The console terminal (book/32-tty.nw): COM1 by interrupt, its
 * interrupt thread, and the console on descriptors 0, 1 and 2 of every
 * process the kernel starts.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/lapic.h"
#include "arch/i386/trap.h"
#include "arch/i386/uart.h"
#include "arch/i386/vectors.h"
#include "kern/cons.h"
#include "kern/cons_lock.h"
#include "kern/errno.h"
#include "kern/fdtable.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/panic.h"
#include "kern/proc.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "kern/tty.h"

#define COM1_PORT	0x3F8	/* the UART of Chapter "The console" */
#define COM1_IRQ	4	/* its ISA interrupt */
#define UART_IER	1	/* interrupt enable */
#define UART_MCR	4	/* modem control */
#define IER_RDA		0x01	/* interrupt when data is available */
#define MCR_OUT2	0x08	/* the PC's gate of the UART's IRQ line */
#define MCR_DTR_RTS	0x03	/* as the console set it */
struct tty cons_tty;			/* the console terminal */
static struct thread *cons_rx_td;	/* its interrupt thread */

/* t_write of the console: to COM1 and the debug port, as kprintf. */
static void
cons_tty_write(struct tty *tp, const char *buf, size_t n)
{
	struct cons_hold hold;
	size_t i;

	(void)tp;
	cons_lock(&hold);
	for (i = 0; i < n; i++)
		cons_putc(buf[i]);
	cons_unlock(&hold);
}

static int cons_rx_polled;		/* no IRQ 4: a tick polls */

/* t_open of the console: characters come by interrupt while files are
 * open; the monitor polls otherwise.  Under t_spin. */
static void
cons_tty_open(struct tty *tp, int open)
{
	(void)tp;
	outb(COM1_PORT + UART_IER, open ? IER_RDA : 0);
	if (cons_rx_polled)
		return;
	if (open)
		ioapic_unmask(COM1_IRQ);
	else
		ioapic_mask(COM1_IRQ);
}
/* VEC_ISA_BASE + 4: quiet the UART, wake the thread. */
static void
cons_rx_intr(struct trapframe *tf)
{
	(void)tf;
	outb(COM1_PORT + UART_IER, 0);
	lapic_eoi();
	lwkt_schedule_interrupt(cons_rx_td);
}

/* The console's interrupt thread: drain the UART into the terminal,
 * enable the interrupt again (if files are open), wait for the next. */
static void
cons_rx_thread(void *arg)
{
	int c;

	(void)arg;
	for (;;) {
		while ((c = uart_getc()) >= 0)
			tty_input(&cons_tty, c);
		crit_enter();
		spin_lock(&cons_tty.t_spin);
		if (cons_tty.t_opens > 0)
			outb(COM1_PORT + UART_IER, IER_RDA);
		spin_unlock(&cons_tty.t_spin);
		lwkt_deschedule_self(curthread);
		lwkt_switch();
		crit_exit();
	}
}
/* Put FP (the caller's reference, which the table takes) on
 * descriptor FD of FDP, closing what was there: 0 or -EBADF. */
static int
kern_dup2_file(struct filedesc *fdp, struct file *fp, int fd)
{
	struct file *old;

	if (fd < 0 || fd >= NOFILE)
		return -EBADF;
	spin_lock(&fdp->fd_spin);
	old = fdt_set(&fdp->fd_table, fd, fp);
	spin_unlock(&fdp->fd_spin);
	if (old != NULL)
		fdrop(old);
	return 0;
}
/* What opens the console's file for a child of proc0, or NULL. */
static int (*cons_file_opener)(int flag, struct file **fpp);

/* Boot: children of proc0 get their console from OPENER from now on
 * (the terminal's own file when it fails). */
void
tty_set_console_opener(int (*opener)(int flag, struct file **fpp))
{
	cons_file_opener = opener;
}

/* ph_fork: a child of proc0 gets the console on 0, 1 and 2. */
static int
tty_proc_fork(struct proc *parent, struct proc *child)
{
	struct file *fp;
	int error = 0, fd;

	if (parent != &proc0)
		return 0;
	if ((cons_file_opener == NULL ||
	    cons_file_opener(FREAD | FWRITE, &fp) != 0) &&
	    (error = tty_open(&cons_tty, FREAD | FWRITE, &fp)) != 0)
		return error;
	for (fd = 0; fd < 3 && error == 0; fd++) {
		fhold(fp);
		if (kern_dup2_file(child->p_fd, fp, fd) != 0) {
			fdrop(fp);
			error = -EMFILE;
		}
	}
	fdrop(fp);
	return error;
}

static struct proc_hook tty_proc_hook = { tty_proc_fork, NULL, NULL,
    "console", NULL };
/* Tick hook (only without IRQ 4): CPU 0 polls through the thread. */
static void
cons_rx_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)tf;
	if (gd->gd_cpuid == 0 && cons_tty.t_opens > 0)
		lwkt_schedule_interrupt(cons_rx_td);
}

static struct tick_hook cons_rx_tick_hook = { cons_rx_tick,
    TICK_ORDER_MIDDLE, "console input", NULL };

/* Boot: the console terminal, its thread, its interrupt, the hook. */
static void
tty_boot(void *arg)
{
	uint64_t rte;

	(void)arg;
	tty_init(&cons_tty, "console", cons_tty_write, cons_tty_open);
	if (lwkt_create(cons_rx_thread, NULL, &cons_rx_td,
	    TDF_INTTHREAD | TDF_NOSTART, 0, "consrx") != 0)
		panic("tty: cannot create the console's thread");
	lwkt_setpri(cons_rx_td, TDPRI_INT_MED);
	trap_set_handler(VEC_ISA_BASE + COM1_IRQ, cons_rx_intr);
	outb(COM1_PORT + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
	if (ioapic_read_route(COM1_IRQ, &rte) != 0) {
		kprintf("tty: IRQ %d unavailable: the console polls at every "
		    "tick\n", COM1_IRQ);
		cons_rx_polled = 1;
		tick_hook_register(&cons_rx_tick_hook);
	}
	proc_hook_register(&tty_proc_hook);
}

SYSINIT(tty, SI_SUB_TTY, SI_ORDER_FIRST, tty_boot, NULL);
