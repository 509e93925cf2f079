/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Tail queues: doubly linked lists with a head that knows the tail.
 */
#ifndef NAIAD_KERN_QUEUE_H
#define NAIAD_KERN_QUEUE_H

#include <stddef.h>

/** Declare `struct name`, the head of a list of `struct type`. */
#define TAILQ_HEAD(name, type)						\
struct name {								\
	struct type *tqh_first;	/* the first element, or NULL */	\
	struct type **tqh_last;	/* the last element's tqe_next */	\
}

/** The link fields an element embeds, one per list it can be on. */
#define TAILQ_ENTRY(type)						\
struct {								\
	struct type *tqe_next;	/* the next element, or NULL */		\
	struct type **tqe_prev;	/* what points at this element */	\
}
/** Make \a head an empty list. */
#define TAILQ_INIT(head) do {						\
	(head)->tqh_first = NULL;					\
	(head)->tqh_last = &(head)->tqh_first;				\
} while (0)

/** Is the list empty? */
#define TAILQ_EMPTY(head)	((head)->tqh_first == NULL)
/** The first element, or NULL. */
#define TAILQ_FIRST(head)	((head)->tqh_first)
/** The element after \a elm, or NULL. */
#define TAILQ_NEXT(elm, field)	((elm)->field.tqe_next)

/** Append \a elm to the list. */
#define TAILQ_INSERT_TAIL(head, elm, field) do {			\
	(elm)->field.tqe_next = NULL;					\
	(elm)->field.tqe_prev = (head)->tqh_last;			\
	*(head)->tqh_last = (elm);					\
	(head)->tqh_last = &(elm)->field.tqe_next;			\
} while (0)

/** Unlink \a elm, wherever it is in the list. */
#define TAILQ_REMOVE(head, elm, field) do {				\
	if ((elm)->field.tqe_next != NULL)				\
		(elm)->field.tqe_next->field.tqe_prev =			\
		    (elm)->field.tqe_prev;				\
	else								\
		(head)->tqh_last = (elm)->field.tqe_prev;		\
	*(elm)->field.tqe_prev = (elm)->field.tqe_next;			\
} while (0)

/** Visit every element; the body must not remove \a var. */
#define TAILQ_FOREACH(var, head, field)					\
	for ((var) = TAILQ_FIRST(head); (var) != NULL;			\
	    (var) = TAILQ_NEXT(var, field))
/** Insert \a elm just before \a listelm, which is on a list. */
#define TAILQ_INSERT_BEFORE(listelm, elm, field) do {			\
	(elm)->field.tqe_prev = (listelm)->field.tqe_prev;		\
	(elm)->field.tqe_next = (listelm);				\
	*(listelm)->field.tqe_prev = (elm);				\
	(listelm)->field.tqe_prev = &(elm)->field.tqe_next;		\
} while (0)

#endif /* !NAIAD_KERN_QUEUE_H */
