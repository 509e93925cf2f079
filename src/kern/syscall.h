/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief What a chapter includes to write system calls: the generated
 * numbers, argument structures and prototypes, and SYSCALL_HANDLER.
 */
#ifndef NAIAD_KERN_SYSCALL_H
#define NAIAD_KERN_SYSCALL_H

#include "kern/sysmsg.h"
#include "kern/sysproto.h"

/** Register \a fn, of type int (struct \a name _args *), for \a name. */
#define SYSCALL_HANDLER(name, fn)	_SYSCALL_HANDLER(name, fn, 0)
/** Register \a fn for \a name unless another chapter registers one. */
#define SYSCALL_HANDLER_DEFAULT(name, fn) _SYSCALL_HANDLER(name, fn, 1)
/** The record of a handler, in the linker set syscall_set. */
#define _SYSCALL_HANDLER(name, fn, dflt)				\
	_Static_assert(__builtin_types_compatible_p(__typeof__(&fn),	\
	    int (*)(struct name##_args *)), #fn ": wrong type");	\
	static const struct syscall_handler syscall_handler_##fn	\
	    __attribute__((used, section("syscall_set"), aligned(4))) = \
	    { #name, (int (*)(struct sysmsg *))(void *)(fn), (dflt) }

#endif /* !NAIAD_KERN_SYSCALL_H */
