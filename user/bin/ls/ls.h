/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ls (book/53-utilities.nw): the pure part, tested on the host.
 */
#ifndef NAIAD_USER_LS_H
#define NAIAD_USER_LS_H

/**
 * \brief The ten characters of ls -l for \a mode (an st_mode), and a
 * NUL, into \a out: the type, then rwx three times.
 */
void ls_mode_string(unsigned int mode, char out[11]);

#endif /* !NAIAD_USER_LS_H */
