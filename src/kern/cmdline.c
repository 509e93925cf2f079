/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "kern/cmdline.h"
#include "kern/kstring.h"

struct cmdline_arg {
	const char *key;
	const char *value;
};

static char cmdline_buf[CMDLINE_MAX];
static struct cmdline_arg cmdline_args[CMDLINE_MAXARGS];
static int cmdline_nargs;
/* Record one key=value word (boot only); a later key overrides. */
static void
cmdline_add(char *word)
{
	char *eq = word;

	while (*eq != '\0' && *eq != '=')
		eq++;
	cmdline_args[cmdline_nargs].key = word;
	if (*eq == '=') {
		*eq = '\0';
		cmdline_args[cmdline_nargs].value = eq + 1;
	} else {
		cmdline_args[cmdline_nargs].value = eq;	/* "" */
	}
	cmdline_nargs++;
}

/* Copy and split LINE; never fails.  Boot, or a host test. */
int
cmdline_init(const char *line)
{
	char *p, *word;
	int dropped = 0;

	cmdline_nargs = 0;
	if (line == NULL)
		line = "";
	if (kstrlcpy(cmdline_buf, line, sizeof(cmdline_buf)) >=
	    sizeof(cmdline_buf))
		dropped += (int)(kstrlen(line) - (sizeof(cmdline_buf) - 1));
	for (p = cmdline_buf; *p != '\0'; ) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		word = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
		if (cmdline_nargs == CMDLINE_MAXARGS) {
			dropped++;
			continue;
		}
		cmdline_add(word);
	}
	return dropped;
}

/* The value of KEY, the last word wins; read-only after boot. */
const char *
cmdline_get(const char *key)
{
	int i;

	for (i = cmdline_nargs - 1; i >= 0; i--)	/* the last one wins */
		if (kstrcmp(cmdline_args[i].key, key) == 0)
			return cmdline_args[i].value;
	return NULL;
}

/* KEY as a decimal number, DFLT when absent or not a number. */
unsigned long
cmdline_get_ulong(const char *key, unsigned long dflt)
{
	const char *v = cmdline_get(key);
	unsigned long n = 0;

	if (v == NULL || *v == '\0')
		return dflt;
	for (; *v != '\0'; v++) {
		if (*v < '0' || *v > '9')
			return dflt;
		n = n * 10 + (unsigned long)(*v - '0');
	}
	return n;
}

/* The one reader of seed=: the timer's jitter and the tests both ask. */
unsigned long
cmdline_seed(void)
{
	return cmdline_get_ulong("seed", CMDLINE_SEED_DEFAULT);
}
