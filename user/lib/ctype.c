/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <ctype.h>

/* '0' to '9'. */
int
isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* A digit, or a to f in either case. */
int
isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A to Z. */
int
isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

/* a to z. */
int
islower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* A letter of either case. */
int
isalpha(int c)
{
	return isupper(c) || islower(c);
}

/* A letter or a digit. */
int
isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

/* Space, or one of \t \n \v \f \r (9 to 13). */
int
isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Space to tilde: what a terminal prints as one glyph. */
int
isprint(int c)
{
	return c >= ' ' && c <= '~';
}

/* The upper-case letter of a lower-case one; others unchanged. */
int
toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

/* The lower-case letter of an upper-case one; others unchanged. */
int
tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}
