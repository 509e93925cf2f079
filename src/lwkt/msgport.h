/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Message ports (book/22-msgport.nw): messages sent to ports that
 * decide how each one runs; thread, spin, serialized, put-only and
 * reply-only ports.
 */
#ifndef NAIAD_LWKT_MSGPORT_H
#define NAIAD_LWKT_MSGPORT_H

#include <stdint.h>

#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/queue.h"
#include "kern/spinlock.h"
#include "lwkt/token.h"

struct thread;
struct lwkt_port;

#define MSGF_DONE	0x0001	/**< back with its sender, who owns it */
#define MSGF_REPLY	0x0002	/**< replied (maybe still on its way back) */
#define MSGF_QUEUED	0x0004	/**< on a port's queue */
#define MSGF_SYNC	0x0008	/**< sent by lwkt_domsg: reply not queued */
#define MSGF_INTRANSIT	0x0010	/**< travelling to another CPU by IPI */
#define MSGF_WAITING	0x0020	/**< DragonFly's; Naiad marks the port */
#define MSGF_DROPABLE	0x0040	/**< lwkt_dropmsg may remove it unreplied */
#define MSGF_ABORTABLE	0x0080	/**< lwkt_abortmsg may end it early */
#define MSGF_PRIORITY	0x0100	/**< received before ordinary messages */
#define MSGF_ABORTED	0x0200	/**< its sender asked for an abort */
/** The flags a sender chooses (lwkt_initmsg); the rest are the ports'. */
#define MSGF_USERFLAGS	(MSGF_DROPABLE | MSGF_ABORTABLE | MSGF_PRIORITY)
#define MSG_CMD_DEVICE	0x00010000	/**< device requests */
#define MSG_CMD_VFS	0x00020000	/**< filesystem requests */
#define MSG_CMD_SYSCALL	0x00030000	/**< system calls */
#define MSG_CMD_NETMSG	0x00040000	/**< network requests */
#define MSG_CMD_CLASS_MASK 0xFFFF0000u	/**< the class of a command */
#define MSG_SUBCMD_MASK	0x0000FFFFu	/**< the request within its class */
/** A list of messages. */
TAILQ_HEAD(lwkt_msg_queue, lwkt_msg);

/**
 * A message: a request sent to a port, and its reply.  Usually the first
 * member of a larger structure.  Only its current owner touches it.
 */
struct lwkt_msg {
	TAILQ_ENTRY(lwkt_msg) ms_node;	/**< on a port's queue */
	struct lwkt_port *ms_target_port; /**< where it was sent */
	struct lwkt_port *ms_reply_port; /**< where its reply goes */
	/** Called on the target's side when its sender aborts it. */
	void		(*ms_abortfn)(struct lwkt_msg *msg);
	uint32_t	ms_cmd;		/**< MSG_CMD_* | sub-command */
	volatile int	ms_flags;	/**< MSGF_* */
	int		ms_error;	/**< 0 or a negated error, at reply */
	/** A small result, set by the target. */
	union {
		int	ms_result;	/**< an int */
		long	ms_lresult;	/**< a long */
		int64_t	ms_result64;	/**< 64 bits */
		void	*ms_resultp;	/**< a pointer */
		int	ms_fds[2];	/**< two descriptors (pipe) */
	} u;
};
#define MSGPORTF_WAITING 0x0001	/**< a thread sleeps on it: wake it */

/** What mp_abortport found: LWKT_ABORT_*. */
#define LWKT_ABORT_LATE	0	/**< the target has or had it: wait on */
#define LWKT_ABORT_TAKEN 1	/**< given back unbegun: sender replies */
#define LWKT_ABORT_RETRY 2	/**< travelling or moved: ask again */

/**
 * A port: a queue of messages and the functions that decide how
 * messages put to it run, and how replies to it arrive.
 */
struct lwkt_port {
	struct lwkt_msg_queue mp_msgq;	/**< waiting messages */
	struct lwkt_msg_queue mp_msgq_prio; /**< ... MSGF_PRIORITY ones */
	int		mp_flags;	/**< MSGPORTF_* */
	int		mp_waiters;	/**< spin, serialized: receivers asleep */
	struct thread	*mpu_td;	/**< thread port: its owner */
	struct spinlock	mpu_spin;	/**< spin port: protects the queues */
	struct lwkt_token *mpu_token;	/**< serialized port: protects them */
	/** Take a message without waiting, or NULL. */
	struct lwkt_msg *(*mp_getport)(struct lwkt_port *port);
	/** A message arrives: run it (its error) or queue it (-EASYNC). */
	int		(*mp_putport)(struct lwkt_port *port,
			    struct lwkt_msg *msg);
	/** Wait for \a msg's reply, which comes to this port. */
	int		(*mp_waitmsg)(struct lwkt_msg *msg, int flags,
			    int timo);
	/** Wait for a message; NULL and *errorp if the wait ended. */
	struct lwkt_msg *(*mp_waitport)(struct lwkt_port *port, int flags,
			    int timo, int *errorp);
	/** A reply arrives. */
	void		(*mp_replyport)(struct lwkt_port *port,
			    struct lwkt_msg *msg);
	/** Remove an unreplied DROPABLE message: 0 or -ENOENT. */
	int		(*mp_dropmsg)(struct lwkt_port *port,
			    struct lwkt_msg *msg);
	/** The sender aborts \a msg, sent here: LWKT_ABORT_*. */
	int		(*mp_abortport)(struct lwkt_port *port,
			    struct lwkt_msg *msg);
};
/** \brief lwkt_initmsg with MSGF_ABORTABLE and the abort function \a fn. */
void lwkt_initmsg_abortable(struct lwkt_msg *msg, struct lwkt_port *rport,
    int flags, void (*fn)(struct lwkt_msg *msg));
/**
 * \brief Send \a msg to \a port and return at once.  The reply always
 * arrives at the reply port, even if the port ran the message at once.
 * The sender must own it (DONE).  Any thread.
 */
void lwkt_sendmsg(struct lwkt_port *port, struct lwkt_msg *msg);
/**
 * \brief Pass \a msg, which the caller received, to \a port, which
 * then owns it and replies to the original reply port.  \return what
 * that port's putport returned (it was replied if not -EASYNC).
 */
int lwkt_forwardmsg(struct lwkt_port *port, struct lwkt_msg *msg);
/**
 * \brief Reply \a msg with \a error (0 or negated).  Its target only,
 * once.  Any thread that holds it, any CPU.
 */
void lwkt_replymsg(struct lwkt_msg *msg, int error);
/**
 * \brief Wait until \a msg is back (DONE); \return its error.  Its
 * sender only.  PCATCH in \a flags: an interruption aborts it, then
 * waits on.
 */
int lwkt_waitmsg(struct lwkt_msg *msg, int flags);
/**
 * \brief lwkt_waitmsg that aborts \a msg after \a timo ticks, then
 * waits on until it is back.  \return its error as replied (-EINTR if
 * the target gave it back unbegun).
 */
int lwkt_waitmsg_timo(struct lwkt_msg *msg, int flags, int timo);
/** \brief Take the first message of \a port (priority ones first), or NULL. */
struct lwkt_msg *lwkt_getport(struct lwkt_port *port);
/**
 * \brief Wait for a message on \a port and take it.  \return it, or
 * NULL if a PCATCH wait was interrupted.
 */
struct lwkt_msg *lwkt_waitport(struct lwkt_port *port, int flags);
/**
 * \brief lwkt_waitport for at most \a timo ticks: \return a message, or
 * NULL with -EWOULDBLOCK or -EINTR in *\a errorp (if not NULL).
 */
struct lwkt_msg *lwkt_waitport_timo(struct lwkt_port *port, int flags,
    int timo, int *errorp);
/**
 * \brief Remove \a msg (MSGF_DROPABLE), unreplied, from the port it
 * waits on; the caller, who then owns it, must be allowed to receive
 * there.  \return 0, or -ENOENT if it was not waiting there.
 */
int lwkt_dropmsg(struct lwkt_msg *msg);
/**
 * \brief The sender of \a msg asks its target to end it early; then it
 * must still wait for it.  \return 1 if it was given back unbegun and
 * replied -EINTR, 0 otherwise (not abortable, replied, or the target
 * has it: MSGF_ABORTED set, ms_abortfn called).  Thread context.
 */
int lwkt_abortmsg(struct lwkt_msg *msg);
/** \brief Has \a msg's sender asked to abort it?  For its target. */
static inline int
lwkt_msg_aborted(const struct lwkt_msg *msg)
{
	return (msg->ms_flags & MSGF_ABORTED) != 0;
}
/**
 * \brief Prepare \a msg, owned by its sender, whose replies go to
 * \a rport; \a flags of MSGF_USERFLAGS.  Marks it DONE: its sender's.
 * Inline (every system call prepares one): with constant flags the
 * check costs nothing at run time.
 */
static inline void
lwkt_initmsg(struct lwkt_msg *msg, struct lwkt_port *rport, int flags)
{
	KASSERT((flags & ~MSGF_USERFLAGS) == 0,
	    ("lwkt_initmsg: flags 0x%x are not a sender's to choose", flags));
	msg->ms_target_port = NULL;
	msg->ms_reply_port = rport;
	msg->ms_abortfn = NULL;
	msg->ms_cmd = 0;
	msg->ms_flags = MSGF_DONE | flags;
	msg->ms_error = 0;
	msg->u.ms_result64 = 0;
}
/* Panic unless MSG is back with its sender (DONE, on no queue). */
static inline void
lwkt_msg_check_sender(const struct lwkt_msg *msg, const char *who)
{
	KASSERT((msg->ms_flags & (MSGF_DONE | MSGF_QUEUED |
	    MSGF_INTRANSIT)) == MSGF_DONE,
	    ("%s: message %p (flags 0x%x) is not its sender's: sent before "
	    "its reply came back?", who, msg, msg->ms_flags));
	KASSERT(msg->ms_reply_port != NULL,
	    ("%s: message %p has no reply port", who, msg));
}

/* Give MSG to PORT's putport: its value, or -EASYNC if it queued it. */
static inline int
lwkt_beginmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	msg->ms_target_port = port;
	return port->mp_putport(port, msg);
}
/**
 * \brief lwkt_domsg that aborts the message after \a timo ticks (0:
 * never) and waits on; \return its error.  Inline: see lwkt_domsg.
 */
static inline int
lwkt_domsg_timo(struct lwkt_port *port, struct lwkt_msg *msg, int flags,
    int timo)
{
	int error;

	lwkt_msg_check_sender(msg, "lwkt_domsg");
	msg->ms_flags = (msg->ms_flags & ~(MSGF_DONE | MSGF_REPLY |
	    MSGF_ABORTED)) | MSGF_SYNC;
	error = lwkt_beginmsg(port, msg);
	if (error == -EASYNC)
		return lwkt_waitmsg_timo(msg, flags, timo);
	msg->ms_error = error;
	msg->ms_flags |= MSGF_DONE | MSGF_REPLY;
	return error;
}

/**
 * \brief Send \a msg to \a port and wait for its reply; \return its
 * error.  If the port runs it at once, nothing waits.  \a flags:
 * PCATCH lets tsleep_interrupt abort it (it is still waited for).
 * Inline: a port that runs the message at once costs one indirect call.
 */
static inline int
lwkt_domsg(struct lwkt_port *port, struct lwkt_msg *msg, int flags)
{
	return lwkt_domsg_timo(port, msg, flags, 0);
}
/** \brief A thread port owned by \a td: only \a td receives; \a td stays on its CPU. */
void lwkt_initport_thread(struct lwkt_port *port, struct thread *td);
/** \brief A spin port: any thread of any CPU may receive. */
void lwkt_initport_spin(struct lwkt_port *port);
/** \brief A serialized port whose queue \a tok protects. */
void lwkt_initport_serialize(struct lwkt_port *port,
    struct lwkt_token *tok);
/** \brief A put-only port: \a putfn decides; nothing is received from it. */
void lwkt_initport_putonly(struct lwkt_port *port,
    int (*putfn)(struct lwkt_port *port, struct lwkt_msg *msg));
/** \brief A reply-only port: \a replyfn receives every reply to it. */
void lwkt_initport_replyonly(struct lwkt_port *port,
    void (*replyfn)(struct lwkt_port *port, struct lwkt_msg *msg));
/** \brief A reply-only port whose replies only mark the message DONE. */
void lwkt_initport_replyonly_null(struct lwkt_port *port);
/** \brief A port that panics at every operation: a base to fill in. */
void lwkt_initport_panic(struct lwkt_port *port);
/** \brief Queue \a msg on \a port (priority ones apart); the caller protects the port. */
void lwkt_port_pushmsg(struct lwkt_port *port, struct lwkt_msg *msg);
/** \brief Take the first message off \a port, or NULL; caller protects. */
struct lwkt_msg *lwkt_port_pullmsg(struct lwkt_port *port);
/** \brief Take \a msg, queued on \a port, off it; caller protects. */
void lwkt_port_removemsg(struct lwkt_port *port, struct lwkt_msg *msg);
/**
 * \brief tsleep that releases \a spin once the thread is on its sleep
 * queue, and takes it again before returning: no wakeup is lost between.
 */
int ssleep(const volatile void *ident, struct spinlock *spin, int flags,
    const char *wmesg, int timo);

#endif /* !NAIAD_LWKT_MSGPORT_H */
