/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Ports for processes (book/33-uport.nw): numbered ports that one
 * process owns and others send to; bodies copied in and out, bounded;
 * wait with a timeout, reply, close; a dead process's ports closed.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/callout.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/proc.h"
#include "kern/queue.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/uport.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"
#include "vm/vm_map.h"

/** A message: who sent it, and a copy of its body. */
struct umsg {
	TAILQ_ENTRY(umsg) um_link;	/**< on one of its port's lists */
	int		um_id;		/**< its number, for port_reply */
	pid_t		um_sender;	/**< who collects the reply; 0: gone */
	uint32_t	um_len;		/**< bytes in um_body */
	uint32_t	um_room;	/**< bytes um_body can hold */
	char		um_body[];	/**< the copy */
};

TAILQ_HEAD(umsglist, umsg);

/** A port: its owner receives what others send, and replies. */
struct uport {
	int		up_number;	/**< what programs call it */
	pid_t		up_owner;	/**< the process that receives */
	int		up_held;	/**< messages on the three lists */
	int		up_owner_sleeps; /**< the owner waits for a message */
	int		up_senders_sleep; /**< senders wait for replies */
	struct umsglist	up_sent;	/**< sent, not yet received */
	struct umsglist	up_taken;	/**< received, not yet replied to */
	struct umsglist	up_replies;	/**< replies, not yet collected */
	struct umsg	*up_spare;	/**< a collected one, for the next send */
};

static struct spinlock uport_spin = SPINLOCK_INITIALIZER; /* all ports */
static struct uport *uport_table[UPORT_MAX];	/* by number % UPORT_MAX */
static int uport_next = 1;		/* the number the next port tries */
static int uport_nextid = 1;		/* the id of the next message */
static int uport_nports;		/* ports open */
/* The open port numbered N, or NULL.  uport_spin held. */
static struct uport *
uport_find(int n)
{
	struct uport *up;

	if (n <= 0)
		return NULL;
	up = uport_table[n % UPORT_MAX];
	return up != NULL && up->up_number == n ? up : NULL;
}

/* The ports open now. */
int
uport_count(void)
{
	int n;

	spin_lock(&uport_spin);
	n = uport_nports;
	spin_unlock(&uport_spin);
	return n;
}
#define UMSG_ROOM_MIN	64	/* the least room of a body: a short reply fits */

/* A message holding a copy of LEN bytes at user address BODY, or NULL
 * with *ERROR set (-EMSGSIZE, -ENOMEM, -EFAULT): SPARE if it is not
 * NULL (its room UMSG_ROOM_MIN, enough: LEN is no more), else a new
 * one; SPARE is freed on an error. */
static struct umsg *
umsg_new(struct umsg *spare, const void *body, size_t len, int *error)
{
	struct umsg *m = spare;
	size_t room = len < UMSG_ROOM_MIN ? UMSG_ROOM_MIN : len;

	if (len > UPORT_BODYMAX) {
		kfree(spare);
		*error = -EMSGSIZE;
		return NULL;
	}
	if (m == NULL && (m = kmalloc(sizeof(*m) + room, 0)) == NULL) {
		*error = -ENOMEM;
		return NULL;
	}
	if (copyin(body, m->um_body, len) != 0) {
		kfree(m);
		*error = -EFAULT;
		return NULL;
	}
	m->um_len = (uint32_t)len;
	m->um_room = (uint32_t)room;
	return m;
}

/* Put M first on LIST: a message given back is the next one taken. */
static void
umsg_push_front(struct umsglist *list, struct umsg *m)
{
	if (TAILQ_FIRST(list) != NULL)
		TAILQ_INSERT_BEFORE(TAILQ_FIRST(list), m, um_link);
	else
		TAILQ_INSERT_TAIL(list, m, um_link);
}

/* Free every message of LIST (no lock held). */
static void
umsg_free_list(struct umsglist *list)
{
	struct umsg *m;

	while ((m = TAILQ_FIRST(list)) != NULL) {
		TAILQ_REMOVE(list, m, um_link);
		kfree(m);
	}
}

/* Move every message of FROM whose sender is PID (every one if PID is
 * 0) onto TO; how many.  uport_spin held. */
static int
umsg_move(struct umsglist *from, struct umsglist *to, pid_t pid)
{
	struct umsg *m, *next;
	int n = 0;

	for (m = TAILQ_FIRST(from); m != NULL; m = next) {
		next = TAILQ_NEXT(m, um_link);
		if (pid == 0 || m->um_sender == pid) {
			TAILQ_REMOVE(from, m, um_link);
			TAILQ_INSERT_TAIL(to, m, um_link);
			n++;
		}
	}
	return n;
}
/* port_create(): a new port owned by the caller; its number. */
int
sys_port_create(struct port_create_args *uap)
{
	struct uport *up;
	int i, n = 0;

	if ((up = kmalloc(sizeof(*up), M_ZERO)) == NULL)
		return -ENOMEM;
	TAILQ_INIT(&up->up_sent);
	TAILQ_INIT(&up->up_taken);
	TAILQ_INIT(&up->up_replies);
	up->up_owner = curproc->p_pid;
	spin_lock(&uport_spin);
	for (i = 0; i < UPORT_MAX; i++) {
		n = uport_next;
		uport_next = n >= UPORT_NUMBER_MAX ? 1 : n + 1;
		if (uport_table[n % UPORT_MAX] == NULL)
			break;
	}
	if (i == UPORT_MAX) {
		spin_unlock(&uport_spin);
		kfree(up);
		return -ENFILE;
	}
	up->up_number = n;
	uport_table[n % UPORT_MAX] = up;
	uport_nports++;
	spin_unlock(&uport_spin);
	uap->sysmsg.sm_result = n;
	return 0;
}
/* The next message id.  uport_spin held. */
static int
uport_newid(void)
{
	int id = uport_nextid;

	uport_nextid = id >= PORT_MSGID_MAX ? 1 : id + 1;
	return id;
}

/* port_send(port, body, len): a copy of the body queued on the port;
 * the message's id. */
int
sys_port_send(struct port_send_args *uap)
{
	struct uport *up;
	struct umsg *m = NULL;
	int error = 0, wake = 0, id = 0;

	if (uap->len <= UMSG_ROOM_MIN) {	/* the port's spare fits */
		spin_lock(&uport_spin);
		if ((up = uport_find(uap->port)) != NULL) {
			m = up->up_spare;
			up->up_spare = NULL;
		}
		spin_unlock(&uport_spin);
	}
	if ((m = umsg_new(m, uap->body, uap->len, &error)) == NULL)
		return error;
	m->um_sender = curproc->p_pid;
	spin_lock(&uport_spin);
	if ((up = uport_find(uap->port)) == NULL)
		error = -EBADF;
	else if (up->up_held >= UPORT_QMAX)
		error = -EAGAIN;
	else {
		m->um_id = id = uport_newid();
		TAILQ_INSERT_TAIL(&up->up_sent, m, um_link);
		up->up_held++;
		wake = up->up_owner_sleeps;
	}
	spin_unlock(&uport_spin);
	if (error != 0) {
		kfree(m);
		return error;
	}
	if (wake)
		wakeup(&up->up_sent);	/* the owner cannot close it meanwhile */
	uap->sysmsg.sm_result = id;
	return 0;
}
/* The first reply for PID on UP, or NULL.  uport_spin held. */
static struct umsg *
uport_reply_for(struct uport *up, pid_t pid)
{
	struct umsg *m;

	TAILQ_FOREACH(m, &up->up_replies, um_link)
		if (m->um_sender == pid)
			return m;
	return NULL;
}

/* Has PID a message on UP that waits for its reply?  uport_spin held. */
static int
uport_pending(struct uport *up, pid_t pid)
{
	struct umsg *m;

	TAILQ_FOREACH(m, &up->up_sent, um_link)
		if (m->um_sender == pid)
			return 1;
	TAILQ_FOREACH(m, &up->up_taken, um_link)
		if (m->um_sender == pid)
			return 1;
	return 0;
}

/* Sleep on IDENT (uport_spin held, and again on return): 0 when woken
 * or out of time (*LEFT becomes 0), -EINTR for a signal, -ETIMEDOUT if
 * *LEFT was 0 already.  *LEFT < 0: no limit. */
static int
uport_sleep(const volatile void *ident, int *left)
{
	uint32_t start = mycpu->gd_ticks, gone;
	int error;

	if (*left == 0)
		return -ETIMEDOUT;
	if (curproc != NULL && proc_sleep_check != NULL &&
	    (error = proc_sleep_check(curproc)) != 0)
		return error;
	error = ssleep(ident, &uport_spin, PCATCH, "portwt",
	    *left > 0 ? *left : 0);
	if (*left > 0) {
		gone = mycpu->gd_ticks - start;
		*left = gone >= (uint32_t)*left ? 0 : *left - (int)gone;
	}
	if (error == -EWOULDBLOCK) {
		*left = 0;
		error = 0;
	}
	return error;
}
/* The sender has collected reply M of port N: keep M as its spare if
 * it has none and M has the least room, else free M (no lock held). */
static void
umsg_collected(int n, struct umsg *m)
{
	struct uport *up;

	if (m->um_room == UMSG_ROOM_MIN) {
		spin_lock(&uport_spin);
		if ((up = uport_find(n)) != NULL && up->up_spare == NULL) {
			up->up_spare = m;
			m = NULL;
		}
		spin_unlock(&uport_spin);
	}
	if (m != NULL)
		kfree(m);
}
/* port_wait(port, buf, len, timeout_ms): the owner receives the next
 * message, anyone else the reply to its own; PORT_RESULT(id, length). */
int
sys_port_wait(struct port_wait_args *uap)
{
	struct uport *up;
	struct umsg *m = NULL;
	pid_t me = curproc->p_pid;
	int left, owner, error = 0, n = uap->port;

	if (uap->len > 0x7fffffff)
		return -EINVAL;
	if (!USER_RANGE_OK(uap->body, uap->len))
		return -EFAULT;
	left = uap->timeout_ms < 0 ? -1 : uap->timeout_ms == 0 ? 0 :
	    callout_ns_to_ticks((uint64_t)uap->timeout_ms * 1000000u);
	if (uap->timeout_ms > 0 && left < 1)
		left = 1;
	spin_lock(&uport_spin);
	if ((up = uport_find(n)) == NULL) {
		spin_unlock(&uport_spin);
		return -EBADF;
	}
	owner = up->up_owner == me;
	for (;;) {
		m = owner ? TAILQ_FIRST(&up->up_sent) : uport_reply_for(up, me);
		if (m != NULL)
			break;
		if (!owner && !uport_pending(up, me)) {
			error = -ENOENT;
			break;
		}
		if (owner)
			up->up_owner_sleeps++;
		else
			up->up_senders_sleep++;
		error = uport_sleep(owner ? (void *)&up->up_sent :
		    (void *)&up->up_replies, &left);
		if ((up = uport_find(n)) == NULL) {
			error = -EPIPE;		/* closed while we slept */
			break;
		}
		if (owner)
			up->up_owner_sleeps--;
		else
			up->up_senders_sleep--;
		if (error == -ETIMEDOUT && left == 0 && uap->timeout_ms == 0)
			error = -EAGAIN;	/* only a look */
		if (error != 0)
			break;
	}
	if (m != NULL && m->um_len > uap->len) {
		error = -EMSGSIZE;		/* it stays for a bigger buffer */
		m = NULL;
	}
	if (m != NULL) {
		if (owner) {
			TAILQ_REMOVE(&up->up_sent, m, um_link);
			TAILQ_INSERT_TAIL(&up->up_taken, m, um_link);
		} else {
			TAILQ_REMOVE(&up->up_replies, m, um_link);
			up->up_held--;
		}
	}
	spin_unlock(&uport_spin);
	if (error != 0)
		return error;
	if (copyout(m->um_body, uap->body, m->um_len) != 0) {
		spin_lock(&uport_spin);
		if ((up = uport_find(n)) != NULL && owner) {
			TAILQ_REMOVE(&up->up_taken, m, um_link);
			umsg_push_front(&up->up_sent, m);
		} else if (up != NULL) {
			umsg_push_front(&up->up_replies, m);
			up->up_held++;
		}
		spin_unlock(&uport_spin);
		if (up == NULL && !owner)
			kfree(m);	/* the port closed meanwhile */
		return -EFAULT;
	}
	uap->sysmsg.sm_result = PORT_RESULT(m->um_id, (int)m->um_len);
	if (!owner)
		umsg_collected(n, m);
	return 0;
}
/* The message of id ID on LIST, or NULL.  uport_spin held. */
static struct umsg *
umsg_find(struct umsglist *list, int id)
{
	struct umsg *m;

	TAILQ_FOREACH(m, list, um_link)
		if (m->um_id == id)
			return m;
	return NULL;
}

/* port_reply(port, id, body, len): the owner answers message ID; a
 * copy of the body goes to its sender. */
int
sys_port_reply(struct port_reply_args *uap)
{
	struct uport *up;
	struct umsg *m = NULL, *r = NULL, *drop = NULL;
	int error = 0, wake = 0;

	if (uap->len > UPORT_BODYMAX)
		return -EMSGSIZE;
	spin_lock(&uport_spin);
	if ((up = uport_find(uap->port)) == NULL)
		error = -EBADF;
	else if (up->up_owner != curproc->p_pid)
		error = -EPERM;
	else if ((m = umsg_find(&up->up_taken, uap->msgid)) == NULL)
		error = -ENOENT;
	spin_unlock(&uport_spin);
	if (error != 0)
		return error;
	if (uap->len <= m->um_room) {
		if (copyin(uap->body, m->um_body, uap->len) != 0)
			return -EFAULT;
		m->um_len = (uint32_t)uap->len;
	} else if ((r = umsg_new(NULL, uap->body, uap->len, &error)) == NULL) {
		return error;
	}
	spin_lock(&uport_spin);
	TAILQ_REMOVE(&up->up_taken, m, um_link);
	if (r != NULL) {			/* the reply replaces it */
		r->um_id = m->um_id;
		r->um_sender = m->um_sender;
		drop = m;
		m = r;
	}
	if (m->um_sender == 0) {
		up->up_held--;			/* its sender is gone */
		r = m;
	} else {
		TAILQ_INSERT_TAIL(&up->up_replies, m, um_link);
		wake = up->up_senders_sleep;
		r = NULL;
	}
	spin_unlock(&uport_spin);
	if (wake)
		wakeup(&up->up_replies);
	if (drop != NULL)
		kfree(drop);
	if (r != NULL)
		kfree(r);
	return 0;
}
/* Take UP out of use: its messages onto DEAD.  uport_spin held. */
static void
uport_close_locked(struct uport *up, struct umsglist *dead)
{
	uport_table[up->up_number % UPORT_MAX] = NULL;
	uport_nports--;
	umsg_move(&up->up_sent, dead, 0);
	umsg_move(&up->up_taken, dead, 0);
	umsg_move(&up->up_replies, dead, 0);
	up->up_held = 0;
}

/* Wake everyone asleep on closed UP, then free it (no lock held). */
static void
uport_free(struct uport *up)
{
	wakeup(&up->up_sent);
	wakeup(&up->up_replies);
	if (up->up_spare != NULL)
		kfree(up->up_spare);
	kfree(up);
}

/* port_close(port): the owner closes it; everything it holds goes. */
int
sys_port_close(struct port_close_args *uap)
{
	struct umsglist dead;
	struct uport *up;

	TAILQ_INIT(&dead);
	spin_lock(&uport_spin);
	if ((up = uport_find(uap->port)) == NULL) {
		spin_unlock(&uport_spin);
		return -EBADF;
	}
	if (up->up_owner != curproc->p_pid) {
		spin_unlock(&uport_spin);
		return -EPERM;
	}
	uport_close_locked(up, &dead);
	spin_unlock(&uport_spin);
	uport_free(up);
	umsg_free_list(&dead);
	return 0;
}

SYSCALL_HANDLER(port_create, sys_port_create);
SYSCALL_HANDLER(port_send, sys_port_send);
SYSCALL_HANDLER(port_wait, sys_port_wait);
SYSCALL_HANDLER(port_reply, sys_port_reply);
SYSCALL_HANDLER(port_close, sys_port_close);
/* Exit: close P's ports; drop its messages from the others'. */
static void
uport_exit(struct proc *p)
{
	struct umsglist dead;
	struct uport *closed[UPORT_MAX], *up;
	struct umsg *m;
	int i, nclosed = 0;

	TAILQ_INIT(&dead);
	spin_lock(&uport_spin);
	for (i = 0; i < UPORT_MAX; i++) {
		if ((up = uport_table[i]) == NULL)
			continue;
		if (up->up_owner == p->p_pid) {
			uport_close_locked(up, &dead);
			closed[nclosed++] = up;
			continue;
		}
		up->up_held -= umsg_move(&up->up_sent, &dead, p->p_pid);
		up->up_held -= umsg_move(&up->up_replies, &dead, p->p_pid);
		TAILQ_FOREACH(m, &up->up_taken, um_link)
			if (m->um_sender == p->p_pid)
				m->um_sender = 0;	/* its reply goes nowhere */
	}
	spin_unlock(&uport_spin);
	for (i = 0; i < nclosed; i++)
		uport_free(closed[i]);
	umsg_free_list(&dead);
}

static struct proc_hook uport_proc_hook = { NULL, uport_exit, NULL,
    "ports", NULL };
/* Boot: processes' exits close their ports. */
static void
uport_init(void *arg)
{
	(void)arg;
	proc_hook_register(&uport_proc_hook);
}

SYSINIT(uport, SI_SUB_UPORT, SI_ORDER_FIRST, uport_init, NULL);
