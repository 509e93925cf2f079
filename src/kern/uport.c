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

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
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
};

static struct spinlock uport_spin = SPINLOCK_INITIALIZER; /* all ports */
static struct uport *uport_table[UPORT_MAX];	/* by number % UPORT_MAX */
static int uport_next = 1;		/* the number the next port tries */
static int uport_nextid = 1;		/* the id of the next message */
static int uport_nports;		/* ports open */
/* Bumped whenever a message or a reply is queued or a port closes:
 * what a waiter that spins watches (read without the lock). */
static volatile uint32_t uport_news;
/* Spins that saw news, and spins that ended without (for the tests). */
static volatile uint32_t uport_spins_rewarded, uport_spins_in_vain;
/* Messages allocated and not yet freed, spares included (for the tests). */
static volatile uint32_t umsg_alive;
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
#define UMSG_ROOM_MIN	64	/* the least room of a body: any short one fits */

/* A new message with ROOM bytes of body, or NULL; counted. */
static struct umsg *
umsg_alloc(size_t room)
{
	struct umsg *m = kmalloc(sizeof(*m) + room, 0);

	if (m != NULL)
		atomic_add_int(&umsg_alive, 1);
	return m;
}

/* Free message M (no lock held). */
static void
umsg_free(struct umsg *m)
{
	atomic_add_int(&umsg_alive, (uint32_t)-1);
	kfree(m);
}

/* The messages in the kernel now (a test checks that none is left). */
int
uport_messages(void)
{
	return (int)umsg_alive;
}

/* The calling process has finished with M: M becomes its spare if it
 * has none and M has the least room, else M is freed (no lock held). */
static void
umsg_recycle(struct umsg *m)
{
	struct proc *p = curproc;

	if (m->um_room == UMSG_ROOM_MIN && p->p_umsg_spare == NULL)
		p->p_umsg_spare = m;
	else
		umsg_free(m);
}

/* A message holding a copy of LEN bytes at user address BODY, or NULL
 * with *ERROR set (-EMSGSIZE, -ENOMEM, -EFAULT): the calling process's
 * spare if the body fits the least room and there is one, else a new
 * message. */
static struct umsg *
umsg_new(const void *body, size_t len, int *error)
{
	struct proc *p = curproc;
	struct umsg *m = NULL;
	size_t room = len < UMSG_ROOM_MIN ? UMSG_ROOM_MIN : len;

	if (len > UPORT_BODYMAX) {
		*error = -EMSGSIZE;
		return NULL;
	}
	if (room == UMSG_ROOM_MIN && p->p_umsg_spare != NULL) {
		m = p->p_umsg_spare;
		p->p_umsg_spare = NULL;
	} else if ((m = umsg_alloc(room)) == NULL) {
		*error = -ENOMEM;
		return NULL;
	}
	m->um_room = (uint32_t)room;
	if (copyin(body, m->um_body, len) != 0) {
		umsg_recycle(m);
		*error = -EFAULT;
		return NULL;
	}
	m->um_len = (uint32_t)len;
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
		umsg_free(m);
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

/* Queue M, the caller's message, on port UP (uport_spin held): its new
 * id, or an error, and M is not queued.  *WAKE: its owner sleeps.
 * CALL: for port_call, whose caller must not own the port (it would
 * wait for its own reply). */
static int
uport_queue_locked(struct uport *up, struct umsg *m, int call, int *wake)
{
	if (call && up->up_owner == m->um_sender)
		return -EDEADLK;
	if (up->up_held >= UPORT_QMAX)
		return -EAGAIN;
	m->um_id = uport_newid();
	TAILQ_INSERT_TAIL(&up->up_sent, m, um_link);
	up->up_held++;
	uport_news++;
	*wake = up->up_owner_sleeps;
	return m->um_id;
}

/* port_send(port, body, len): a copy of the body queued on the port;
 * the message's id. */
int
sys_port_send(struct port_send_args *uap)
{
	struct uport *up;
	struct umsg *m;
	int id, wake = 0;

	if ((m = umsg_new(uap->body, uap->len, &id)) == NULL)
		return id;
	m->um_sender = curproc->p_pid;
	spin_lock(&uport_spin);
	if ((up = uport_find(uap->port)) == NULL)
		id = -EBADF;
	else
		id = uport_queue_locked(up, m, 0, &wake);
	spin_unlock(&uport_spin);
	if (id < 0) {
		umsg_recycle(m);
		return id;
	}
	if (wake)
		wakeup(&up->up_sent);	/* the owner cannot close it meanwhile */
	uap->sysmsg.sm_result = id;
	return 0;
}
/* The first reply for PID on UP, to message ID (to any if ID is 0),
 * or NULL.  uport_spin held. */
static struct umsg *
uport_reply_for(struct uport *up, pid_t pid, int id)
{
	struct umsg *m;

	TAILQ_FOREACH(m, &up->up_replies, um_link)
		if (m->um_sender == pid && (id == 0 || m->um_id == id))
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
/* Could an answer come while we spin: does another CPU run a program? */
static int
uport_spin_worth_it(void)
{
	struct globaldata *me = mycpu, *gd;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		if (gd != me && gd->gd_uschedcp != NULL)
			return 1;
	}
	return 0;
}

/* No lock held: wait, spinning, until uport_news is no longer SEEN, at
 * most UPORT_SPIN_ROUNDS rounds, and only while another CPU runs a
 * program and this one has no other work; 1 if news came. */
static int
uport_spin_for_news(uint32_t seen)
{
	int i;

	for (i = 0; i < UPORT_SPIN_ROUNDS; i++) {
		if (uport_news != seen) {
			atomic_add_int(&uport_spins_rewarded, 1);
			return 1;
		}
		if ((i & 15) == 15 && (mycpu->gd_reqflags != 0 ||
		    !uport_spin_worth_it()))
			break;
		cpu_pause();
	}
	atomic_add_int(&uport_spins_in_vain, 1);
	return 0;
}

/* How many spins saw news, and how many ended without. */
void
uport_spin_counts(uint32_t *rewarded, uint32_t *in_vain)
{
	*rewarded = uport_spins_rewarded;
	*in_vain = uport_spins_in_vain;
}
/* Under uport_spin, UP being port N: wait for the next message (OWNER)
 * or for a reply to ME (to message ID, to any if ID is 0) of at most
 * LEN bytes, spinning a little first when that is worth it, then
 * sleeping for at most *LEFT ticks (< 0: no limit).  Returns with the
 * lock released: 0 and the message in *MP, taken (an owner's moved to
 * up_taken, a reply off every list), or an error. */
static int
uport_take(int n, struct uport *up, int owner, pid_t me, int id,
    size_t len, int *left, struct umsg **mp)
{
	struct umsg *m;
	int spun = 0, error = 0;
	uint32_t seen;

	for (;;) {
		m = owner ? TAILQ_FIRST(&up->up_sent) :
		    uport_reply_for(up, me, id);
		if (m != NULL)
			break;
		if (!owner && !uport_pending(up, me)) {
			error = -ENOENT;
			break;
		}
		if (ncpus > 1 && !spun && *left != 0 &&
		    uport_spin_worth_it()) {
			spun = 1;
			seen = uport_news;
			spin_unlock(&uport_spin);
			uport_spin_for_news(seen);
			spin_lock(&uport_spin);
			if ((up = uport_find(n)) == NULL) {
				error = -EPIPE;		/* closed while we spun */
				break;
			}
			continue;
		}
		if (owner)
			up->up_owner_sleeps++;
		else
			up->up_senders_sleep++;
		error = uport_sleep(owner ? (void *)&up->up_sent :
		    (void *)&up->up_replies, left);
		if ((up = uport_find(n)) == NULL) {
			error = -EPIPE;		/* closed while we slept */
			break;
		}
		if (owner)
			up->up_owner_sleeps--;
		else
			up->up_senders_sleep--;
		if (error != 0)
			break;
	}
	if (m != NULL && m->um_len > len) {
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
	*mp = m;
	return error;
}
/* Copy the body of M, taken from port N by uport_take, out to user
 * address BUF: PORT_RESULT(id, length); or -EFAULT, and M goes back
 * where it was taken from. */
static int
uport_deliver(int n, int owner, struct umsg *m, void *buf)
{
	struct uport *up;
	int result;

	if (copyout(m->um_body, buf, m->um_len) != 0) {
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
			umsg_free(m);	/* the port closed meanwhile */
		return -EFAULT;
	}
	result = PORT_RESULT(m->um_id, (int)m->um_len);
	if (!owner)
		umsg_recycle(m);
	return result;
}
/* port_wait(port, buf, len, timeout_ms): the owner receives the next
 * message, anyone else the reply to its own; PORT_RESULT(id, length). */
int
sys_port_wait(struct port_wait_args *uap)
{
	struct uport *up;
	struct umsg *m;
	pid_t me = curproc->p_pid;
	int left, owner, error, n = uap->port;

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
	error = uport_take(n, up, owner, me, 0, uap->len, &left, &m);
	if (error == -ETIMEDOUT && uap->timeout_ms == 0)
		error = -EAGAIN;		/* only a look */
	if (error != 0)
		return error;
	if ((error = uport_deliver(n, owner, m, uap->body)) < 0)
		return error;
	uap->sysmsg.sm_result = error;
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

/* The owner of port N answers its message ID with a copy of the LEN
 * bytes at user address BODY: 0, or an error and nothing changed. */
static int
uport_reply(int n, int id, const void *body, size_t len)
{
	struct uport *up;
	struct umsg *m = NULL, *r;
	int error = 0, wake = 0;

	if ((r = umsg_new(body, len, &error)) == NULL)
		return error;
	spin_lock(&uport_spin);
	if ((up = uport_find(n)) == NULL)
		error = -EBADF;
	else if (up->up_owner != curproc->p_pid)
		error = -EPERM;
	else if ((m = umsg_find(&up->up_taken, id)) == NULL)
		error = -ENOENT;
	else {
		TAILQ_REMOVE(&up->up_taken, m, um_link);
		r->um_id = m->um_id;
		r->um_sender = m->um_sender;
		if (r->um_sender == 0) {
			up->up_held--;			/* its sender is gone */
		} else {
			TAILQ_INSERT_TAIL(&up->up_replies, r, um_link);
			uport_news++;
			wake = up->up_senders_sleep;
			r = NULL;
		}
	}
	spin_unlock(&uport_spin);
	if (wake)
		wakeup(&up->up_replies);
	if (m != NULL)
		umsg_recycle(m);		/* the request, answered */
	if (r != NULL)
		umsg_recycle(r);		/* a reply that goes nowhere */
	return error;
}

/* port_reply(port, id, body, len): the owner answers message ID; a
 * copy of the body goes to its sender. */
int
sys_port_reply(struct port_reply_args *uap)
{
	return uport_reply(uap->port, uap->msgid, uap->body, uap->len);
}
/* Take UP out of use: its messages onto DEAD.  uport_spin held. */
static void
uport_close_locked(struct uport *up, struct umsglist *dead)
{
	uport_table[up->up_number % UPORT_MAX] = NULL;
	uport_nports--;
	uport_news++;
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
/* port_call(port, body, len, reply, rlen): port_send, then a wait
 * without limit for the reply to that very message, which is copied
 * to REPLY; PORT_RESULT(id, length) of the reply, as port_wait. */
int
sys_port_call(struct port_call_args *uap)
{
	struct uport *up;
	struct umsg *m;
	pid_t me = curproc->p_pid;
	int id, wake = 0, left = -1, n = uap->port;

	if (uap->rlen > 0x7fffffff)
		return -EINVAL;
	if (!USER_RANGE_OK(uap->reply, uap->rlen))
		return -EFAULT;
	if ((m = umsg_new(uap->body, uap->len, &id)) == NULL)
		return id;
	m->um_sender = me;
	spin_lock(&uport_spin);
	if ((up = uport_find(n)) == NULL)
		id = -EBADF;
	else
		id = uport_queue_locked(up, m, 1, &wake);
	if (id < 0) {
		spin_unlock(&uport_spin);
		umsg_recycle(m);
		return id;
	}
	if (wake) {
		spin_unlock(&uport_spin);
		wakeup(&up->up_sent);
		spin_lock(&uport_spin);
		if ((up = uport_find(n)) == NULL) {
			spin_unlock(&uport_spin);
			return -EPIPE;	/* closed since: the request went too */
		}
	}
	if ((id = uport_take(n, up, 0, me, id, uap->rlen, &left, &m)) != 0)
		return id;
	if ((id = uport_deliver(n, 0, m, uap->reply)) < 0)
		return id;
	uap->sysmsg.sm_result = id;
	return 0;
}

SYSCALL_HANDLER(port_call, sys_port_call);
/* port_reply_wait(port, msgid, body, len, buf, buflen): the owner
 * answers MSGID (none if 0), then waits without limit for the next
 * message, copied to BUF; PORT_RESULT(id, length) of that message. */
int
sys_port_reply_wait(struct port_reply_wait_args *uap)
{
	struct uport *up;
	struct umsg *m;
	pid_t me = curproc->p_pid;
	int error, left = -1, n = uap->port;

	if (uap->buflen > 0x7fffffff)
		return -EINVAL;
	if (!USER_RANGE_OK(uap->buf, uap->buflen))
		return -EFAULT;
	if (uap->msgid != 0 &&
	    (error = uport_reply(n, uap->msgid, uap->body, uap->len)) != 0)
		return error;
	spin_lock(&uport_spin);
	if ((up = uport_find(n)) == NULL || up->up_owner != me) {
		spin_unlock(&uport_spin);
		return up == NULL ? -EBADF : -EPERM;
	}
	if ((error = uport_take(n, up, 1, me, 0, uap->buflen, &left,
	    &m)) != 0)
		return error;
	if ((error = uport_deliver(n, 1, m, uap->buf)) < 0)
		return error;
	uap->sysmsg.sm_result = error;
	return 0;
}

SYSCALL_HANDLER(port_reply_wait, sys_port_reply_wait);
/* Exit: close P's ports; drop its messages from the others', and its
 * spare. */
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
	if (p->p_umsg_spare != NULL) {
		umsg_free(p->p_umsg_spare);
		p->p_umsg_spare = NULL;
	}
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
