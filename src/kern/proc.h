/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Processes: the structure, the tree, fork, exit, wait, the
 * process hooks of later chapters.
 */
#ifndef NAIAD_KERN_PROC_H
#define NAIAD_KERN_PROC_H

#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/queue.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"

struct trapframe;
struct vmspace;

/** A process identifier. */
typedef int pid_t;

/** The status of a process that exited with \a code. */
#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
/** Did the process of status \a s exit by itself? */
#define WIFEXITED(s)		(((s) & 0x7f) == 0)
/** ... its exit code. */
#define WEXITSTATUS(s)		(((s) >> 8) & 0xff)
/** Was it killed by a signal? */
#define WIFSIGNALED(s)		(((s) & 0x7f) != 0)
/** ... which. */
#define WTERMSIG(s)		((s) & 0x7f)
/** wait4 option: do not block. */
#define WNOHANG			1

/** The largest pid: they wrap around to 2 after it. */
#define PID_MAX			99999
/** The default limit on processes (command line: maxproc=N). */
#define MAXPROC_DEFAULT		64

/** The process of the current thread, or NULL for a kernel thread. */
#define curproc			(curthread->td_proc)
#include "kern/spinlock.h"
#include "lwkt/msgport.h"
struct sysasync;
/** A list of system calls in flight or finished (sendsys). */
TAILQ_HEAD(sysasync_list, sysasync);
#include "kern/signal.h"
#include "kern/usched.h"
struct umsg;
struct vnode;
#include "kern/varsym.h"
#define SACTIVE		1	/**< its thread runs (or will) */
#define SZOMB		2	/**< exited; waits for its parent */

#define P_AUTOREAP	0x0001	/**< freed at exit: nobody will wait */
#define P_SYSTEM	0x0002	/**< the kernel's own process 0 */

#define PROC_NAMELEN	16	/**< bytes of a process's name */

/** A process: a program running in its own address space. */
struct proc {
	pid_t		p_pid;		/**< its identifier */
	int		p_stat;		/**< SACTIVE or SZOMB */
	int		p_flags;	/**< P_* */
	struct proc	*p_pptr;	/**< its parent */
	TAILQ_HEAD(, proc) p_children;	/**< its children */
	TAILQ_ENTRY(proc) p_sibling;	/**< link in its parent's children */
	TAILQ_ENTRY(proc) p_list;	/**< link in allproc */
	struct thread	*p_thread;	/**< its thread; NULL once it exited */
	struct vmspace	*p_vmspace;	/**< its address space */
	int		p_xstat;	/**< how it ended, as wait4 reports it */
	pid_t		p_pgid;		/**< its process group */
	char		p_comm[PROC_NAMELEN]; /**< its name, for ps */
		struct lwkt_port p_asyncport;	/**< replies of its sendsys calls */
		struct spinlock	p_async_lock;	/**< the two lists below */
		struct sysasync_list p_async_pending; /**< calls in flight */
		struct sysasync_list p_async_done; /**< calls back, not collected */
		volatile sigset_t p_sigpending;	/**< posted, not yet delivered */
		sigset_t	p_sigmask;	/**< blocked */
		struct sigaction p_sigact[NSIG]; /**< what each signal does */
		struct usched_proc p_usched;	/**< the user scheduler's */
		struct filedesc	*p_fd;		/**< its open files */
		struct umsg	*p_umsg_spare;	/**< a message for the next send (ports) */
		struct vnode	*p_cwd;		/**< its current directory; NULL: the root */
		struct varsymset p_varsymset;	/**< its variables (varsym) */
};

/** A list of processes. */
TAILQ_HEAD(proclist, proc);

/** What a chapter does for its part of a process (proc_hook_register). */
struct proc_hook {
	/** Give \a child its copy of \a parent's; 0 or an error. */
	int		(*ph_fork)(struct proc *parent, struct proc *child);
	/** Release \a p's resource: at exit, or after a failed fork. */
	void		(*ph_exit)(struct proc *p);
	/** \a p runs a new program. */
	void		(*ph_exec)(struct proc *p);
	const char	*ph_name;	/**< who, for messages */
	struct proc_hook *ph_next;	/**< the next, in order */
};

/** The token of the process tree: allproc, links, pids, states. */
extern struct lwkt_token proc_token;

/** \brief Take the process tree: proc_token and a critical section, so
 * that no round robin switches the holder out in the middle. */
static inline void
proc_tree_lock(void)
{
	lwkt_gettoken(&proc_token);
	crit_enter();
}

/** \brief Release what proc_tree_lock took. */
static inline void
proc_tree_unlock(void)
{
	crit_exit();
	lwkt_reltoken(&proc_token);
}
/** The kernel's process 0: parent of what the kernel starts. */
extern struct proc proc0;
/** Process 1 once the kernel started init, or NULL. */
extern struct proc *initproc;
/** Chapter signal's: a process that exited, before its parent wakes. */
extern void (*proc_exit_notify_hook)(struct proc *p);
/** Chapter signal's: why a sleeping process must stop (-EINTR), or 0. */
extern int (*proc_sleep_check)(struct proc *p);

/** \brief Boot: add \a h to what fork, exit and exec do. */
void proc_hook_register(struct proc_hook *h);
/** \brief Run every hook's ph_exec for \a p. */
void proc_hooks_exec(struct proc *p);
/** \brief The process of pid \a pid, or NULL; proc_token held. */
struct proc *pfind(pid_t pid);
/** \brief A live process of group \a pgid, or NULL; proc_token held. */
struct proc *pgfind(pid_t pgid);
/** Every process, zombies included; under proc_token. */
extern struct proclist allproc;
/** \brief Reserve a process for \a vm, child of \a parent, not running.
 * \return 0, -EAGAIN or -ENOMEM. */
int proc_alloc(struct proc *parent, struct vmspace *vm, const char *name,
    struct proc **pp);
/** \brief Undo proc_alloc of a process that never started. */
void proc_alloc_undo(struct proc *p);
/** \brief Give \a p its pid and start it. \return the pid. */
pid_t proc_start(struct proc *p);
/** \brief Copy the current process. \return 0, -EAGAIN or -ENOMEM. */
int kern_fork(pid_t *pidp);
/** \brief End the current process with wait status \a xstat. */
void proc_exit(int xstat) __attribute__((noreturn));
/** \brief Collect a zombie child of \a parent matching \a pid.
 * \return its pid, 0 (WNOHANG), -ECHILD or -EINTR. */
int kern_wait4(struct proc *parent, pid_t pid, int *xstat, int options);
/** \brief Sleep as the current process, interruptibly, in the
 * caller's critical section.  \return 0, -EINTR or -EWOULDBLOCK. */
int proc_sleep(const volatile void *ident, const char *wmesg, int timo);
/** \brief Start a process (child of proc0) running \a vm at \a eip. */
int proc_create(struct vmspace *vm, const char *name, uint32_t eip,
    uint32_t esp, pid_t *pidp);
/** \brief Processes in the table, zombies included. */
int proc_count(void);
/** Forks refused because the table was full (EAGAIN). */
extern volatile uint32_t proc_forks_refused_limit;
/** Forks refused for lack of memory (ENOMEM). */
extern volatile uint32_t proc_forks_refused_memory;
/** \brief Discard a thread made with TDF_NOSTART that never ran. */
void lwkt_schedule_exit(struct thread *td);

#endif /* !NAIAD_KERN_PROC_H */
