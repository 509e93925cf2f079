/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * exec_stack_layout, src/kern/exec_stack.c (book/27-exec.nw): the stack
 * a program finds at its entry.  Every pointer of the laid-out stack is
 * followed back into the buffer (a user address A stands for
 * buf[A - (top - len)]) and must lead to the right string.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "kern/exec_args.h"
#include "suites.h"

#define TOP	0xC0000000u

static char strings[1024];
static struct exec_args a;

/* exec_args holding PATH, then ARGV and ENVP (NULL-terminated). */
static void
make_args(const char *path, const char *const *argv,
    const char *const *envp)
{
	size_t n = 0;
	int i;

	memset(&a, 0, sizeof(a));
	a.ea_buf = strings;
	strcpy(strings, path);
	n = strlen(path) + 1;
	a.ea_path_len = n;
	for (i = 0; argv[i] != NULL; i++, a.ea_argc++) {
		strcpy(strings + n, argv[i]);
		n += strlen(argv[i]) + 1;
	}
	for (i = 0; envp[i] != NULL; i++, a.ea_envc++) {
		strcpy(strings + n, envp[i]);
		n += strlen(envp[i]) + 1;
	}
	a.ea_used = n;
}

/* Check a laid-out stack against ARGV and ENVP. */
static void
check_stack(const char *const *argv, const char *const *envp, int line)
{
	static unsigned char buf[2048];
	uint32_t base, *v;
	int len, i;

	memset(buf, 0xAA, sizeof(buf));
	len = exec_stack_layout(&a, TOP, buf, sizeof(buf));
	CHECK_MSG(len > 0 && len % 16 == 0, line, "length %d", len);
	if (len <= 0)
		return;
	base = TOP - (uint32_t)len;		/* the address of buf[0] */
	v = (uint32_t *)buf;
	CHECK_MSG((int)v[0] == a.ea_argc, line, "argc %u", v[0]);
	for (i = 0; i < a.ea_argc; i++) {
		CHECK_MSG(v[1 + i] >= base && v[1 + i] < TOP, line,
		    "argv[%d] outside the stack", i);
		if (v[1 + i] >= base && v[1 + i] < TOP)
			CHECK_MSG(strcmp((char *)buf + (v[1 + i] - base),
			    argv[i]) == 0, line, "argv[%d]", i);
	}
	CHECK_MSG(v[1 + a.ea_argc] == 0, line, "argv's NULL");
	for (i = 0; i < a.ea_envc; i++) {
		uint32_t p = v[2 + a.ea_argc + i];

		CHECK_MSG(p >= base && p < TOP, line, "envp[%d]", i);
		if (p >= base && p < TOP)
			CHECK_MSG(strcmp((char *)buf + (p - base), envp[i]) ==
			    0, line, "envp[%d]", i);
	}
	CHECK_MSG(v[2 + a.ea_argc + a.ea_envc] == 0, line, "envp's NULL");
	CHECK_MSG(buf[len - 1] == 0, line, "the last byte is a NUL");
}

static void
test_arguments_and_environment(void)
{
	static const char *const argv[] = { "prog", "one", "", "three", NULL };
	static const char *const envp[] = { "A=1", "HOME=/", NULL };

	make_args("/bin/prog", argv, envp);
	check_stack(argv, envp, __LINE__);
}

static void
test_empty_vectors(void)
{
	static const char *const none[] = { NULL };
	static const char *const argv[] = { "x", NULL };

	make_args("/x", none, none);
	check_stack(none, none, __LINE__);
	make_args("/x", argv, none);
	check_stack(argv, none, __LINE__);
	make_args("/x", none, argv);
	check_stack(none, argv, __LINE__);
}

static void
test_a_small_buffer_is_refused(void)
{
	static const char *const argv[] = { "prog", "arg", NULL };
	unsigned char buf[16];

	make_args("/p", argv, argv);
	CU_ASSERT_EQUAL(exec_stack_layout(&a, TOP, buf, sizeof(buf)), -1);
}

int
add_exec_stack_suite(void)
{
	static const struct unit_test tests[] = {
		{ "arguments_and_environment",
		    test_arguments_and_environment },
		{ "empty_vectors", test_empty_vectors },
		{ "a_small_buffer_is_refused", test_a_small_buffer_is_refused },
		{ NULL, NULL },
	};

	return add_suite("exec_stack", tests);
}
