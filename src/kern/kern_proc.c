/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Processes: the table and tree (under proc_token), fork, exit, wait,
 * the process hooks, the sleep of a process, kernel-started processes.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/proc.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"
#include "vm/kmalloc.h"
#include "vm/vmspace.h"

static void proc_free(struct proc *p);
static void (*proc_prev_trap_hook)(struct trapframe *tf, int sig);

struct lwkt_token proc_token = LWKT_TOKEN_INITIALIZER(proc_token);
struct proc proc0;
struct proc *initproc;
struct proclist allproc;			/* set up by proc_init */
static int nprocs;			/* in allproc, zombies included */
static int maxproc = MAXPROC_DEFAULT;
static pid_t pid_next = 1;		/* the next pid to try */
/* An unused pid; proc_token held. */
static pid_t
proc_alloc_pid(void)
{
	struct proc *p;
	pid_t pid;

	for (;;) {
		pid = pid_next++;
		if (pid_next > PID_MAX)
			pid_next = 2;
		TAILQ_FOREACH(p, &allproc, p_list)
			if (p->p_pid == pid || p->p_pgid == pid)
				break;
		if (p == NULL)
			return pid;
	}
}

/* A process of group PGID, or NULL; proc_token held. */
struct proc *
pgfind(pid_t pgid)
{
	struct proc *p;

	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pgid == pgid && p->p_stat == SACTIVE)
			return p;
	return NULL;
}

/* The process of pid PID, or NULL; proc_token held. */
struct proc *
pfind(pid_t pid)
{
	struct proc *p;

	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pid == pid)
			return p;
	return NULL;
}
static struct proc_hook *proc_hooks;

/* Boot: add H to what fork, exit and exec do, after the others. */
void
proc_hook_register(struct proc_hook *h)
{
	struct proc_hook **pp = &proc_hooks;

	while (*pp != NULL)
		pp = &(*pp)->ph_next;
	h->ph_next = NULL;
	*pp = h;
}

/* Undo the fork hooks before STOP for CHILD, last first. */
static void
proc_hooks_unfork(struct proc *child, struct proc_hook *stop)
{
	struct proc_hook *last;

	while (stop != proc_hooks) {
		for (last = proc_hooks; last->ph_next != stop;
		    last = last->ph_next)
			;
		if (last->ph_exit != NULL)
			last->ph_exit(child);
		stop = last;
	}
}

/* CHILD gets its copy of everything PARENT has; 0 or an error. */
static int
proc_hooks_fork(struct proc *parent, struct proc *child)
{
	struct proc_hook *h;
	int error;

	for (h = proc_hooks; h != NULL; h = h->ph_next) {
		if (h->ph_fork == NULL)
			continue;
		if ((error = h->ph_fork(parent, child)) != 0) {
			proc_hooks_unfork(child, h);
			return error;
		}
	}
	return 0;
}

/* P releases everything the hooks gave it; its own thread. */
static void
proc_hooks_exit(struct proc *p)
{
	struct proc_hook *h;

	for (h = proc_hooks; h != NULL; h = h->ph_next)
		if (h->ph_exit != NULL)
			h->ph_exit(p);
}

/* P runs a new program: each hook adjusts what P has. */
void
proc_hooks_exec(struct proc *p)
{
	struct proc_hook *h;

	for (h = proc_hooks; h != NULL; h = h->ph_next)
		if (h->ph_exec != NULL)
			h->ph_exec(p);
}
/* A thread that never ran: make its first act exiting, and start it. */
static void
lwkt_exit_at_start(void *arg)
{
	(void)arg;
	lwkt_exit();
}

/* Discard TD, made with TDF_NOSTART and never scheduled. */
void
lwkt_schedule_exit(struct thread *td)
{
	td->td_start = lwkt_exit_at_start;
	td->td_startarg = NULL;
	lwkt_schedule(td);
}
/* The first code of a process's thread: into its space, user mode. */
static void
proc_thread_start(void *arg)
{
	struct proc *p = arg;

	vmspace_adopt(p->p_vmspace);
	cpu_enter_user(curthread->td_frame);
}
static volatile uint32_t proc_cpu_next;	/* round robin over CPUs */

/* The CPU a new process's thread goes to: the next, in turn. */
static int
proc_choose_cpu(void)
{
	uint32_t n = proc_cpu_next++;

	return (int)(n % (uint32_t)ncpus);
}
/* A new process for VM named NAME, child of PARENT, not yet running:
 * 0 and *PP, or -EAGAIN (table full) / -ENOMEM; nothing left on error.
 * VM stays the caller's until proc_start. */
int
proc_alloc(struct proc *parent, struct vmspace *vm, const char *name,
    struct proc **pp)
{
	struct proc *p;
	struct thread *td;
	int error;

	proc_tree_lock();
	if (nprocs >= maxproc) {
		proc_tree_unlock();
		return -EAGAIN;
	}
	nprocs++;
	proc_tree_unlock();
	if ((p = kmalloc(sizeof(*p), M_ZERO)) == NULL) {
		error = -ENOMEM;
		goto fail;
	}
	error = lwkt_create(proc_thread_start, p, &td, TDF_NOSTART,
	    proc_choose_cpu(), "%s", name);
	if (error != 0) {
		kfree(p);
		goto fail;
	}
	cpu_thread_make_user(td);
	td->td_proc = p;
	td->td_pri = TDPRI_USER_NORM;
	p->p_thread = td;
	p->p_vmspace = vm;
	p->p_pptr = parent;
	p->p_pgid = parent->p_pgid;
	p->p_stat = SACTIVE;
	TAILQ_INIT(&p->p_children);
	kstrlcpy(p->p_comm, name, sizeof(p->p_comm));
	*pp = p;
	return 0;
fail:
	proc_tree_lock();
	nprocs--;
	proc_tree_unlock();
	return error;
}

/* Undo proc_alloc for a process whose thread never ran; VM is the
 * caller's again. */
void
proc_alloc_undo(struct proc *p)
{
	struct thread *td = p->p_thread;

	td->td_proc = NULL;
	lwkt_schedule_exit(td);
	kfree(p);
	proc_tree_lock();
	nprocs--;
	proc_tree_unlock();
}

/* Give P its pid and place in the tree, and start its thread; its pid. */
pid_t
proc_start(struct proc *p)
{
	pid_t pid;

	proc_tree_lock();
	pid = p->p_pid = proc_alloc_pid();
	TAILQ_INSERT_TAIL(&allproc, p, p_list);
	TAILQ_INSERT_TAIL(&p->p_pptr->p_children, p, p_sibling);
	proc_tree_unlock();
	lwkt_schedule(p->p_thread);
	return pid;
}
volatile uint32_t proc_forks_refused_limit;	/* EAGAIN, for ps and tests */
volatile uint32_t proc_forks_refused_memory;	/* ENOMEM */

/* Copy the current process; the child's pid in *PIDP.  0, -EAGAIN or
 * -ENOMEM, with nothing left behind. */
int
kern_fork(pid_t *pidp)
{
	struct proc *parent = curproc, *child;
	struct vmspace *vm;
	int error;

	KASSERT(parent != NULL, ("kern_fork: not a process"));
	if ((error = vmspace_fork(parent->p_vmspace, &vm)) != 0)
		goto refused;
	if ((error = proc_alloc(parent, vm, parent->p_comm, &child)) != 0) {
		vmspace_free(vm);
		goto refused;
	}
	if ((error = proc_hooks_fork(parent, child)) != 0) {
		proc_alloc_undo(child);
		vmspace_free(vm);
		goto refused;
	}
	*child->p_thread->td_frame = *curthread->td_frame;
	child->p_thread->td_frame->tf_eax = 0;
	*pidp = proc_start(child);
	return 0;
refused:
	atomic_add_int(error == -EAGAIN ? &proc_forks_refused_limit :
	    &proc_forks_refused_memory, 1);
	return error;
}
/* Free P, a zombie (or exiting) already off its parent's list; token. */
static void
proc_free(struct proc *p)
{
	TAILQ_REMOVE(&allproc, p, p_list);
	nprocs--;
	kfree(p);
}
void (*proc_exit_notify_hook)(struct proc *p);

/* Give P's children to init (or to proc0, freed at exit); token held. */
static void
proc_reparent_children(struct proc *p)
{
	struct proc *child, *heir;

	heir = initproc != NULL && initproc != p &&
	    initproc->p_stat == SACTIVE ? initproc : &proc0;
	while ((child = TAILQ_FIRST(&p->p_children)) != NULL) {
		TAILQ_REMOVE(&p->p_children, child, p_sibling);
		if (heir == &proc0 && child->p_stat == SZOMB) {
			proc_free(child);		/* nobody will wait */
			continue;
		}
		if (heir == &proc0)
			child->p_flags |= P_AUTOREAP;
		child->p_pptr = heir;
		TAILQ_INSERT_TAIL(&heir->p_children, child, p_sibling);
	}
	wakeup(heir);
}

/* The current process ends with wait status XSTAT; never returns. */
void
proc_exit(int xstat)
{
	struct proc *p = curproc;
	struct vmspace *vm = p->p_vmspace;

	KASSERT(p != NULL, ("proc_exit: not a process"));
	proc_hooks_exit(p);
	vmspace_adopt(NULL);
	p->p_vmspace = NULL;
	if (vm != NULL)
		vmspace_free(vm);
	proc_tree_lock();
	proc_reparent_children(p);
	p->p_xstat = xstat;
	p->p_thread = NULL;
	curthread->td_proc = NULL;
	lwkt_setpri_self(TDPRI_EXITING);	/* end before the parent goes on */
	if ((p->p_flags & P_AUTOREAP) != 0) {
		TAILQ_REMOVE(&p->p_pptr->p_children, p, p_sibling);
		proc_free(p);
	} else {
		p->p_stat = SZOMB;
		wakeup(p->p_pptr);
		if (proc_exit_notify_hook != NULL)
			proc_exit_notify_hook(p);
	}
	proc_tree_unlock();
	lwkt_exit();
}
int (*proc_sleep_check)(struct proc *p);

/* tsleep on IDENT as curproc, interruptibly: 0, -EWOULDBLOCK, or -EINTR
 * (a reason to stop, before or during the sleep).  The caller holds a
 * critical section around its test and this call. */
int
proc_sleep(const volatile void *ident, const char *wmesg, int timo)
{
	struct proc *p = curproc;
	int error;

	if (proc_sleep_check != NULL && (error = proc_sleep_check(p)) != 0)
		return error;
	return tsleep(ident, PCATCH, wmesg, timo);
}
/* Does CHILD match wait4's PID for PARENT? */
static int
proc_wait_matches(struct proc *parent, struct proc *child, pid_t pid)
{
	if (pid == -1)
		return 1;
	if (pid == 0)
		return child->p_pgid == parent->p_pgid;
	if (pid < -1)
		return child->p_pgid == -pid;
	return child->p_pid == pid;
}

/* Collect a zombie child of PARENT matching PID: its pid (0 with
 * WNOHANG and none yet), its status in *XSTAT; -ECHILD, -EINTR.  PARENT
 * is the current process, or proc0 for kernel threads. */
int
kern_wait4(struct proc *parent, pid_t pid, int *xstat, int options)
{
	struct proc *child;
	int found, error;

	proc_tree_lock();
	for (;;) {
		found = 0;
		TAILQ_FOREACH(child, &parent->p_children, p_sibling) {
			if (!proc_wait_matches(parent, child, pid))
				continue;
			found = 1;
			if (child->p_stat == SZOMB)
				break;
		}
		if (child != NULL) {
			*xstat = child->p_xstat;
			error = child->p_pid;
			TAILQ_REMOVE(&parent->p_children, child, p_sibling);
			proc_free(child);
			break;
		}
		if (!found) {
			error = -ECHILD;
			break;
		}
		if ((options & WNOHANG) != 0) {
			error = 0;
			break;
		}
		if (parent == &proc0)
			tsleep(parent, 0, "wait", 0);
		else if ((error = proc_sleep(parent, "wait", 0)) == -EINTR)
			break;
	}
	proc_tree_unlock();
	return error;
}
/* A new process, child of proc0, running VM from EIP with stack ESP;
 * its pid in *PIDP.  0, -EAGAIN or -ENOMEM (VM is then the caller's). */
int
proc_create(struct vmspace *vm, const char *name, uint32_t eip,
    uint32_t esp, pid_t *pidp)
{
	struct proc *p;
	int error;

	if ((error = proc_alloc(&proc0, vm, name, &p)) != 0)
		return error;
	if ((error = proc_hooks_fork(&proc0, p)) != 0) {
		proc_alloc_undo(p);
		return error;
	}
	cpu_user_frame_init(p->p_thread->td_frame, eip, esp);
	*pidp = proc_start(p);
	return 0;
}
/* user_trap_hook for processes: end the process with signal SIG. */
static void
proc_trap_exit(struct trapframe *tf, int sig)
{
	struct proc *p = curproc;

	if (p == NULL) {
		proc_prev_trap_hook(tf, sig);
		return;
	}
	kprintf("pid %d (%s): signal %d at eip 0x%x\n", p->p_pid,
	    p->p_comm, sig, tf->tf_eip);
	proc_exit(W_EXITCODE(0, sig));
}
static void (*proc_prev_trap_hook)(struct trapframe *tf, int sig);

/* Boot: process 0, the limit, the user trap hook. */
static void
proc_init(void *arg)
{
	unsigned long n = cmdline_get_ulong("maxproc", MAXPROC_DEFAULT);

	(void)arg;
	TAILQ_INIT(&allproc);
	proc0.p_pid = 0;
	proc0.p_stat = SACTIVE;
	proc0.p_flags = P_SYSTEM;
	TAILQ_INIT(&proc0.p_children);
	kstrlcpy(proc0.p_comm, "kernel", sizeof(proc0.p_comm));
	if (n > 0 && n <= 4096)
		maxproc = (int)n;
	proc_prev_trap_hook = user_trap_hook;
	user_trap_hook = proc_trap_exit;
}

SYSINIT(proc, SI_SUB_PROC, SI_ORDER_FIRST, proc_init, NULL);
/* Processes in the table (zombies too), for tests; any thread. */
int
proc_count(void)
{
	int n;

	proc_tree_lock();
	n = nprocs;
	proc_tree_unlock();
	return n;
}

/* The monitor's ps: every process, its parent, state and name. */
static int
proc_ps_command(int argc, char **argv)
{
	struct proc *p;

	(void)argc;
	(void)argv;
	proc_tree_lock();
	kprintf("forks refused: %u at the limit of %d, %u for memory\n",
	    proc_forks_refused_limit, maxproc, proc_forks_refused_memory);
	kprintf("  PID  PPID STATE NAME\n");
	TAILQ_FOREACH(p, &allproc, p_list)
		kprintf("%5d %5d %-5s %s\n", p->p_pid, p->p_pptr->p_pid,
		    p->p_stat == SZOMB ? "zomb" : "run", p->p_comm);
	proc_tree_unlock();
	return 0;
}

MONITOR_COMMAND(ps, "ps", "ps", "list the processes", proc_ps_command);
