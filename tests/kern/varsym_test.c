/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Variant symlinks in the kernel (book/46-varsym.nw): the order of the
 * scopes, users' scopes apart and freed when empty, root's system
 * scope, the limits and errors, the switch, copies for fork and their
 * freeing at exit (with a program, tests/user/varsymfork.c), and every
 * CPU setting and reading at once.  The operations take the scopes and
 * the uid they act for (a struct varsym_ctx), so these tests act as
 * users 1000, 1001 ... although every Naiad process is root.  Path
 * lookup expands the variables of the links it follows (the link filter
 * the chapter registers at boot): a kernel thread has no process, so
 * those tests use the user scope of uid 0 and the system's.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/kvcprintf.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "kern/varsym.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"
#include "vfs_testlib.h"

static const struct varsym_ctx root = { NULL, 0 };

/* The value of NAME in the scopes of MASK for C, or "(none)"; a
 * buffer per caller. */
static const char *
get(const struct varsym_ctx *c, int mask, const char *name,
    char value[MAXVARSYM_DATA])
{
	if (varsym_get_ctx(c, mask, name, kstrlen(name), value) < 0)
		return "(none)";
	return value;
}

/* N copies of C into BUF (N + 1 bytes). */
static char *
rep(char *buf, char c, int n)
{
	kmemset(buf, c, (size_t)n);
	buf[n] = '\0';
	return buf;
}

KTEST(varsym_scopes_are_searched_in_order)
{
	struct varsymset ps = { SPINLOCK_INITIALIZER, { NULL, 0, 0 } };
	struct varsym_ctx c = { &ps, 1000 };
	char v[MAXVARSYM_DATA];
	int live = varsym_count();

	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "kt_s", "system"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_USER, "kt_s", "user"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, "kt_s", "process"));
	KT_EXPECT_STREQ("process", get(&c, VARSYM_ALL_MASK, "kt_s", v));
	KT_EXPECT_STREQ("user", get(&c, VARSYM_USER_MASK | VARSYM_SYS_MASK,
	    "kt_s", v));
	KT_EXPECT_STREQ("process", get(&c, VARSYM_PROC_MASK | VARSYM_SYS_MASK,
	    "kt_s", v));
	KT_EXPECT_STREQ("system", get(&c, VARSYM_SYS_MASK, "kt_s", v));
	KT_EXPECT_STREQ("system", get(&root, VARSYM_ALL_MASK, "kt_s", v));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, "kt_s", NULL));
	KT_EXPECT_STREQ("user", get(&c, VARSYM_ALL_MASK, "kt_s", v));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_USER, "kt_s", NULL));
	KT_EXPECT_STREQ("system", get(&c, VARSYM_ALL_MASK, "kt_s", v));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "kt_s", NULL));
	KT_EXPECT_STREQ("(none)", get(&c, VARSYM_ALL_MASK, "kt_s", v));
	KT_EXPECT_EQ(live, varsym_count());
}

KTEST(varsym_users_do_not_share_scopes)
{
	struct varsym_ctx a = { NULL, 1000 }, b = { NULL, 1001 };
	char v[MAXVARSYM_DATA], buf[64];
	int users = varsym_user_scopes(), next = 5;

	KT_EXPECT_EQ(0, varsym_set_ctx(&a, VARSYM_USER, "kt_u", "a"));
	KT_EXPECT_EQ(users + 1, varsym_user_scopes());
	KT_EXPECT_STREQ("(none)", get(&b, VARSYM_ALL_MASK, "kt_u", v));
	KT_EXPECT_EQ(0, varsym_list_ctx(&b, VARSYM_USER, 0, buf, sizeof(buf),
	    &next));
	KT_EXPECT_EQ(-1, next);			/* no scope: an empty one */
	KT_EXPECT_EQ(0, varsym_set_ctx(&b, VARSYM_USER, "kt_u", "b"));
	KT_EXPECT_EQ(users + 2, varsym_user_scopes());
	KT_EXPECT_STREQ("a", get(&a, VARSYM_USER_MASK, "kt_u", v));
	KT_EXPECT_STREQ("b", get(&b, VARSYM_USER_MASK, "kt_u", v));
	KT_EXPECT_EQ(0, varsym_set_ctx(&a, VARSYM_USER, "kt_u", NULL));
	KT_EXPECT_EQ(users + 1, varsym_user_scopes());	/* a's went */
	KT_EXPECT_EQ(-ENOENT, varsym_set_ctx(&a, VARSYM_USER, "kt_u", NULL));
	KT_EXPECT_STREQ("b", get(&b, VARSYM_USER_MASK, "kt_u", v));
	KT_EXPECT_EQ(0, varsym_set_ctx(&b, VARSYM_USER, "kt_u", NULL));
	KT_EXPECT_EQ(users, varsym_user_scopes());
	/* the system's scope is root's to change, everybody's to read */
	KT_EXPECT_EQ(-EPERM, varsym_set_ctx(&a, VARSYM_SYS, "kt_root", "x"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "kt_root", "x"));
	KT_EXPECT_STREQ("x", get(&a, VARSYM_ALL_MASK, "kt_root", v));
	KT_EXPECT_EQ(-EPERM, varsym_set_ctx(&a, VARSYM_SYS, "kt_root", NULL));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "kt_root", NULL));
	/* no process: no process scope */
	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&a, VARSYM_PROC, "kt_p", "x"));
	KT_EXPECT_EQ(-EINVAL, varsym_list_ctx(&a, VARSYM_PROC, 0, buf,
	    sizeof(buf), &next));
}

KTEST(varsym_limits_and_errors)
{
	struct varsymset ps = { SPINLOCK_INITIALIZER, { NULL, 0, 0 } };
	struct varsym_ctx c = { &ps, 0 };
	char name[MAXVARSYM_NAME + 1], value[MAXVARSYM_DATA + 1];
	char v[MAXVARSYM_DATA];
	uint32_t cost = varsym_cost(3, MAXVARSYM_DATA - 1);
	int live = varsym_count(), fit = (int)(MAXVARSYM_SET / cost), i;

	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&c, VARSYM_PROC, "", "x"));
	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&c, VARSYM_PROC, "a b", "x"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC,
	    rep(name, 'n', MAXVARSYM_NAME - 1), "x"));
	KT_EXPECT_EQ(-ENAMETOOLONG, varsym_set_ctx(&c, VARSYM_PROC,
	    rep(name, 'n', MAXVARSYM_NAME), "x"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, "kt_v",
	    rep(value, 'v', MAXVARSYM_DATA - 1)));
	KT_EXPECT_EQ(-ENAMETOOLONG, varsym_set_ctx(&c, VARSYM_PROC, "kt_v",
	    rep(value, 'w', MAXVARSYM_DATA)));
	KT_EXPECT_EQ('v', get(&c, VARSYM_PROC_MASK, "kt_v", v)[0]);
	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&c, 0, "kt_v", "x"));
	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&c, 4, "kt_v", "x"));
	KT_EXPECT_EQ(-EINVAL, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE,
	    "2"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, VARSYM_ENABLE, "2"));
	KT_EXPECT_EQ(-ENOENT, varsym_set_ctx(&c, VARSYM_PROC, "kt_no", NULL));
	KT_EXPECT_EQ(-EINVAL, varsym_get_ctx(&c, 0, "kt_v", 4, v));
	KT_EXPECT_EQ(-EINVAL, varsym_get_ctx(&c, 1, "kt_v", 4, v));
	varsymset_clean(&ps);
	KT_EXPECT_EQ(live, varsym_count());
	for (i = 0; i < fit; i++) {
		ksnprintf(name, sizeof(name), "k%02d", i);
		KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, name,
		    rep(value, 'a' + i % 26, MAXVARSYM_DATA - 1)));
	}
	KT_EXPECT_EQ(-E2BIG, varsym_set_ctx(&c, VARSYM_PROC, "k99",
	    rep(value, 'z', MAXVARSYM_DATA - 1)));
	KT_EXPECT_EQ(fit * cost, ps.vx_list.vl_bytes);
	KT_EXPECT_EQ(fit, ps.vx_list.vl_count);
	KT_EXPECT_EQ(live + fit, varsym_count());
	varsymset_clean(&ps);
	KT_EXPECT_EQ(live, varsym_count());
	KT_EXPECT_EQ(0, ps.vx_list.vl_bytes);
}

KTEST(varsym_switch_turns_expansion_off)
{
	struct varsymset ps = { SPINLOCK_INITIALIZER, { NULL, 0, 0 } };
	struct varsym_ctx c = { &ps, 0 };
	char out[64], was[MAXVARSYM_DATA];
	int had = varsym_get_ctx(&root, VARSYM_SYS_MASK, VARSYM_ENABLE,
	    kstrlen(VARSYM_ENABLE), was) >= 0;

	KT_EXPECT_EQ(0, varsym_set_ctx(&c, VARSYM_PROC, "ARCH", "i386"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, "1"));
	KT_EXPECT_EQ(1, varsym_enabled());
	KT_EXPECT_EQ(0, varsym_expand_ctx(&c, "/lib/${ARCH}", out,
	    sizeof(out)));
	KT_EXPECT_STREQ("/lib/i386", out);
	KT_EXPECT_EQ(-ENAMETOOLONG, varsym_expand_ctx(&c, "/lib/${ARCH}",
	    out, 9));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, "0"));
	KT_EXPECT_EQ(0, varsym_enabled());
	KT_EXPECT_EQ(0, varsym_expand_ctx(&c, "/lib/${ARCH}", out,
	    sizeof(out)));
	KT_EXPECT_STREQ("/lib/${ARCH}", out);		/* as written */
	KT_EXPECT_EQ(-ENAMETOOLONG, varsym_expand_ctx(&c, "/lib/${ARCH}",
	    out, 12));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, NULL));
	KT_EXPECT_EQ(1, varsym_enabled());		/* on by default */
	KT_EXPECT_EQ(0, varsym_expand_ctx(&c, "${ARCH}/${NOPE}", out,
	    sizeof(out)));
	KT_EXPECT_STREQ("i386/${NOPE}", out);
	KT_EXPECT_EQ(0, varsym_expand_ctx(&c, "/plain", out, sizeof(out)));
	KT_EXPECT_STREQ("/plain", out);
	if (had)
		varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, was);
	varsymset_clean(&ps);
}

/* Does PATH, from DIR and following links, lead to WANT?  1 if so. */
static int
leads_to(struct vnode *dir, const char *path, struct vnode *want)
{
	struct vnode *vp;
	int same;

	if (vt_lookup(dir, path, NLC_FOLLOW, &vp) != 0)
		return 0;
	same = vp == want;
	vrele(vp);
	return same;
}

KTEST(varsym_links_expand_during_lookup)
{
	static const struct varsym_ctx self = { NULL, 0 };	/* uid 0 */
	struct vnode *dir, *x86, *arm, *lit, *vp;
	char was[MAXVARSYM_DATA];
	int had = varsym_get_ctx(&root, VARSYM_SYS_MASK, VARSYM_ENABLE,
	    kstrlen(VARSYM_ENABLE), was) >= 0;

	VT_REQUIRE((dir = vt_scratch(kt, "varsym_links")) != NULL);
	VT_REQUIRE((x86 = vt_mkdir(dir, "i386")) != NULL);
	VT_REQUIRE((arm = vt_mkdir(dir, "arm")) != NULL);
	VT_REQUIRE((lit = vt_mkdir(dir, "${UT_VA}")) != NULL);
	KT_EXPECT_EQ(0, vt_symlink(dir, "rel", "${UT_VA}"));
	KT_EXPECT_EQ(0, vt_symlink(dir, "abs",
	    "/tmp/varsym_links/${UT_VA}/."));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, "1"));
	/* Unknown everywhere: the target as written. */
	KT_EXPECT_EQ(1, leads_to(dir, "rel", lit));
	KT_EXPECT_EQ(1, leads_to(dir, "abs", lit));
	/* The system's value, then a change of it, followed at once. */
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "UT_VA", "i386"));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", x86));
	KT_EXPECT_EQ(1, leads_to(dir, "abs", x86));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "UT_VA", "arm"));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", arm));
	/* The user's scope comes before the system's. */
	KT_EXPECT_EQ(0, varsym_set_ctx(&self, VARSYM_USER, "UT_VA", "i386"));
	KT_EXPECT_EQ(1, leads_to(dir, "abs", x86));
	/* The switch off: as written, whatever the scopes hold. */
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, "0"));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", lit));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, "1"));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", x86));
	/* Not following the last link: the link itself, unexpanded. */
	KT_EXPECT_EQ(0, vt_lookup(dir, "rel", 0, &vp));
	KT_ASSERT(vp != x86 && vp != lit);
	if (vp != NULL)
		vrele(vp);
	/* A result longer than a path may be: the lookup fails. */
	{
		static char big[MAXVARSYM_DATA];

		kmemset(big, 'v', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		KT_EXPECT_EQ(0, vt_symlink(dir, "long", "${UT_VB}${UT_VB}"
		    "${UT_VB}${UT_VB}${UT_VB}"));
		KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "UT_VB",
		    big));
		KT_EXPECT_EQ(-ENAMETOOLONG, vt_lookup(dir, "long", NLC_FOLLOW,
		    &vp));
		KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "UT_VB",
		    NULL));
		KT_EXPECT_EQ(-ENOENT, vt_lookup(dir, "long", NLC_FOLLOW, &vp));
	}
	KT_EXPECT_EQ(0, varsym_set_ctx(&self, VARSYM_USER, "UT_VA", NULL));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", arm));
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "UT_VA", NULL));
	KT_EXPECT_EQ(1, leads_to(dir, "rel", lit));
	if (had)
		varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, was);
	else
		varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE, NULL);
	vrele(x86);
	vrele(arm);
	vrele(lit);
	vt_cleanup(dir, (const char *const[]){ "rel", "abs", "long", "i386",
	    "arm", "${UT_VA}", NULL });
	vrele(dir);
}

KTEST(varsym_copy_and_clean_leave_nothing)
{
	static struct varsymset src, dst;
	struct varsym_ctx cs = { &src, 0 }, cd = { &dst, 0 };
	static char a[MAXVARSYM_SET], b[MAXVARSYM_SET];
	char name[16], value[MAXVARSYM_DATA + 1], v[MAXVARSYM_DATA];
	int live = varsym_count(), i, na, nb, next;

	KT_EXPECT_EQ(0, varsymset_copy(&dst, &src));	/* empty */
	KT_EXPECT_EQ(live, varsym_count());
	for (i = 0; i < 20; i++) {
		ksnprintf(name, sizeof(name), "kt_c%d", i);
		KT_EXPECT_EQ(0, varsym_set_ctx(&cs, VARSYM_PROC, name,
		    rep(value, 'a' + i, i * 11)));
	}
	KT_EXPECT_EQ(0, varsymset_copy(&dst, &src));
	KT_EXPECT_EQ(live + 40, varsym_count());
	na = varsym_list_ctx(&cs, VARSYM_PROC, 0, a, sizeof(a), &next);
	nb = varsym_list_ctx(&cd, VARSYM_PROC, 0, b, sizeof(b), &next);
	KT_ASSERT(na > 0);
	KT_EXPECT_EQ(na, nb);
	for (i = 0; i < na && na == nb; i++)
		if (a[i] != b[i])
			break;
	KT_EXPECT_EQ(na, i);				/* same pairs, same order */
	KT_EXPECT_EQ(src.vx_list.vl_bytes, dst.vx_list.vl_bytes);
	KT_EXPECT_EQ(0, varsym_set_ctx(&cd, VARSYM_PROC, "kt_c3", "changed"));
	KT_EXPECT_EQ(0, varsym_set_ctx(&cd, VARSYM_PROC, "kt_c4", NULL));
	KT_EXPECT_STREQ(rep(value, 'a' + 3, 33), get(&cs, VARSYM_PROC_MASK,
	    "kt_c3", v));
	KT_EXPECT_STREQ(rep(value, 'a' + 4, 44), get(&cs, VARSYM_PROC_MASK,
	    "kt_c4", v));
	varsymset_clean(&src);
	KT_EXPECT_STREQ("changed", get(&cd, VARSYM_PROC_MASK, "kt_c3", v));
	varsymset_clean(&dst);
	KT_EXPECT_EQ(live, varsym_count());
}

/* A process sets variables, forks children that check and change
 * theirs, and exits: every copy is freed by an exit. */
KTEST(varsym_fork_copies_and_exit_frees)
{
	static char *argv[] = { "varsymfork", NULL };
	int procs = proc_count(), live;

	if (!kt_have_program(kt, "/test/varsymfork"))
		return;
	live = varsym_count();
	KT_EXPECT_EQ(0, kt_run_program("/test/varsymfork", argv, NULL));
	kt_wait_procs(procs);
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(live, varsym_count());
}

/* ---- every CPU at once ------------------------------------------------ */

#define ROUNDS		150
#define SHARED_UID	3000

#define FILLERS		24

struct race_state {
	struct kt_race	race;
	struct varsymset list;		/* a long list they all change */
	volatile uint32_t bad_own;	/* own variable read back wrong */
	volatile uint32_t torn;		/* a shared value not written whole */
	volatile uint32_t errors;	/* an operation failed */
	uint32_t	seed;
};

/* The value racer CPU writes in round R: "CPU.R.N." then N bytes of a
 * letter of CPU and R, so that a reader can check it is whole. */
static void
race_value(char *buf, int cpu, int r)
{
	int n = (r * 37 + cpu * 11) % 200, len;

	len = ksnprintf(buf, MAXVARSYM_DATA, "%d.%d.%d.", cpu, r, n);
	kmemset(buf + len, 'a' + (cpu + r) % 26, (size_t)n);
	buf[len + n] = '\0';
}

/* Is V a value race_value could have written? */
static int
race_value_whole(const char *v)
{
	char want[MAXVARSYM_DATA];
	int cpu = 0, r = 0, i = 0;

	while (v[i] >= '0' && v[i] <= '9')
		cpu = cpu * 10 + (v[i++] - '0');
	if (v[i++] != '.')
		return 0;
	while (v[i] >= '0' && v[i] <= '9')
		r = r * 10 + (v[i++] - '0');
	if (cpu >= MAXCPU || r >= ROUNDS)
		return 0;
	race_value(want, cpu, r);
	return kstrcmp(want, v) == 0;
}

/* One racer: its own names, the shared name and the shared user. */
static void
race_main(void *arg)
{
	struct race_state *s = arg;
	int cpu = mycpu->gd_cpuid, r;
	struct varsym_ctx own = { NULL, 2000 + cpu }, shared = { NULL,
	    SHARED_UID }, list = { &s->list, 0 };
	char mine[16], val[MAXVARSYM_DATA], got[MAXVARSYM_DATA], out[300];

	kt_race_start(&s->race);
	ksnprintf(mine, sizeof(mine), "kt_r%d", cpu);
	for (r = 0; r < ROUNDS; r++) {
		race_value(val, cpu, r);
		if (varsym_set_ctx(&root, VARSYM_SYS, mine, val) != 0 ||
		    varsym_set_ctx(&root, VARSYM_SYS, "kt_rshared", val) != 0 ||
		    varsym_set_ctx(&shared, VARSYM_USER, mine, val) != 0 ||
		    varsym_set_ctx(&own, VARSYM_USER, "kt_own", val) != 0)
			atomic_add_int(&s->errors, 1);
		if (kstrcmp(get(&root, VARSYM_SYS_MASK, mine, got), val) != 0 ||
		    kstrcmp(get(&shared, VARSYM_USER_MASK, mine, got), val) != 0
		    || kstrcmp(get(&own, VARSYM_ALL_MASK, "kt_own", got), val)
		    != 0)
			atomic_add_int(&s->bad_own, 1);
		if (!race_value_whole(get(&shared, VARSYM_ALL_MASK,
		    "kt_rshared", got)))
			atomic_add_int(&s->torn, 1);
		if (varsym_expand_ctx(&own, "${kt_rshared}", out,
		    sizeof(out)) != 0 || !race_value_whole(out))
			atomic_add_int(&s->torn, 1);
		/* the long list: add at its end, read, remove */
		if (varsym_set_ctx(&list, VARSYM_PROC, mine, val) != 0)
			atomic_add_int(&s->errors, 1);
		if (kstrcmp(get(&list, VARSYM_PROC_MASK, mine, got), val) != 0)
			atomic_add_int(&s->bad_own, 1);
		if (varsym_set_ctx(&list, VARSYM_PROC, mine, NULL) != 0)
			atomic_add_int(&s->errors, 1);
		/* the shared user's scope empties when all racers are here */
		if (varsym_set_ctx(&shared, VARSYM_USER, mine, NULL) != 0 ||
		    varsym_set_ctx(&own, VARSYM_USER, "kt_own", NULL) != 0)
			atomic_add_int(&s->errors, 1);
	}
	if (varsym_set_ctx(&root, VARSYM_SYS, mine, NULL) != 0)
		atomic_add_int(&s->errors, 1);
	xgroup_done(&s->race.g);
}

KTEST(varsym_many_cpus_set_and_get)
{
	static struct race_state s;
	const struct varsym *vs;
	uint32_t bytes = 0, count = 0, vl_bytes, vl_count;
	int live = varsym_count(), users = varsym_user_scopes();

	struct varsym_ctx list = { &s.list, 0 };
	char name[16], v[MAXVARSYM_DATA];
	uint32_t fill_bytes = 0;
	int i, fillers_ok = 0;

	s.bad_own = s.torn = s.errors = 0;
	for (i = 0; i < FILLERS; i++) {
		ksnprintf(name, sizeof(name), "kt_f%02d", i);
		varsym_set_ctx(&list, VARSYM_PROC, name, name);
		fill_bytes += varsym_cost(kstrlen(name), kstrlen(name));
	}
	kt_race_every_cpu(kt, &s.race, race_main, &s);
	for (i = 0; i < FILLERS; i++) {
		ksnprintf(name, sizeof(name), "kt_f%02d", i);
		fillers_ok += kstrcmp(get(&list, VARSYM_PROC_MASK, name, v),
		    name) == 0;
	}
	KT_EXPECT_EQ(FILLERS, fillers_ok);	/* none lost */
	KT_EXPECT_EQ(FILLERS, s.list.vx_list.vl_count);
	KT_EXPECT_EQ(fill_bytes, s.list.vx_list.vl_bytes);
	varsymset_clean(&s.list);
	KT_EXPECT_EQ(0, s.errors);
	KT_EXPECT_EQ(0, s.bad_own);
	KT_EXPECT_EQ(0, s.torn);
	KT_EXPECT_EQ(0, varsym_set_ctx(&root, VARSYM_SYS, "kt_rshared", NULL));
	KT_EXPECT_EQ(live, varsym_count());
	KT_EXPECT_EQ(users, varsym_user_scopes());
	spin_lock(&varsymset_sys.vx_spin);
	for (vs = varsymset_sys.vx_list.vl_first; vs != NULL;
	    vs = vs->vs_next) {
		bytes += varsym_cost(vs->vs_namelen, vs->vs_datalen);
		count++;
	}
	vl_bytes = varsymset_sys.vx_list.vl_bytes;
	vl_count = varsymset_sys.vx_list.vl_count;
	spin_unlock(&varsymset_sys.vx_spin);
	KT_EXPECT_EQ(bytes, vl_bytes);
	KT_EXPECT_EQ(count, vl_count);
}
