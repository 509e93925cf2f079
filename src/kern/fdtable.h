/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The rules of a descriptor table, without its locking
 * (book/31-file.nw): pure logic, tested on the host.
 */
#ifndef NAIAD_KERN_FDTABLE_H
#define NAIAD_KERN_FDTABLE_H

struct file;

#define NOFILE		64	/**< descriptors of a process */

/** A process's descriptors: each an index into ft_files. */
struct fdtable {
	struct file	*ft_files[NOFILE];	/**< NULL: closed */
};

/** \brief The file of \a fd, or NULL if closed or impossible. */
struct file *fdt_get(const struct fdtable *t, int fd);
/** \brief The lowest closed descriptor, or -EMFILE. */
int fdt_lowest_free(const struct fdtable *t);
/** \brief Put \a fp at valid \a fd. \return the file displaced, or NULL. */
struct file *fdt_set(struct fdtable *t, int fd, struct file *fp);
/** \brief dup2's rules. \return \a to or -EBADF; the file displaced in *\a oldp. */
int fdt_dup2(struct fdtable *t, int from, int to, struct file **oldp);

#endif /* !NAIAD_KERN_FDTABLE_H */
