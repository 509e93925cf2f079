/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Character classes of ASCII.
 */
#ifndef NAIAD_USER_CTYPE_H
#define NAIAD_USER_CTYPE_H

/** \brief Is \a c a decimal digit? */
int isdigit(int c);
/** \brief Is \a c a hexadecimal digit? */
int isxdigit(int c);
/** \brief Is \a c a letter? */
int isalpha(int c);
/** \brief Is \a c a letter or a digit? */
int isalnum(int c);
/** \brief Is \a c white space (space, \\t, \\n, \\v, \\f, \\r)? */
int isspace(int c);
/** \brief Is \a c an upper-case letter? */
int isupper(int c);
/** \brief Is \a c a lower-case letter? */
int islower(int c);
/** \brief Is \a c printable (space to tilde)? */
int isprint(int c);
/** \brief \a c in upper case if it is a lower-case letter. */
int toupper(int c);
/** \brief \a c in lower case if it is an upper-case letter. */
int tolower(int c);

#endif /* !NAIAD_USER_CTYPE_H */
