/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/varsym.h>
#include <unistd.h>

/* What the options asked for. */
struct opts {
	int	level;		/* the scope to set, delete or list */
	int	mask;		/* the scopes to search */
	int	scoped;		/* a scope was named (-p, -u, -s, -x) */
	int	all;		/* -a: list */
	int	del;		/* -d: delete */
	int	quiet;		/* -q: values only */
	int	exec;		/* -x: set, then run a command */
};

/* The usage lines, on stderr: the status 2. */
static int
usage(void)
{
	fprintf(stderr, "usage: varsym [-adpqsu] [NAME[=VALUE] ...]\n"
	    "       varsym -x NAME=VALUE ... COMMAND [ARG ...]\n");
	return 2;
}

/* ERROR of a varsym call, in words. */
static const char *
varsym_strerror(int error)
{
	switch (error) {
	case ENOENT:
		return "no such variable";
	case EINVAL:
		return "not a valid name (letters, digits, _ . -) or value";
	case ENAMETOOLONG:
		return "too long (a name has at most 63 bytes, a value 255)";
	case E2BIG:
		return "no room: a scope's variables may cost 8192 bytes";
	case EPERM:
		return "only root may change the system's variables";
	default:
		return strerror(error);
	}
}

/* Say that NAME failed with errno: the status 1. */
static int
fail(const char *name)
{
	fprintf(stderr, "varsym: %s: %s\n", name, varsym_strerror(errno));
	return 1;
}

/* Read the option letters of FLAGS into O: 0, or -1 for a bad one. */
static int
parse_flags(struct opts *o, const char *flags)
{
	static const char scopes[] = "pus";
	static const int levels[] = { VARSYM_PROC, VARSYM_USER, VARSYM_SYS };
	const char *s;

	for (; *flags != '\0'; flags++) {
		if ((s = strchr(scopes, *flags)) != NULL) {
			o->level = levels[s - scopes];
			o->mask = 1 << o->level;
			o->scoped = 1;
		} else if (*flags == 'x') {
			o->level = VARSYM_PROC;
			o->mask = VARSYM_PROC_MASK;
			o->scoped = o->exec = 1;
		} else if (*flags == 'a') {
			o->all = 1;
		} else if (*flags == 'd') {
			o->del = 1;
		} else if (*flags == 'q') {
			o->quiet = 1;
		} else {
			fprintf(stderr, "varsym: unknown option -%c\n",
			    *flags);
			return -1;
		}
	}
	return 0;
}
/* Print the variables of scope LEVEL, NAME=VALUE: 0, or 1. */
static int
list_scope(int level)
{
	static char buf[1024];
	int marker = 0, n, i, value;

	while (marker >= 0) {
		if ((n = varsym_list(level, buf, sizeof(buf), &marker)) < 0)
			return fail("(list)");
		for (i = 0; i < n; i = value + (int)strlen(buf + value) + 1) {
			value = i + (int)strlen(buf + i) + 1;
			printf("%s=%s\n", buf + i, buf + value);
		}
	}
	return 0;
}

/* -a: the scope asked for, or all three in search order. */
static int
list(const struct opts *o)
{
	if (o->scoped)
		return list_scope(o->level);
	return list_scope(VARSYM_PROC) | list_scope(VARSYM_USER) |
	    list_scope(VARSYM_SYS);
}

/* One operand: NAME=VALUE sets, NAME shows (or deletes, -d). */
static int
operand(const struct opts *o, char *arg)
{
	char value[MAXVARSYM_DATA], *eq = strchr(arg, '=');

	if (eq != NULL && !o->del) {
		*eq = '\0';
		return varsym_set(o->level, arg, eq + 1) == 0 ? 0 : fail(arg);
	}
	if (o->del)
		return varsym_set(o->level, arg, NULL) == 0 ? 0 : fail(arg);
	if (varsym_get(o->mask, arg, value, sizeof(value)) < 0)
		return fail(arg);
	if (o->quiet)
		printf("%s\n", value);
	else
		printf("%s=%s\n", arg, value);
	return 0;
}
/* -x: set the NAME=VALUE of ARGV in this process, then run the rest. */
static int
run_with(const struct opts *o, char **argv)
{
	char path[256];
	int i;

	for (i = 0; argv[i] != NULL && strchr(argv[i], '=') != NULL; i++)
		if (operand(o, argv[i]) != 0)
			return 1;
	if (argv[i] == NULL)
		return usage();
	if (strchr(argv[i], '/') != NULL)
		snprintf(path, sizeof(path), "%s", argv[i]);
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[i]);
	execve(path, argv + i, environ);
	fprintf(stderr, "varsym: %s: %s\n", argv[i], strerror(errno));
	return 127;
}
/* varsym [-adpqsu] [NAME[=VALUE] ...] | varsym -x NAME=VALUE ... CMD */
int
main(int argc, char **argv)
{
	struct opts o = { VARSYM_USER, VARSYM_ALL_MASK, 0, 0, 0, 0, 0 };
	int i, status = 0;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0';
	    i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (parse_flags(&o, argv[i] + 1) != 0)
			return usage();
	}
	if (o.exec)
		return o.all || o.del ? usage() : run_with(&o, argv + i);
	if (!o.all && i == argc)
		return usage();
	if (o.all)
		status = list(&o);
	for (; i < argc; i++)
		status |= operand(&o, argv[i]);
	return status;
}
