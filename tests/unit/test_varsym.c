/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Variant symlinks, the pure part (src/kern/varsym_logic.c, book
 * 46-varsym.nw) on the host: the expansion of a link's target (every
 * rule of the chapter, the names the lookup is asked for, the length
 * limit at every buffer size around the fit), names, a scope's byte
 * accounting against a model under random puts and removes, packing at
 * every buffer size and marker, and the order of the scopes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel_errno.h"
#include "kern/varsym_logic.h"
#include "suites.h"

/* ---- lists of variables from malloc -------------------------------- */

/* A new variable NAME=DATA. */
static struct varsym *
mk(const char *name, const char *data)
{
	void *mem = malloc(varsym_size(strlen(name), strlen(data)));

	return varsym_init(mem, name, data);
}

/* Free a chain of variables. */
static void
free_chain(struct varsym *vs)
{
	struct varsym *next;

	for (; vs != NULL; vs = next) {
		next = vs->vs_next;
		free(vs);
	}
}

/* Put NAME=DATA into VL; varsym_put's result (the loser is freed). */
static int
put(struct varsym_list *vl, const char *name, const char *data)
{
	struct varsym *vs = mk(name, data), *old;
	int r = varsym_put(vl, vs, &old);

	free_chain(r == 0 ? old : vs);
	return r;
}

/* A string of N copies of C (N < 1024), in a static buffer. */
static const char *
rep(char c, int n)
{
	static char buf[4][1024];
	static int turn;
	char *b = buf[turn++ % 4];

	memset(b, c, (size_t)n);
	b[n] = '\0';
	return b;
}

/* ---- the expansion ------------------------------------------------- */

/* The scopes the test lookup searches, in order, and what it was asked. */
static struct varsym_list scope_proc, scope_sys;
static char asked[16][MAXVARSYM_NAME];
static int nasked;

/* varsym_lookup_t over scope_proc then scope_sys; records each name. */
static int
lookup(const void *arg, const char *name, size_t namelen, char *value)
{
	const struct varsym_list *const *scopes = arg;
	const struct varsym *vs = NULL;
	int i;

	CHECK_MSG(namelen > 0 && namelen < MAXVARSYM_NAME, __LINE__,
	    "asked for a name of %zu bytes", namelen);
	if (nasked < 16 && namelen < MAXVARSYM_NAME) {
		memcpy(asked[nasked], name, namelen);
		asked[nasked][namelen] = '\0';
	}
	nasked++;
	for (i = 0; scopes[i] != NULL && vs == NULL; i++)
		vs = varsym_find(scopes[i], name, namelen);
	if (vs == NULL)
		return -1;
	memcpy(value, varsym_data(vs), vs->vs_datalen + 1u);
	return vs->vs_datalen;
}

static const struct varsym_list *const scopes[] = { &scope_proc,
    &scope_sys, NULL };

/* The variables the expansion tests use. */
static void
expand_setup(void)
{
	free_chain(varsym_take_all(&scope_proc));
	free_chain(varsym_take_all(&scope_sys));
	put(&scope_sys, "ARCH", "i386");
	put(&scope_sys, "B", "x");
	put(&scope_sys, "V", "${ARCH}");
	put(&scope_sys, "EMPTY", "");
	put(&scope_sys, "BIG", rep('b', MAXVARSYM_DATA - 1));
	put(&scope_sys, rep('n', MAXVARSYM_NAME - 1), "L");
	put(&scope_proc, "ARCH", "arm");	/* the process's wins */
	nasked = 0;
}

/* Expand IN into a large buffer: the result, or "(error)". */
static const char *
expand(const char *in)
{
	static char out[4096];

	if (varsym_expand(in, out, sizeof(out), lookup, scopes) != 0)
		return "(error)";
	return out;
}

static void
test_varsym_expand_rules(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "/plain/path", "/plain/path" },
		{ "/lib/${ARCH}/libc.a", "/lib/arm/libc.a" },
		{ "${ARCH}", "arm" },
		{ "${ARCH}${ARCH}", "armarm" },
		{ "a${B}b${B}c", "axbxc" },
		{ "/lib/${NOPE}", "/lib/${NOPE}" },		/* unknown */
		{ "${NOPE}${B}", "${NOPE}x" },
		{ "/lib/${ARCH", "/lib/${ARCH" },		/* unclosed */
		{ "${", "${" },
		{ "$", "$" },
		{ "$$", "$$" },
		{ "${}", "${}" },
		{ "${a/b}", "${a/b}" },				/* not a name */
		{ "${a b}", "${a b}" },
		{ "${A${B}}", "${Ax}" },			/* nested */
		{ "${${B}}", "${x}" },
		{ "$${B}", "$x" },
		{ "x}${B}{", "x}x{" },
		{ "/v/${V}", "/v/${ARCH}" },			/* no rescan */
		{ "${EMPTY}x${EMPTY}", "x" },
		{ "{B}$B$(B)", "{B}$B$(B)" },
	};
	unsigned i;

	expand_setup();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_MSG(strcmp(expand(cases[i].in), cases[i].out) == 0,
		    __LINE__, "\"%s\" expanded to \"%s\", not \"%s\"",
		    cases[i].in, expand(cases[i].in), cases[i].out);
}

/* The scope order is the lookup's; the expansion asks for valid names
 * only, and only for references. */
static void
test_varsym_expand_asks_for_names_only(void)
{
	char in[512], want[512];

	expand_setup();
	snprintf(in, sizeof(in), "${ok}${a b}${A${B}}$B${%s}${%s}",
	    rep('n', MAXVARSYM_NAME), rep('n', MAXVARSYM_NAME - 1));
	snprintf(want, sizeof(want), "${ok}${a b}${Ax}$B${%s}L",
	    rep('n', MAXVARSYM_NAME));	/* 64 bytes: no name, not asked */
	CU_ASSERT_STRING_EQUAL(expand(in), want);
	CU_ASSERT_EQUAL(nasked, 3);
	if (nasked == 3) {
		CU_ASSERT_STRING_EQUAL(asked[0], "ok");
		CU_ASSERT_STRING_EQUAL(asked[1], "B");
		CU_ASSERT_STRING_EQUAL(asked[2], rep('n', MAXVARSYM_NAME - 1));
	}
	CU_ASSERT_STRING_EQUAL(expand("${ARCH}"), "arm");	/* process */
	free_chain(varsym_remove(&scope_proc, "ARCH"));
	CU_ASSERT_STRING_EQUAL(expand("${ARCH}"), "i386");	/* system */
}

/* IN expands to WANT (length computed); check every output size from 0
 * to the fit and beyond: the result or -ENAMETOOLONG, and nothing
 * written past the buffer. */
static void
check_sizes(const char *in, const char *want, int line)
{
	static char out[2048 + 32];
	size_t need = strlen(want) + 1, size;
	int r, k;

	for (size = 0; size <= need + 8; size++) {
		memset(out, 0x5a, sizeof(out));
		r = varsym_expand(in, out, size, lookup, scopes);
		if (size >= need)
			CHECK_MSG(r == 0 && strcmp(out, want) == 0, line,
			    "\"%s\" in %zu bytes: %d", in, size, r);
		else
			CHECK_MSG(r == -ENAMETOOLONG, line,
			    "\"%s\" in %zu bytes (needs %zu): %d", in, size,
			    need, r);
		for (k = 0; k < 16; k++)
			CHECK_MSG(out[size + k] == 0x5a, line,
			    "\"%s\" in %zu bytes wrote byte %zu", in, size,
			    size + k);
	}
}

static void
test_varsym_expand_length_limit(void)
{
	char in[64], want[1100];
	int i;

	expand_setup();
	check_sizes("/plain", "/plain", __LINE__);
	check_sizes("", "", __LINE__);
	check_sizes("/lib/${ARCH}/libc.a", "/lib/arm/libc.a", __LINE__);
	check_sizes("${NOPE}/${B}", "${NOPE}/x", __LINE__);
	check_sizes("${B}", "x", __LINE__);
	strcpy(in, "/${BIG}${BIG}${BIG}${BIG}");
	strcpy(want, "/");
	for (i = 0; i < 4; i++)
		strcat(want, rep('b', MAXVARSYM_DATA - 1));
	check_sizes(in, want, __LINE__);
}

/* ---- names ----------------------------------------------------------- */

static void
test_varsym_names(void)
{
	static const char allowed[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
	char name[2] = { 0, 0 };
	int n, c;

	for (n = 0; n <= MAXVARSYM_NAME + 4; n++) {
		int want = n == 0 ? -EINVAL :
		    n < MAXVARSYM_NAME ? 0 : -ENAMETOOLONG;

		CHECK_MSG(varsym_name_valid(rep('a', n)) == want, __LINE__,
		    "a name of %d bytes: %d, not %d", n,
		    varsym_name_valid(rep('a', n)), want);
	}
	for (c = 1; c < 256; c++) {
		name[0] = (char)c;
		CHECK_MSG(varsym_name_valid(name) ==
		    (strchr(allowed, c) != NULL ? 0 : -EINVAL), __LINE__,
		    "the name \\x%02x: %d", c, varsym_name_valid(name));
	}
	CU_ASSERT_EQUAL(varsym_name_valid("vfs.varsym_enable"), 0);
	CU_ASSERT_EQUAL(varsym_name_valid("a=b"), -EINVAL);
}

/* ---- a scope's accounting against a model ---------------------------- */

#define NNAMES	60

/* The model: each name's value length, or -1 when it is not set. */
static int model_len[NNAMES];

/* The model's cost. */
static uint32_t
model_bytes(void)
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i < NNAMES; i++)
		if (model_len[i] >= 0)
			sum += (uint32_t)(VARSYM_COST_EXTRA + 4 + 1 +
			    model_len[i] + 1);
	return sum;
}

/* VL against the model: count, bytes, each variable's value length,
 * and the costs summed over the list itself. */
static void
check_model(const struct varsym_list *vl, int step)
{
	const struct varsym *vs;
	uint32_t sum = 0, count = 0;
	char name[8];
	int i;

	for (vs = vl->vl_first; vs != NULL; vs = vs->vs_next) {
		sum += varsym_cost(vs->vs_namelen, vs->vs_datalen);
		count++;
	}
	CHECK_MSG(sum == vl->vl_bytes && sum == model_bytes(), __LINE__,
	    "step %d: list %u, vl_bytes %u, model %u", step, sum,
	    vl->vl_bytes, model_bytes());
	CHECK_MSG(count == vl->vl_count, __LINE__, "step %d: %u counted, "
	    "vl_count %u", step, count, vl->vl_count);
	for (i = 0; i < NNAMES; i++) {
		snprintf(name, sizeof(name), "v%03d", i);
		vs = varsym_find(vl, name, 4);
		CHECK_MSG(model_len[i] < 0 ? vs == NULL : vs != NULL &&
		    vs->vs_datalen == model_len[i], __LINE__,
		    "step %d: %s should have %d bytes", step, name,
		    model_len[i]);
	}
}

static void
test_varsym_accounting_random(void)
{
	struct varsym_list vl = { NULL, 0, 0 };
	uint32_t x = 12345, cost_new, cost_old;
	char name[8];
	int step, i, len, r, refused = 0, full = 0;

	for (i = 0; i < NNAMES; i++)
		model_len[i] = -1;
	for (step = 0; step < 20000; step++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		i = (int)(x % NNAMES);
		snprintf(name, sizeof(name), "v%03d", i);
		if ((x >> 8) % 6 == 0) {
			free_chain(varsym_remove(&vl, name));
			model_len[i] = -1;
		} else {
			len = (int)((x >> 12) % MAXVARSYM_DATA);
			cost_new = (uint32_t)(VARSYM_COST_EXTRA + 6 + len);
			cost_old = model_len[i] < 0 ? 0 :
			    (uint32_t)(VARSYM_COST_EXTRA + 6 + model_len[i]);
			r = put(&vl, name, rep('d', len));
			if (model_bytes() - cost_old + cost_new >
			    MAXVARSYM_SET) {
				CHECK_MSG(r == -E2BIG, __LINE__, "step %d: "
				    "over the limit, put gave %d", step, r);
				refused++;
			} else {
				CHECK_MSG(r == 0, __LINE__, "step %d: put "
				    "gave %d", step, r);
				model_len[i] = len;
			}
		}
		full += model_bytes() > MAXVARSYM_SET - 300;
		check_model(&vl, step);
	}
	CHECK_MSG(refused > 100 && full > 100, __LINE__, "the test never "
	    "reached the limit (%d refusals, %d steps near it)", refused,
	    full);
	free_chain(varsym_take_all(&vl));
	CU_ASSERT_EQUAL(vl.vl_bytes, 0);
	CU_ASSERT_EQUAL(vl.vl_count, 0);
	CU_ASSERT_PTR_NULL(vl.vl_first);
}

static void
test_varsym_accounting_exact_fill(void)
{
	struct varsym_list vl = { NULL, 0, 0 };
	uint32_t big = varsym_cost(4, MAXVARSYM_DATA - 1);
	int fit = (int)(MAXVARSYM_SET / big), i;
	int rest = MAXVARSYM_SET - fit * (int)big;
	int last = rest - VARSYM_COST_EXTRA - 1 - 2;	/* name "z" */
	char name[8];

	CU_ASSERT_EQUAL(big, VARSYM_COST_EXTRA + 4 + 1 + MAXVARSYM_DATA);
	for (i = 0; i < fit; i++) {
		snprintf(name, sizeof(name), "b%03d", i);
		CU_ASSERT_EQUAL(put(&vl, name, rep('x', MAXVARSYM_DATA - 1)),
		    0);
	}
	CU_ASSERT_EQUAL(put(&vl, "b999", rep('x', MAXVARSYM_DATA - 1)),
	    -E2BIG);
	CU_ASSERT_PTR_NULL(varsym_find(&vl, "b999", 4));
	CU_ASSERT_FATAL(last >= 0);
	CU_ASSERT_EQUAL(put(&vl, "z", rep('y', last + 1)), -E2BIG);
	CU_ASSERT_EQUAL(put(&vl, "z", rep('y', last)), 0);
	CU_ASSERT_EQUAL(vl.vl_bytes, MAXVARSYM_SET);
	/* full: a replacement may shrink, keep its size, not grow */
	CU_ASSERT_EQUAL(put(&vl, "z", rep('y', last + 1)), -E2BIG);
	CU_ASSERT_EQUAL(varsym_find(&vl, "z", 1)->vs_datalen, last);
	CU_ASSERT_EQUAL(put(&vl, "b000", rep('q', MAXVARSYM_DATA - 1)), 0);
	CU_ASSERT_EQUAL(put(&vl, "b000", ""), 0);
	CU_ASSERT_EQUAL(vl.vl_bytes, MAXVARSYM_SET - (MAXVARSYM_DATA - 1));
	CU_ASSERT_EQUAL(put(&vl, "b000", rep('q', MAXVARSYM_DATA)), -E2BIG);
	free_chain(varsym_take_all(&vl));
}

static void
test_varsym_replace_keeps_its_place(void)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	struct varsym_list vl = { NULL, 0, 0 };
	const struct varsym *vs;
	int i;

	for (i = 0; i < 4; i++)
		put(&vl, names[i], "1");
	CU_ASSERT_EQUAL(put(&vl, "b", "a longer value"), 0);
	CU_ASSERT_EQUAL(put(&vl, "d", ""), 0);
	for (i = 0, vs = vl.vl_first; vs != NULL; vs = vs->vs_next, i++)
		CHECK_MSG(i < 4 && strcmp(vs->vs_name, names[i]) == 0,
		    __LINE__, "place %d holds %s", i, vs->vs_name);
	CU_ASSERT_EQUAL(i, 4);
	CU_ASSERT_STRING_EQUAL(varsym_data(varsym_find(&vl, "b", 1)),
	    "a longer value");
	CU_ASSERT_PTR_NULL(varsym_remove(&vl, "e"));
	CU_ASSERT_PTR_NULL(varsym_remove(&vl, ""));
	free_chain(varsym_remove(&vl, "a"));
	CU_ASSERT_STRING_EQUAL(vl.vl_first->vs_name, "b");
	CU_ASSERT_PTR_NULL(varsym_find(&vl, "bb", 2));	/* bytes, length */
	CU_ASSERT_PTR_NOT_NULL(varsym_find(&vl, "bb", 1));
	free_chain(varsym_take_all(&vl));
}

/* ---- packing --------------------------------------------------------- */

static void
test_varsym_pack_every_size_and_marker(void)
{
	struct varsym_list vl = { NULL, 0, 0 };
	char name[8], want[1024], buf[1024 + 16];
	size_t pairlen[10], total = 0, size, off, used;
	int i, m, n, next, wnext, wbytes;

	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		put(&vl, name, rep('a' + i, i * 7));
		pairlen[i] = strlen(name) + 1 + (size_t)i * 7 + 1;
		total += pairlen[i];
	}
	for (m = 0; m <= 11; m++)
		for (size = 0; size <= total + 4; size++) {
			/* the model: whole pairs from M while they fit */
			used = 0;
			off = 0;
			for (i = m; i < 10 && used + pairlen[i] <= size; i++) {
				snprintf(name, sizeof(name), "p%d", i);
				memcpy(want + off, name, strlen(name) + 1);
				off += strlen(name) + 1;
				memcpy(want + off, rep('a' + i, i * 7),
				    (size_t)i * 7 + 1);
				off += (size_t)i * 7 + 1;
				used += pairlen[i];
			}
			wnext = i >= 10 ? -1 : i;
			wbytes = used == 0 && m < 10 ? -EOVERFLOW : (int)used;
			memset(buf, 0x5a, sizeof(buf));
			next = -2;
			n = varsym_pack(&vl, m, buf, size, &next);
			CHECK_MSG(n == wbytes && next == (m < 10 && used == 0 ?
			    m : wnext), __LINE__, "marker %d size %zu: %d "
			    "next %d, expected %d next %d", m, size, n, next,
			    wbytes, wnext);
			CHECK_MSG(n < 0 || memcmp(buf, want, used) == 0,
			    __LINE__, "marker %d size %zu: wrong pairs", m,
			    size);
			CHECK_MSG((unsigned char)buf[size] == 0x5a, __LINE__,
			    "marker %d size %zu: wrote past the buffer", m,
			    size);
		}
	CU_ASSERT_EQUAL(varsym_pack(&vl, -1, buf, sizeof(buf), &next),
	    -EINVAL);
	free_chain(varsym_take_all(&vl));
	CU_ASSERT_EQUAL(varsym_pack(&vl, 0, buf, 0, &next), 0);
	CU_ASSERT_EQUAL(next, -1);
}

/* ---- the order of the scopes ------------------------------------------ */

static void
test_varsym_scope_order(void)
{
	int mask, level, got[8], n, want[8], k, l;

	for (mask = 0; mask < 32; mask++) {
		n = 0;
		for (level = varsym_next_scope(mask, 0); level != 0 && n < 8;
		    level = varsym_next_scope(mask, level))
			got[n++] = level;
		k = 0;
		for (l = VARSYM_PROC; l <= VARSYM_SYS; l++)
			if (mask & (1 << l))
				want[k++] = l;
		CHECK_MSG(n == k && memcmp(got, want, sizeof(int) * k) == 0,
		    __LINE__, "mask 0x%x: %d scopes, first %d; expected %d, "
		    "first %d", mask, n, n > 0 ? got[0] : 0, k,
		    k > 0 ? want[0] : 0);
	}
	CU_ASSERT_EQUAL(varsym_next_scope(VARSYM_ALL_MASK, 0), VARSYM_PROC);
	CU_ASSERT_EQUAL(varsym_next_scope(VARSYM_ALL_MASK, VARSYM_PROC),
	    VARSYM_USER);
	CU_ASSERT_EQUAL(varsym_next_scope(VARSYM_ALL_MASK, VARSYM_USER),
	    VARSYM_SYS);
	CU_ASSERT_EQUAL(varsym_next_scope(VARSYM_ALL_MASK, VARSYM_SYS), 0);
}

static const struct unit_test varsym_tests[] = {
	{ "expand_rules", test_varsym_expand_rules },
	{ "expand_asks_for_names_only", test_varsym_expand_asks_for_names_only },
	{ "expand_length_limit", test_varsym_expand_length_limit },
	{ "names", test_varsym_names },
	{ "accounting_random", test_varsym_accounting_random },
	{ "accounting_exact_fill", test_varsym_accounting_exact_fill },
	{ "replace_keeps_its_place", test_varsym_replace_keeps_its_place },
	{ "pack_every_size_and_marker", test_varsym_pack_every_size_and_marker },
	{ "scope_order", test_varsym_scope_order },
	{ NULL, NULL }
};

int
add_varsym_suite(void)
{
	return add_suite("varsym", varsym_tests);
}
