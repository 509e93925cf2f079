/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Signals: posting (kill, pgsignal, SIGCHLD, user exceptions), delivery
 * at the return to user mode, the handler's frame and sigreturn, the
 * trampoline's page, the calls.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "ipi/ipiq.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/signal.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include "vm/vmspace.h"

/** Where the signal trampoline lies in every address space. */
#define USER_SIGCODE	(USER_STACK_TOP - USER_STACK_MAX - PAGE_SIZE)

static void sig_act(struct proc *p, int sig, struct trapframe *tf);
static int sig_sendframe(struct proc *p, int sig, struct trapframe *tf);
static void sig_save_context(struct sigcontext *sc,
    const struct trapframe *tf, sigset_t mask);
static void (*sig_prev_trap_hook)(struct trapframe *tf, int sig);

/* Is SIG ignored by P (its action, or the default)? */
static int
sig_ignored(const struct proc *p, int sig)
{
	uint32_t h = p->p_sigact[sig].sa_handler;

	if ((SIG_CANTMASK & sigmask(sig)) != 0)
		return 0;
	return h == SIG_IGN || (h == SIG_DFL &&
	    (sig_default(sig) == SIGPROP_IGNORE || p->p_pid == 1));
}

/* On the thread's CPU: end its interruptible sleep. */
static void
sig_interrupt_here(void *arg)
{
	tsleep_interrupt(arg);
}

/* Post SIG to P (a live process); proc_tree_lock held. */
void
ksignal(struct proc *p, int sig)
{
	struct thread *td = p->p_thread;

	KASSERT(sig_valid(sig), ("ksignal: signal %d", sig));
	if (p->p_stat != SACTIVE || sig_ignored(p, sig))
		return;
	atomic_set_int(&p->p_sigpending, sigmask(sig));
	if (td != NULL && (sigmask(sig) & (p->p_sigmask & ~SIG_CANTMASK)) == 0)
		lwkt_wait_ipiq(td->td_gd, lwkt_send_ipiq(td->td_gd,
		    sig_interrupt_here, td));
}

/* Post SIG to every process of group PGID: how many; any thread. */
int
pgsignal(int pgid, int sig)
{
	struct proc *p;
	int n = 0;

	if (!sig_valid(sig))
		return 0;
	proc_tree_lock();
	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pgid == pgid && p->p_stat == SACTIVE) {
			ksignal(p, sig);
			n++;
		}
	proc_tree_unlock();
	return n;
}
/* proc_sleep_check: -EINTR when a signal waits for P to see it. */
static int
sig_sleep_check(struct proc *p)
{
	return sig_next(p->p_sigpending, p->p_sigmask) != 0 ? -EINTR : 0;
}

/* proc_exit_notify_hook: the parent learns; proc_tree_lock held. */
static void
sig_child_exited(struct proc *p)
{
	if (p->p_pptr != &proc0)
		ksignal(p->p_pptr, SIGCHLD);
}
/* userret's question, interrupts off: has TD's process a signal to
 * take?  One load of each word; no loop. */
static int
sig_userret_pending(struct thread *td)
{
	struct proc *p = td->td_proc;

	return p != NULL && (p->p_sigpending & ~(p->p_sigmask &
	    ~SIG_CANTMASK)) != 0;
}

/* userret hook: act on every deliverable signal of curproc. */
static void
sig_userret(struct trapframe *tf)
{
	struct proc *p = curproc;
	int sig;

	if (p == NULL || !sig_userret_pending(curthread))
		return;			/* nothing: another hook's turn */
	while ((sig = sig_next(p->p_sigpending, p->p_sigmask)) != 0) {
		atomic_clear_int(&p->p_sigpending, sigmask(sig));
		sig_act(p, sig, tf);
	}
}

/* Act on SIG for P, whose frame is TF: the default, or the handler. */
static void
sig_act(struct proc *p, int sig, struct trapframe *tf)
{
	struct sigaction *sa = &p->p_sigact[sig];

	if (sa->sa_handler == SIG_IGN)
		return;
	if (sa->sa_handler == SIG_DFL) {
		if (sig_default(sig) == SIGPROP_KILL && p->p_pid != 1)
			proc_exit(W_EXITCODE(0, sig));
		return;
	}
	if (sig_sendframe(p, sig, tf) != 0)
		proc_exit(W_EXITCODE(0, SIGSEGV));
}

static struct userret_hook sig_userret_hook = { sig_userret,
    sig_userret_pending, "signals", NULL };
#define PSL_T		0x00000100u	/* single step */
/* The flags a program may set: CF PF AF ZF SF TF DF OF. */
#define PSL_USERCHANGE	0x00000dd5u

/* Is SEL a selector a program may load?  Its data segment, or null. */
static int
sig_user_datasel(uint32_t sel)
{
	sel &= 0xffff;
	return sel == GDT_UDATA_SEL || sel == 0;
}

/* sigreturn(scp): the registers and mask of SCP; EJUSTRETURN. */
int
sys_sigreturn(struct sigreturn_args *uap)
{
	struct trapframe *tf = curthread->td_frame;
	struct sigcontext sc;
	int error;

	if ((error = copyin(uap->scp, &sc, sizeof(sc))) != 0)
		return error;
	if ((sc.sc_cs & 0xffff) != GDT_UCODE_SEL ||
	    (sc.sc_ss & 0xffff) != GDT_UDATA_SEL ||
	    !sig_user_datasel(sc.sc_ds) || !sig_user_datasel(sc.sc_es) ||
	    !sig_user_datasel(sc.sc_fs) || !sig_user_datasel(sc.sc_gs))
		return -EINVAL;
	tf->tf_gs = sc.sc_gs;
	tf->tf_fs = sc.sc_fs;
	tf->tf_es = sc.sc_es;
	tf->tf_ds = sc.sc_ds;
	tf->tf_edi = sc.sc_edi;
	tf->tf_esi = sc.sc_esi;
	tf->tf_ebp = sc.sc_ebp;
	tf->tf_ebx = sc.sc_ebx;
	tf->tf_edx = sc.sc_edx;
	tf->tf_ecx = sc.sc_ecx;
	tf->tf_eax = sc.sc_eax;
	tf->tf_eip = sc.sc_eip;
	tf->tf_cs = GDT_UCODE_SEL;
	tf->tf_eflags = (tf->tf_eflags & ~PSL_USERCHANGE) |
	    (sc.sc_eflags & PSL_USERCHANGE);
	tf->tf_esp = sc.sc_esp;
	tf->tf_ss = GDT_UDATA_SEL;
	curproc->p_sigmask = sc.sc_mask & ~SIG_CANTMASK;
	return EJUSTRETURN;
}
/* Call P's handler for SIG: a frame on the user stack, TF at the
 * handler.  0, or -EFAULT if the stack cannot take the frame. */
static int
sig_sendframe(struct proc *p, int sig, struct trapframe *tf)
{
	struct sigaction *sa = &p->p_sigact[sig];
	struct sigframe sf;
	uint32_t sp;

	sp = ((tf->tf_esp - sizeof(sf)) & ~15u) - 4;
	kmemset(&sf, 0, sizeof(sf));
	sf.sf_ret = USER_SIGCODE;
	sf.sf_signum = sig;
	sf.sf_scp = sp + offsetof(struct sigframe, sf_sc);
	sig_save_context(&sf.sf_sc, tf, p->p_sigmask);
	if (copyout(&sf, (void *)(uintptr_t)sp, sizeof(sf)) != 0)
		return -EFAULT;
	tf->tf_eip = sa->sa_handler;
	tf->tf_esp = sp;
	tf->tf_eflags &= ~PSL_T;
	p->p_sigmask |= sa->sa_mask & ~SIG_CANTMASK;
	if ((sa->sa_flags & SA_NODEFER) == 0)
		p->p_sigmask |= sigmask(sig) & ~SIG_CANTMASK;
	if ((sa->sa_flags & SA_RESETHAND) != 0)
		sa->sa_handler = SIG_DFL;
	return 0;
}

/* The context of TF and MASK, as the program will see it. */
static void
sig_save_context(struct sigcontext *sc, const struct trapframe *tf,
    sigset_t mask)
{
	sc->sc_mask = mask;
	sc->sc_gs = tf->tf_gs;
	sc->sc_fs = tf->tf_fs;
	sc->sc_es = tf->tf_es;
	sc->sc_ds = tf->tf_ds;
	sc->sc_edi = tf->tf_edi;
	sc->sc_esi = tf->tf_esi;
	sc->sc_ebp = tf->tf_ebp;
	sc->sc_ebx = tf->tf_ebx;
	sc->sc_edx = tf->tf_edx;
	sc->sc_ecx = tf->tf_ecx;
	sc->sc_eax = tf->tf_eax;
	sc->sc_eip = tf->tf_eip;
	sc->sc_cs = tf->tf_cs;
	sc->sc_eflags = tf->tf_eflags;
	sc->sc_esp = tf->tf_esp;
	sc->sc_ss = tf->tf_ss;
	sc->sc_trapno = tf->tf_trapno;
	sc->sc_err = tf->tf_err;
}
extern const char sigcode[], sigcode_end[];

/* exec_vmspace_hook: the trampoline's page in VM; 0 or an error. */
static int
sig_map_sigcode(struct vmspace *vm)
{
	int error;

	error = vmspace_map(vm, USER_SIGCODE, USER_SIGCODE + PAGE_SIZE,
	    VM_PROT_READ | VM_PROT_EXEC, VR_PROGRAM);
	if (error != 0)
		return error;
	return vmspace_write(vm, USER_SIGCODE, sigcode,
	    (size_t)(sigcode_end - sigcode));
}
/* sigaction(sig, act, oact) */
int
sys_sigaction(struct sigaction_args *uap)
{
	struct proc *p = curproc;
	struct sigaction sa;
	int error;

	if (!sig_valid(uap->sig))
		return -EINVAL;
	if (uap->act != NULL &&
	    (error = copyin(uap->act, &sa, sizeof(sa))) != 0)
		return error;
	if (uap->oact != NULL && (error = copyout(&p->p_sigact[uap->sig],
	    uap->oact, sizeof(sa))) != 0)
		return error;
	if (uap->act == NULL)
		return 0;
	if ((sigmask(uap->sig) & SIG_CANTMASK) != 0)
		return -EINVAL;
	sa.sa_mask &= ~SIG_CANTMASK;
	p->p_sigact[uap->sig] = sa;
	if (sig_ignored(p, uap->sig))
		atomic_clear_int(&p->p_sigpending, sigmask(uap->sig));
	return 0;
}

/* sigprocmask(how, set, oset) */
int
sys_sigprocmask(struct sigprocmask_args *uap)
{
	struct proc *p = curproc;
	sigset_t set;
	int64_t m;
	int error;

	if (uap->oset != NULL && (error = copyout(&p->p_sigmask, uap->oset,
	    sizeof(sigset_t))) != 0)
		return error;
	if (uap->set == NULL)
		return 0;
	if ((error = copyin(uap->set, &set, sizeof(set))) != 0)
		return error;
	if ((m = sig_newmask(p->p_sigmask, uap->how, set)) < 0)
		return -EINVAL;
	p->p_sigmask = (sigset_t)m;
	return 0;
}
/* Does P match kill's PID for SELF? */
static int
kill_matches(const struct proc *self, const struct proc *p, pid_t pid)
{
	if (p->p_stat != SACTIVE)
		return 0;
	if (pid > 0)
		return p->p_pid == pid;
	if (pid == 0)
		return p->p_pgid == self->p_pgid;
	if (pid == -1)
		return p != self && p->p_pid != 1;
	return p->p_pgid == -pid;
}

/* kill(pid, sig) */
int
sys_kill(struct kill_args *uap)
{
	struct proc *self = curproc, *p;
	int found = 0;

	if (uap->sig != 0 && !sig_valid(uap->sig))
		return -EINVAL;
	proc_tree_lock();
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (!kill_matches(self, p, uap->pid))
			continue;
		found++;
		if (uap->sig != 0)
			ksignal(p, uap->sig);
	}
	proc_tree_unlock();
	return found > 0 ? 0 : -ESRCH;
}

SYSCALL_HANDLER(sigaction, sys_sigaction);
SYSCALL_HANDLER(sigprocmask, sys_sigprocmask);
SYSCALL_HANDLER(sigreturn, sys_sigreturn);
SYSCALL_HANDLER(kill, sys_kill);
/* fork hook: the child's actions and mask are the parent's. */
static int
sig_fork(struct proc *parent, struct proc *child)
{
	kmemcpy(child->p_sigact, parent->p_sigact, sizeof(child->p_sigact));
	child->p_sigmask = parent->p_sigmask;
	child->p_sigpending = 0;
	return 0;
}

/* exec hook: handlers go back to the default. */
static void
sig_exec(struct proc *p)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (p->p_sigact[sig].sa_handler != SIG_IGN) {
			p->p_sigact[sig].sa_handler = SIG_DFL;
			p->p_sigact[sig].sa_flags = 0;
			p->p_sigact[sig].sa_mask = 0;
		}
}

static struct proc_hook sig_proc_hook = { sig_fork, NULL, sig_exec,
    "signals", NULL };
/* user_trap_hook for signals: SIG for curproc, now. */
static void
sig_trap(struct trapframe *tf, int sig)
{
	struct proc *p = curproc;
	struct sigaction *sa;

	if (p == NULL) {
		sig_prev_trap_hook(tf, sig);
		return;
	}
	sa = &p->p_sigact[sig];
	if (sa->sa_handler == SIG_IGN || sa->sa_handler == SIG_DFL ||
	    (p->p_sigmask & sigmask(sig)) != 0) {
		sa->sa_handler = SIG_DFL;
		p->p_sigmask &= ~sigmask(sig);
		kprintf("pid %d (%s): signal %d at eip 0x%x\n", p->p_pid,
		    p->p_comm, sig, tf->tf_eip);
		if (p->p_pid == 1)
			proc_exit(W_EXITCODE(0, sig));
	}
	atomic_set_int(&p->p_sigpending, sigmask(sig));
}
/* Boot: the hooks of the earlier chapters, and this chapter's own. */
static void
sig_init(void *arg)
{
	(void)arg;
	proc_hook_register(&sig_proc_hook);
	userret_hook_register(&sig_userret_hook);
	proc_sleep_check = sig_sleep_check;
	proc_exit_notify_hook = sig_child_exited;
	exec_vmspace_hook = sig_map_sigcode;
	sig_prev_trap_hook = user_trap_hook;
	user_trap_hook = sig_trap;
}

SYSINIT(signal, SI_SUB_SIGNAL, SI_ORDER_FIRST, sig_init, NULL);
