/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Starting programs: arguments, the entry stack, exec, spawn.
 */
#ifndef NAIAD_KERN_EXEC_H
#define NAIAD_KERN_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "kern/exec_args.h"
#include "kern/proc.h"

struct vmspace;

/** \brief \a a from kernel strings. \return 0, -ENOMEM or -E2BIG. */
int exec_args_kernel(struct exec_args *a, const char *path,
    char *const *argv, char *const *envp);
/** \brief \a a from user pointers. \return 0 or an error. */
int exec_args_user(struct exec_args *a, const char *path,
    const uint32_t *argv, const uint32_t *envp);
/** \brief Free the buffer of \a a. */
void exec_args_free(struct exec_args *a);
struct archive_file;
/**
 * \brief The file \a path, through exec_image_hook, else from the boot
 * archive (\a name: ARCHIVE_PATHMAX bytes for its name there).
 * \return 0 and *\a af, whose bytes the caller frees with
 * kfree(*\a freep) once done; -ENOENT, -EIO or another error.
 */
int exec_image_find(const char *path, struct archive_file *af, char *name,
    void **freep);
/** \brief Is there a program \a path to run? \return 1 or 0. */
int exec_image_exists(const char *path);
/** \brief A new address space running \a a's program. \return 0 or an
 * error (-ENOENT, -ENOEXEC, -ENOMEM, -E2BIG). */
int exec_build(const struct exec_args *a, struct vmspace **vmp,
    uint32_t *eip, uint32_t *esp);
/** \brief Replace the current process's program. \return 0 or an error,
 * the process unchanged. */
int kern_execve(struct exec_args *a);
/** Set by a later chapter: more for every new address space, before
 * any program runs in it; 0 or an error (exec fails with it). */
extern int (*exec_vmspace_hook)(struct vmspace *vm);
/** Set by a later chapter: the program \a path from elsewhere than the
 * archive: 0 and *\a af (its bytes, freed by the caller with
 * kfree(*\a freep)); -ENOENT (the archive is tried); or an error.
 * \a freep NULL: only whether it is there (0), nothing read. */
extern int (*exec_image_hook)(const char *path, struct archive_file *af,
    void **freep);
/** The kernel tests of this boot that passed, when user tests follow. */
extern int exec_ktest_passed;
/** ... and those that failed. */
extern int exec_ktest_failed;
/** \brief Start a program as a child of proc0. \return 0 or an error. */
int proc_spawn(const char *path, char *const *argv, char *const *envp,
    pid_t *pidp);

#endif /* !NAIAD_KERN_EXEC_H */
