/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * getopt (book/53-utilities.nw): the options of a command line, one
 * letter at a time.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int optind = 1;
int opterr = 1;
int optopt;
char *optarg;

static int optpos;	/* in argv[optind]: the next letter; 0: a new word */

/* Leave the word getopt was in. */
static void
next_word(void)
{
	optind++;
	optpos = 0;
}

/* The program's name for a message: ARGV0 without its directories. */
static const char *
progname(const char *argv0)
{
	const char *slash = argv0 != NULL ? strrchr(argv0, '/') : NULL;

	return slash != NULL ? slash + 1 : argv0 != NULL ? argv0 : "?";
}

/* The next option letter of ARGV among LETTERS, '?', or -1. */
int
getopt(int argc, char *const argv[], const char *letters)
{
	const char *word, *spec;
	int c;

	optarg = NULL;
	if (optpos == 0) {
		if (optind >= argc || argv[optind] == NULL)
			return -1;
		word = argv[optind];
		if (word[0] != '-' || word[1] == '\0')
			return -1;		/* an operand, or "-" */
		if (strcmp(word, "--") == 0) {
			optind++;
			return -1;
		}
		optpos = 1;
	}
	word = argv[optind];
	c = (unsigned char)word[optpos++];
	optopt = c;
	spec = c != ':' ? strchr(letters, c) : NULL;
	if (spec == NULL || (spec[1] == ':' && word[optpos] == '\0' &&
	    optind + 1 >= argc)) {
		if (opterr)
			fprintf(stderr, spec == NULL ?
			    "%s: unknown option -%c\n" :
			    "%s: option -%c needs an argument\n",
			    progname(argv[0]), c);
		if (spec != NULL || word[optpos] == '\0')
			next_word();
		return '?';
	}
	if (spec[1] == ':') {
		if (word[optpos] != '\0')
			optarg = (char *)word + optpos;	/* -tmemfs */
		else
			optarg = argv[++optind];	/* -t memfs */
		next_word();
	} else if (word[optpos] == '\0') {
		next_word();
	}
	return c;
}
