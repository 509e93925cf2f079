/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The handlers of the system calls of the process, address space and
 * program chapters, and of the small calls (time, yield, poweroff,
 * ktest_info, console write).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "kern/cmdline.h"
#include "kern/cons.h"
#include "kern/cons_lock.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/poweroff.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/sysrecords.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include "vm/vmspace.h"

/* exit(status): never returns. */
int
sys_exit(struct exit_args *uap)
{
	proc_exit(W_EXITCODE(uap->status, 0));
}

/* fork(): the child's pid, and 0 in the child. */
int
sys_fork(struct fork_args *uap)
{
	pid_t pid;
	int error;

	if ((error = kern_fork(&pid)) == 0)
		uap->sysmsg.sm_result = pid;
	return error;
}

/* wait4(pid, status, options, rusage): rusage must be NULL. */
int
sys_wait4(struct wait4_args *uap)
{
	int xstat = 0, pid;

	if ((uap->options & ~WNOHANG) != 0 || uap->rusage != NULL)
		return -EINVAL;
	pid = kern_wait4(curproc, uap->pid, &xstat, uap->options);
	if (pid > 0 && uap->status != NULL &&
	    copyout(&xstat, uap->status, sizeof(xstat)) != 0)
		return -EFAULT;
	uap->sysmsg.sm_result = pid;
	return pid < 0 ? pid : 0;
}

/* execve(path, argv, envp): no return when it works. */
int
sys_execve(struct execve_args *uap)
{
	struct exec_args a;
	int error;

	error = exec_args_user(&a, uap->path, (const uint32_t *)uap->argv,
	    (const uint32_t *)uap->envp);
	if (error == 0)
		error = kern_execve(&a);
	exec_args_free(&a);
	return error;
}

/* getpid() */
int
sys_getpid(struct getpid_args *uap)
{
	uap->sysmsg.sm_result = curproc->p_pid;
	return 0;
}

/* getppid(): read under proc_token, as reparenting changes it. */
int
sys_getppid(struct getppid_args *uap)
{
	proc_tree_lock();
	uap->sysmsg.sm_result = curproc->p_pptr->p_pid;
	proc_tree_unlock();
	return 0;
}

/* sbrk(incr): the old break. */
int
sys_sbrk(struct sbrk_args *uap)
{
	vm_offset_t old;
	int error;

	error = vmspace_sbrk(curproc->p_vmspace, uap->incr, &old);
	if (error == 0)
		uap->sysmsg.sm_result = (int32_t)old;
	return error;
}

SYSCALL_HANDLER(exit, sys_exit);
SYSCALL_HANDLER(fork, sys_fork);
SYSCALL_HANDLER(wait4, sys_wait4);
SYSCALL_HANDLER(execve, sys_execve);
SYSCALL_HANDLER(getpid, sys_getpid);
SYSCALL_HANDLER(getppid, sys_getppid);
SYSCALL_HANDLER(sbrk, sys_sbrk);
/* setpgid(pid, pgid): 0 means the caller, and its own pid. */
int
sys_setpgid(struct setpgid_args *uap)
{
	struct proc *p, *self = curproc;
	pid_t pgid;
	int error = 0;

	if (uap->pgid < 0)
		return -EINVAL;
	proc_tree_lock();
	p = uap->pid == 0 ? self : pfind(uap->pid);
	pgid = uap->pgid == 0 ? (p != NULL ? p->p_pid : 0) : uap->pgid;
	if (p == NULL || (p != self && p->p_pptr != self))
		error = -ESRCH;
	else if (pgid != p->p_pid && pgfind(pgid) == NULL)
		error = -EPERM;
	else
		p->p_pgid = pgid;
	proc_tree_unlock();
	return error;
}

/* getpgid(pid): 0 means the caller. */
int
sys_getpgid(struct getpgid_args *uap)
{
	struct proc *p;
	int error = 0;

	proc_tree_lock();
	p = uap->pid == 0 ? curproc : pfind(uap->pid);
	if (p == NULL)
		error = -ESRCH;
	else
		uap->sysmsg.sm_result = p->p_pgid;
	proc_tree_unlock();
	return error;
}

SYSCALL_HANDLER(setpgid, sys_setpgid);
SYSCALL_HANDLER(getpgid, sys_getpgid);
/* getprocs(buf, max): records of at most MAX processes; their count. */
int
sys_getprocs(struct getprocs_args *uap)
{
	struct procinfo pi;
	struct proc *p;
	int n = 0, error = 0;

	if (uap->max < 0)
		return -EINVAL;
	proc_tree_lock();
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (n == uap->max)
			break;
		kmemset(&pi, 0, sizeof(pi));
		pi.pi_pid = p->p_pid;
		pi.pi_ppid = p->p_pptr->p_pid;
		pi.pi_pgid = p->p_pgid;
		pi.pi_state = p->p_stat;
		pi.pi_cpu = p->p_thread != NULL ?
		    p->p_thread->td_gd->gd_cpuid : -1;
		pi.pi_pages = p->p_vmspace != NULL ?
		    (int)vmspace_resident(p->p_vmspace) : 0;
		kstrlcpy(pi.pi_name, p->p_comm, sizeof(pi.pi_name));
		pi.pi_ticks = (int)p->p_usched.up_ticks;
		pi.pi_run = (p->p_usched.up_flags & UP_CURRENT) != 0 ? 1 :
		    (p->p_usched.up_flags & UP_QUEUED) != 0 ? 2 : 0;
		if ((error = copyout(&pi, uap->buf + n, sizeof(pi))) != 0)
			break;
		n++;
	}
	proc_tree_unlock();
	uap->sysmsg.sm_result = n;
	return error;
}

SYSCALL_HANDLER(getprocs, sys_getprocs);
/* clock_gettime(clock, ts): the time since boot. */
int
sys_clock_gettime(struct clock_gettime_args *uap)
{
	struct timespec ts;
	uint64_t t = rdtsc(), f = tsc_frequency;

	if (uap->clock != CLOCK_REALTIME && uap->clock != CLOCK_MONOTONIC)
		return -EINVAL;
	if (f == 0)
		f = 1000000000;
	ts.tv_sec = (int32_t)(t / f);
	ts.tv_nsec = (int32_t)((t % f) * 1000000000ULL / f);
	return copyout(&ts, uap->ts, sizeof(ts));
}

/* yield(): let the other runnable threads of this CPU run first. */
int
sys_yield(struct yield_args *uap)
{
	(void)uap;
	lwkt_yield();
	return 0;
}

/* poweroff(how): init only; 0 is a normal end, else a failed one. */
int
sys_poweroff(struct poweroff_args *uap)
{
	if (curproc->p_pid != 1)
		return -EPERM;
	poweroff(uap->how == 0 ? POWEROFF_OK : POWEROFF_TESTS_FAILED);
}

SYSCALL_HANDLER(clock_gettime, sys_clock_gettime);
SYSCALL_HANDLER_DEFAULT(yield, sys_yield);
SYSCALL_HANDLER(poweroff, sys_poweroff);
/* ktest_info(info): the token, seed and pattern of this boot. */
int
sys_ktest_info(struct ktest_info_args *uap)
{
	struct ktest_info ki;
	const char *s;

	kmemset(&ki, 0, sizeof(ki));
	s = cmdline_get("token");
	kstrlcpy(ki.ki_token, s != NULL && ktest_valid_token(s) ? s : "none",
	    sizeof(ki.ki_token));
	ki.ki_seed = (uint32_t)cmdline_seed();
	s = cmdline_get("test");
	kstrlcpy(ki.ki_test, s != NULL ? s : "", sizeof(ki.ki_test));
	ki.ki_kernel_passed = exec_ktest_passed;
	ki.ki_kernel_failed = exec_ktest_failed;
	return copyout(&ki, uap->info, sizeof(ki));
}

SYSCALL_HANDLER(ktest_info, sys_ktest_info);
/* write(fd, buf, nbyte) before file descriptors: 1 and 2, the console. */
static int
sys_write_console(struct write_args *uap)
{
	char buf[128];
	struct cons_hold hold;
	size_t done = 0, n, i;
	int error = 0;

	if (uap->fd != 1 && uap->fd != 2)
		return -EBADF;
	if (!USER_RANGE_OK(uap->buf, uap->nbyte))
		return -EFAULT;
	while (done < uap->nbyte) {
		n = uap->nbyte - done < sizeof(buf) ? uap->nbyte - done :
		    sizeof(buf);
		if ((error = copyin((const char *)uap->buf + done, buf, n)))
			break;
		cons_lock(&hold);
		for (i = 0; i < n; i++)
			cons_putc(buf[i]);
		cons_unlock(&hold);
		done += n;
	}
	uap->sysmsg.sm_result = (int32_t)done;
	return done > 0 ? 0 : error;
}

SYSCALL_HANDLER_DEFAULT(write, sys_write_console);
