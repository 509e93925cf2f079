/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Open files (struct file and its operations), transfers (struct
 * uio), descriptor tables, pipes (book/31-file.nw).
 */
#ifndef NAIAD_KERN_FILE_H
#define NAIAD_KERN_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/fdtable.h"
#include "kern/spinlock.h"

struct file;
struct proc;

/** Files the whole system may have open (command line: maxfiles=N). */
#define MAXFILES	1024

/** Whose memory a uio's address is in. */
enum uio_seg {
	UIO_USERSPACE,		/**< the current process's */
	UIO_SYSSPACE		/**< the kernel's */
};

/** Which way the bytes go. */
enum uio_rw {
	UIO_READ,		/**< from the file to the buffer */
	UIO_WRITE		/**< from the buffer to the file */
};

/** One transfer's buffer: where the bytes are and how many are left. */
struct uio {
	char		*uio_buf;	/**< the next byte */
	size_t		uio_resid;	/**< bytes still to move */
	enum uio_seg	uio_segflg;	/**< user or kernel memory */
	enum uio_rw	uio_rw;		/**< the direction */
};
#define FREAD		0x0001	/**< the file was opened for reading */
#define FWRITE		0x0002	/**< ... for writing */

/** What a kind of file does: the functions a descriptor reaches. */
struct fileops {
	/** Read into \a uio; the bytes moved (0: the end), or -errno. */
	int	(*fo_read)(struct file *fp, struct uio *uio);
	/** Write from \a uio; the bytes moved, or -errno. */
	int	(*fo_write)(struct file *fp, struct uio *uio);
	/** Request \a cmd on kernel memory \a data; 0 or -errno. */
	int	(*fo_ioctl)(struct file *fp, unsigned long cmd, void *data);
	/** The last reference is gone: release the object. */
	void	(*fo_close)(struct file *fp);
	const char *fo_name;	/**< the kind, for messages */
};

/** An open file: a kind (its operations), an object, references. */
struct file {
	const struct fileops *f_ops;	/**< its kind's operations */
	void		*f_data;	/**< the object they work on */
	int		f_flag;		/**< FREAD, FWRITE */
	volatile uint32_t f_count;	/**< references: descriptors, calls */
		int64_t		f_offset;	/**< vnode files: the next byte */
};
/** A process's open files, and the lock that protects the table. */
struct filedesc {
	struct spinlock	fd_spin;	/**< protects fd_table */
	struct fdtable	fd_table;	/**< descriptor -> file */
};
/** \brief Decrement \a *p atomically. \return the new value. */
static inline uint32_t
file_count_down(volatile uint32_t *p)
{
	uint32_t n;

	do {
		n = *p;
	} while (!atomic_cmpset_int(p, n, n - 1));
	return n - 1;
}

/** The operations of both ends of a pipe. */
extern const struct fileops pipe_ops;

/** \brief Make a file of kind \a ops on \a data, opened for \a flag,
 * with one reference. \return 0, -ENFILE or -ENOMEM. */
int falloc(const struct fileops *ops, void *data, int flag,
    struct file **fpp);
/** \brief One more reference to \a fp. */
void fhold(struct file *fp);
/** \brief Drop a reference; the last closes and frees the file. */
void fdrop(struct file *fp);
/** \brief Open files in the system. */
int file_count(void);
/** \brief Move up to \a n bytes between \a kbuf and \a uio.
 * \return 0 or -EFAULT. */
int uiomove(void *kbuf, size_t n, struct uio *uio);
/** \brief Describe a transfer of \a len bytes at \a buf. */
void uio_init(struct uio *uio, void *buf, size_t len, enum uio_seg seg,
    enum uio_rw rw);
/** \brief The file of \a fd, referenced. \return 0 or -EBADF. */
int fd_get(struct filedesc *fdp, int fd, struct file **fpp);
/** \brief Give \a fp the lowest free descriptor. \return it or -EMFILE. */
int fd_install(struct filedesc *fdp, struct file *fp);
/** \brief close(\a fd). \return 0 or -EBADF. */
int kern_close(struct filedesc *fdp, int fd);
/** \brief dup(\a fd). \return the new descriptor, -EBADF or -EMFILE. */
int kern_dup(struct filedesc *fdp, int fd);
/** \brief dup2(\a from, \a to). \return \a to or -EBADF. */
int kern_dup2(struct filedesc *fdp, int from, int to);
/** \brief A new, empty descriptor table, or NULL. */
struct filedesc *fd_table_new(void);
/** \brief A copy of \a fdp sharing its files, or NULL. */
struct filedesc *fd_table_copy(struct filedesc *fdp);
/** \brief Close all of \a fdp's descriptors and free it. */
void fd_table_free(struct filedesc *fdp);
/** \brief ssleep(\a ident, \a spin) as a process: interruptible by a
 * signal, also one that came before. \return 0 or -EINTR. */
int file_sleep(const volatile void *ident, struct spinlock *spin,
    const char *wmesg);
/** \brief A new pipe's two ends. \return 0, -ENFILE or -ENOMEM. */
int kern_pipe(struct file **rfpp, struct file **wfpp);
/** \brief Boot: pipe(2) makes its two ends with \a maker (a later
 * chapter's files around a pipe) instead of kern_pipe. */
void pipe_set_maker(int (*maker)(struct file **rfpp, struct file **wfpp));

struct pipe;
/** \brief A new, empty pipe with no end open. \return it or NULL. */
struct pipe *pipe_alloc(void);
/** \brief Free \a pp, whose ends are all closed. */
void pipe_free(struct pipe *pp);
/** \brief An end of \a pp is opened for \a flag (FREAD, FWRITE). */
void pipe_buf_open(struct pipe *pp, int flag);
/** \brief An end of \a pp opened for \a flag is closed.
 * \return 1 if it was the last (the caller frees \a pp), else 0. */
int pipe_buf_close(struct pipe *pp, int flag);
/** \brief Read \a uio from \a pp, waiting for a writer.
 * \return the bytes, 0 (no writer left) or -EINTR, -EFAULT. */
int pipe_buf_read(struct pipe *pp, struct uio *uio);
/** \brief Write \a uio into \a pp (atomically up to PIPE_BUF bytes).
 * \return the bytes, or -EPIPE (and SIGPIPE), -EINTR, -EFAULT. */
int pipe_buf_write(struct pipe *pp, struct uio *uio);
/** \brief A request on \a pp: FIONREAD. \return 0 or -ENOTTY. */
int pipe_buf_ioctl(struct pipe *pp, unsigned long cmd, void *data);

#endif /* !NAIAD_KERN_FILE_H */
