/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Asynchronous system calls: sendsys and waitsys, the process's reply
 * port, and nanosleep, the first call that can run asynchronously.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "ipi/ipiq.h"
#include "kern/callout.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/sysrecords.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"

/* replyport of a process's async port: the call is done. */
static void
sysasync_replyport(struct lwkt_port *port, struct lwkt_msg *lmsg)
{
	struct sysasync *sa = (struct sysasync *)lmsg;
	struct proc *p = sa->sa_proc;

	(void)port;
	spin_lock(&p->p_async_lock);
	lmsg->ms_flags |= MSGF_DONE | MSGF_REPLY;
	TAILQ_REMOVE(&p->p_async_pending, sa, sa_link);
	TAILQ_INSERT_TAIL(&p->p_async_done, sa, sa_link);
	spin_unlock(&p->p_async_lock);
	wakeup(&p->p_async_done);
}

/* The result of a call that is back: its error, or its value. */
static int32_t
sysasync_result(const struct sysasync *sa)
{
	const struct lwkt_msg *lmsg = &sa->sa_args.sa_msg.sm_lmsg;

	return lmsg->ms_error != 0 ? lmsg->ms_error :
	    sa->sa_args.sa_msg.sm_result;
}

/* Write SA's result into the user's message; 0 or -EFAULT. */
static int
sysasync_answer(const struct sysasync *sa)
{
	int32_t answer[2];

	answer[0] = sysasync_result(sa);
	answer[1] = 1;
	return copyout(answer, &sa->sa_uaddr->um_result, sizeof(answer));
}
/* sendsys(msg): the call's result if it finished at once, or -EASYNC. */
int
sys_sendsys(struct sendsys_args *uap)
{
	struct proc *p = curproc;
	struct usysmsg um;
	struct sysasync *sa;
	struct lwkt_msg *lmsg;
	int32_t result;
	int error;

	if ((error = copyin(uap->msg, &um, sizeof(um))) != 0)
		return error;
	if (um.um_number <= 0 || um.um_number >= sysent_count ||
	    sysent[um.um_number].sy_call == NULL)
		return -ENOSYS;
	if (!syscall_async_ok((uint32_t)um.um_number))
		return -EINVAL;
	if ((sa = kmalloc(sizeof(*sa), M_ZERO)) == NULL)
		return -ENOMEM;
	sa->sa_uaddr = uap->msg;
	sa->sa_proc = p;
	kmemcpy(sa->sa_args.sa_args, um.um_args, sizeof(um.um_args));
	lmsg = &sa->sa_args.sa_msg.sm_lmsg;
	lwkt_initmsg(lmsg, &p->p_asyncport, MSGF_ABORTABLE);
	lmsg->ms_cmd = MSG_CMD_SYSCALL | (uint32_t)um.um_number;
	spin_lock(&p->p_async_lock);
	TAILQ_INSERT_TAIL(&p->p_async_pending, sa, sa_link);
	spin_unlock(&p->p_async_lock);
	lwkt_sendmsg(&syscall_port, lmsg);
	spin_lock(&p->p_async_lock);
	if ((lmsg->ms_flags & MSGF_DONE) == 0) {
		spin_unlock(&p->p_async_lock);
		/* Our own message is done: -EASYNC is the program's result,
		 * not an error of this handler, which would mean "kept". */
		uap->sysmsg.sm_result = -EASYNC;
		return 0;
	}
	TAILQ_REMOVE(&p->p_async_done, sa, sa_link);
	spin_unlock(&p->p_async_lock);
	result = sysasync_result(sa);
	error = sysasync_answer(sa);
	kfree(sa);
	if (error != 0)
		return error;
	uap->sysmsg.sm_result = result;
	return result < 0 ? result : 0;
}
/* A finished call of P: the one at UADDR, or any (NULL); off the list. */
static struct sysasync *
sysasync_take(struct proc *p, struct usysmsg *uaddr)
{
	struct sysasync *sa;

	TAILQ_FOREACH(sa, &p->p_async_done, sa_link)
		if (uaddr == NULL || sa->sa_uaddr == uaddr) {
			TAILQ_REMOVE(&p->p_async_done, sa, sa_link);
			return sa;
		}
	return NULL;
}

/* Is a call of P at UADDR (or any, NULL) still in flight? */
static int
sysasync_in_flight(struct proc *p, struct usysmsg *uaddr)
{
	struct sysasync *sa;

	TAILQ_FOREACH(sa, &p->p_async_pending, sa_link)
		if (uaddr == NULL || sa->sa_uaddr == uaddr)
			return 1;
	return 0;
}

/* waitsys(msg, flags): the user address of a finished call, answered. */
int
sys_waitsys(struct waitsys_args *uap)
{
	struct proc *p = curproc;
	struct sysasync *sa;
	int error = 0;

	if ((uap->flags & ~WAITSYS_POLL) != 0)
		return -EINVAL;
	spin_lock(&p->p_async_lock);
	while ((sa = sysasync_take(p, uap->msg)) == NULL) {
		if (!sysasync_in_flight(p, uap->msg))
			error = -ENOENT;
		else if ((uap->flags & WAITSYS_POLL) != 0)
			error = -EWOULDBLOCK;
		else if (proc_sleep_check != NULL)
			error = proc_sleep_check(p);
		if (error == 0)
			error = ssleep(&p->p_async_done, &p->p_async_lock,
			    PCATCH, "waitsys", 0);
		if (error != 0) {
			spin_unlock(&p->p_async_lock);
			return error;
		}
	}
	spin_unlock(&p->p_async_lock);
	error = sysasync_answer(sa);
	uap->sysmsg.sm_result = (int32_t)(uintptr_t)sa->sa_uaddr;
	kfree(sa);
	return error;
}

SYSCALL_HANDLER(sendsys, sys_sendsys);
SYSCALL_HANDLER(waitsys, sys_waitsys);
/* P gives up every call in flight, waits for them, frees them all. */
static void
sysasync_drain(struct proc *p)
{
	struct sysasync *sa;

	spin_lock(&p->p_async_lock);
	for (;;) {
		TAILQ_FOREACH(sa, &p->p_async_pending, sa_link)
			if (!sa->sa_aborting)
				break;
		if (sa == NULL)
			break;
		sa->sa_aborting = 1;
		spin_unlock(&p->p_async_lock);
		lwkt_abortmsg(&sa->sa_args.sa_msg.sm_lmsg);
		spin_lock(&p->p_async_lock);
	}
	while (!TAILQ_EMPTY(&p->p_async_pending))
		ssleep(&p->p_async_done, &p->p_async_lock, 0, "asyncend", 0);
	while ((sa = TAILQ_FIRST(&p->p_async_done)) != NULL) {
		TAILQ_REMOVE(&p->p_async_done, sa, sa_link);
		kfree(sa);
	}
	spin_unlock(&p->p_async_lock);
}

/* fork hook: the child's port and lists, empty. */
static int
sysasync_fork(struct proc *parent, struct proc *child)
{
	(void)parent;
	lwkt_initport_replyonly(&child->p_asyncport, sysasync_replyport);
	TAILQ_INIT(&child->p_async_pending);
	TAILQ_INIT(&child->p_async_done);
	return 0;
}

static struct proc_hook sysasync_hook = { sysasync_fork, sysasync_drain,
    sysasync_drain, "sendsys", NULL };
/** A nanosleep started with sendsys: its callout. */
struct nanosleep_async {
	struct callout	na_callout;	/**< armed on sa_gd */
	struct sysasync	*na_sa;		/**< the call it will answer */
};

/* The callout: the time is up; reply.  On sa_gd, critical section. */
static void
nanosleep_expire(void *arg)
{
	struct nanosleep_async *na = arg;
	struct sysasync *sa = na->na_sa;

	sa->sa_private = NULL;
	kfree(na);
	lwkt_replymsg(&sa->sa_args.sa_msg.sm_lmsg, 0);
}

/* On sa_gd: stop the callout if it has not run; then reply -EINTR. */
static void
nanosleep_abort_here(void *arg)
{
	struct sysasync *sa = arg;
	struct nanosleep_async *na = sa->sa_private;

	if (na != NULL && callout_stop(&na->na_callout)) {
		sa->sa_private = NULL;
		kfree(na);
		lwkt_replymsg(&sa->sa_args.sa_msg.sm_lmsg, -EINTR);
	}
}

/* ms_abortfn of an async nanosleep: ask its CPU, and wait for it. */
static void
nanosleep_abort(struct lwkt_msg *lmsg)
{
	struct sysasync *sa = (struct sysasync *)lmsg;

	lwkt_wait_ipiq(sa->sa_gd, lwkt_send_ipiq(sa->sa_gd,
	    nanosleep_abort_here, sa));
}

/* The sleep of TICKS ticks in the caller; -EINTR with *LEFT, or 0. */
static int
nanosleep_here(int ticks, int *left)
{
	uint32_t start = mycpu->gd_ticks, gone;
	int error;

	crit_enter();
	for (;;) {
		gone = mycpu->gd_ticks - start;
		if (gone >= (uint32_t)ticks) {
			error = 0;
			break;
		}
		error = proc_sleep(&ticks, "nanosleep", ticks - (int)gone);
		if (error == -EINTR) {
			*left = ticks - (int)(mycpu->gd_ticks - start);
			break;
		}
	}
	crit_exit();
	return error;
}

/* nanosleep(req, rem): sleep here, or keep the message (sendsys). */
int
sys_nanosleep(struct nanosleep_args *uap)
{
	struct sysasync *sa = (struct sysasync *)&uap->sysmsg;
	struct nanosleep_async *na;
	struct timespec ts;
	int ticks, left = 0, error;

	if ((error = copyin(uap->req, &ts, sizeof(ts))) != 0)
		return error;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	ticks = callout_ns_to_ticks((uint64_t)ts.tv_sec * 1000000000ULL +
	    (uint64_t)ts.tv_nsec);
	if ((uap->sysmsg.sm_lmsg.ms_flags & MSGF_SYNC) == 0) {
		if ((na = kmalloc(sizeof(*na), M_ZERO)) == NULL)
			return -ENOMEM;
		callout_init(&na->na_callout);
		na->na_sa = sa;
		crit_enter();
		sa->sa_gd = mycpu;
		sa->sa_private = na;
		uap->sysmsg.sm_lmsg.ms_abortfn = nanosleep_abort;
		callout_reset(&na->na_callout, ticks, nanosleep_expire, na);
		crit_exit();
		return -EASYNC;
	}
	if ((error = nanosleep_here(ticks, &left)) == -EINTR &&
	    uap->rem != NULL) {
		if (left < 0)
			left = 0;
		ts.tv_sec = left / HZ;
		ts.tv_nsec = (left % HZ) * (1000000000 / HZ);
		if (copyout(&ts, uap->rem, sizeof(ts)) != 0)
			return -EFAULT;
	}
	return error;
}

SYSCALL_HANDLER(nanosleep, sys_nanosleep);
/* Boot: every process gets its async port (proc0 too, for its hooks). */
static void
sysasync_init(void *arg)
{
	(void)arg;
	sysasync_fork(NULL, &proc0);
	proc_hook_register(&sysasync_hook);
}

SYSINIT(sysasync, SI_SUB_SYSCALL, SI_ORDER_SECOND, sysasync_init, NULL);
