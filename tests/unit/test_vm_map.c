/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The region map of src/vm/vm_map.c (book/23-vmspace.nw) on the host,
 * against a model: one byte per page of a window of user space, marked
 * with the region that covers it, compared after every step with what
 * vm_map_lookup says; and the refusals: empty, unaligned, overlapping,
 * outside user space, full; a region that may not grow into the next.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kerrno.h"
#include "suites.h"
#include "vm/vm_map.h"

#define WINDOW	64			/* pages modelled */
#define BASE	USER_MIN		/* the window starts here */

static unsigned char model[WINDOW];	/* 0: no region; else prot + 1 */

/* Does the map agree with the model on every page of the window? */
static void
check_model(struct vm_map *map, int line)
{
	struct vm_region *r;
	int i;

	for (i = 0; i < WINDOW; i++) {
		r = vm_map_lookup(map, BASE + (vm_offset_t)i * PAGE_SIZE + 7);
		CHECK_MSG((r == NULL ? 0 : r->vr_prot + 1) == model[i], line,
		    "page %d: map %d, model %d", i,
		    r == NULL ? 0 : r->vr_prot + 1, model[i]);
	}
	for (i = 1; i < map->vm_nregions; i++)
		CHECK_MSG(map->vm_regions[i - 1].vr_end <=
		    map->vm_regions[i].vr_start, line, "regions %d, %d "
		    "out of order or overlapping", i - 1, i);
}

/* Insert pages [a, b) with PROT in both map and model (if it fits). */
static int
insert(struct vm_map *map, int a, int b, int prot)
{
	int i, free = 1, error;

	for (i = a; i < b; i++)
		free &= model[i] == 0;
	error = vm_map_insert(map, BASE + (vm_offset_t)a * PAGE_SIZE,
	    BASE + (vm_offset_t)b * PAGE_SIZE, prot, VR_PROGRAM);
	if (error == 0) {
		CU_ASSERT(free);
		for (i = a; i < b; i++)
			model[i] = (unsigned char)(prot + 1);
	} else {
		CU_ASSERT(!free || map->vm_nregions == VM_MAP_MAXREGIONS);
	}
	return error;
}

static void
test_random_inserts_agree_with_the_model(void)
{
	struct vm_map map;
	int n, a, len, tries;

	srand(7);
	for (tries = 0; tries < 50; tries++) {
		vm_map_init(&map);
		memset(model, 0, sizeof(model));
		for (n = 0; n < 40; n++) {
			a = rand() % WINDOW;
			len = 1 + rand() % 4;
			if (a + len > WINDOW)
				len = WINDOW - a;
			insert(&map, a, a + len, 1 + rand() % 7);
			check_model(&map, __LINE__);
		}
	}
}

static void
test_bad_ranges_are_refused(void)
{
	struct vm_map map;

	vm_map_init(&map);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE, BASE, 1, 1), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE + 1, BASE + PAGE_SIZE, 1, 1),
	    -EINVAL);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE, BASE + 100, 1, 1), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE - PAGE_SIZE, BASE + PAGE_SIZE,
	    1, 1), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_insert(&map, USER_MAX - PAGE_SIZE,
	    USER_MAX + PAGE_SIZE, 1, 1), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_insert(&map, 2 * PAGE_SIZE, PAGE_SIZE, 1, 1),
	    -EINVAL);
	CU_ASSERT_EQUAL(map.vm_nregions, 0);
	/* the edges themselves are fine */
	CU_ASSERT_EQUAL(vm_map_insert(&map, USER_MIN, USER_MIN + PAGE_SIZE,
	    1, 1), 0);
	CU_ASSERT_EQUAL(vm_map_insert(&map, USER_MAX - PAGE_SIZE, USER_MAX,
	    1, 1), 0);
	CU_ASSERT(vm_map_lookup(&map, USER_MAX - 1) != NULL);
	CU_ASSERT(vm_map_lookup(&map, USER_MIN + PAGE_SIZE) == NULL);
}

static void
test_a_full_map_says_enomem(void)
{
	struct vm_map map;
	int i;

	vm_map_init(&map);
	for (i = 0; i < VM_MAP_MAXREGIONS; i++)
		CU_ASSERT_EQUAL(vm_map_insert(&map, BASE + 2 * i * PAGE_SIZE,
		    BASE + (2 * i + 1) * PAGE_SIZE, 1, 1), 0);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE + 100 * PAGE_SIZE,
	    BASE + 101 * PAGE_SIZE, 1, 1), -ENOMEM);
	/* still sorted, each found */
	for (i = 0; i < VM_MAP_MAXREGIONS; i++)
		CU_ASSERT(vm_map_lookup(&map, BASE + 2 * i * PAGE_SIZE) ==
		    &map.vm_regions[i]);
}

static void
test_resize_stops_at_the_next_region(void)
{
	struct vm_map map;
	struct vm_region *heap;

	vm_map_init(&map);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE, BASE + PAGE_SIZE, 3,
	    VR_HEAP), 0);
	CU_ASSERT_EQUAL(vm_map_insert(&map, BASE + 4 * PAGE_SIZE,
	    BASE + 5 * PAGE_SIZE, 3, VR_STACK), 0);
	heap = vm_map_find_kind(&map, VR_HEAP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(heap);
	CU_ASSERT_EQUAL(vm_map_resize(&map, heap, BASE + 4 * PAGE_SIZE), 0);
	CU_ASSERT_EQUAL(vm_map_resize(&map, heap, BASE + 5 * PAGE_SIZE),
	    -ENOMEM);
	CU_ASSERT_EQUAL(heap->vr_end, BASE + 4 * PAGE_SIZE);
	CU_ASSERT_EQUAL(vm_map_resize(&map, heap, BASE), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_resize(&map, heap, BASE + 123), -EINVAL);
	CU_ASSERT_EQUAL(vm_map_resize(&map, heap, BASE + PAGE_SIZE), 0);
	CU_ASSERT(vm_map_lookup(&map, BASE + PAGE_SIZE) == NULL);
	vm_map_remove(&map, heap);
	CU_ASSERT_EQUAL(map.vm_nregions, 1);
	CU_ASSERT(vm_map_find_kind(&map, VR_HEAP) == NULL);
	CU_ASSERT(vm_map_find_kind(&map, VR_STACK) != NULL);
}

static void
test_user_range_ok_never_wraps(void)
{
	CU_ASSERT(USER_RANGE_OK(USER_MIN, 1));
	CU_ASSERT(USER_RANGE_OK(USER_MAX - 1, 1));
	CU_ASSERT(USER_RANGE_OK(USER_MAX, 0));
	CU_ASSERT(!USER_RANGE_OK(USER_MAX - 1, 2));
	CU_ASSERT(!USER_RANGE_OK(USER_MIN - 1, 1));
	CU_ASSERT(!USER_RANGE_OK(4, 4));
	CU_ASSERT(!USER_RANGE_OK(0xBFFFFFF0u, 0x40000020u));	/* wraps to 16 */
	CU_ASSERT(!USER_RANGE_OK(USER_MIN, 0xFFFFFFFFu));
	CU_ASSERT(!USER_RANGE_OK(0xFFFFFFF0u, 8));
}

int
add_vm_map_suite(void)
{
	static const struct unit_test tests[] = {
		{ "random_inserts_agree_with_the_model",
		    test_random_inserts_agree_with_the_model },
		{ "bad_ranges_are_refused", test_bad_ranges_are_refused },
		{ "a_full_map_says_enomem", test_a_full_map_says_enomem },
		{ "resize_stops_at_the_next_region",
		    test_resize_stops_at_the_next_region },
		{ "user_range_ok_never_wraps", test_user_range_ok_never_wraps },
		{ NULL, NULL },
	};

	return add_suite("vm_map", tests);
}
