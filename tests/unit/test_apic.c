/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The pure parts of the interrupt chapter (Chapter "apic"): interrupt
 * command and redirection entry encodings, where ISA IRQs arrive, the
 * timer's calibration arithmetic, PIT counts, and the jitter generator.
 * Expected encodings are assembled in the tests from the bit positions
 * the Intel manuals give, not copied from the code's constants.
 */
#include <stdint.h>
#include <string.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/apicreg.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/pit.h"
#include "check.h"
#include "suites.h"

/* ENOENT and EINVAL: the host's <errno.h> (through CUnit) has the BSD
 * values of kern/errno.h; including both would redefine ETIMEDOUT. */
#include <errno.h>

/* ---- interrupt commands ---------------------------------------------- */

static void
test_icr_startup_vector_is_the_page(void)
{
	uint32_t icr = 0;

	CU_ASSERT_EQUAL(apic_icr_startup(0x8000, &icr), 0);
	/* delivery mode 110 (bits 10..8), level assert (bit 14), vector 8 */
	CU_ASSERT_EQUAL(icr, (6u << 8) | (1u << 14) | 0x08);
	CU_ASSERT_EQUAL(apic_icr_startup(0x1000, &icr), 0);
	CU_ASSERT_EQUAL(icr & 0xFF, 0x01);
	CU_ASSERT_EQUAL(apic_icr_startup(0x9F000, &icr), 0);
	CU_ASSERT_EQUAL(icr & 0xFF, 0x9F);
	CU_ASSERT_EQUAL(apic_icr_startup(0xC0000, &icr), 0);
	CU_ASSERT_EQUAL(icr & 0xFF, 0xC0);
}

static void
test_icr_startup_refuses_bad_addresses(void)
{
	uint32_t icr = 0x12345678;

	CU_ASSERT_EQUAL(apic_icr_startup(0x8001, &icr), -1);	/* unaligned */
	CU_ASSERT_EQUAL(apic_icr_startup(0x8800, &icr), -1);
	CU_ASSERT_EQUAL(apic_icr_startup(0x100000, &icr), -1); /* 1 MiB */
	CU_ASSERT_EQUAL(apic_icr_startup(0xFFFFF000, &icr), -1);
	CU_ASSERT_EQUAL(apic_icr_startup(0xA0000, &icr), -1);	/* reserved */
	CU_ASSERT_EQUAL(apic_icr_startup(0xBF000, &icr), -1);
	CU_ASSERT_EQUAL(icr, 0x12345678);		/* left untouched */
}

static void
test_icr_init_fixed_and_dest(void)
{
	/* INIT: mode 101, assert (bit 14), level trigger (bit 15) */
	CU_ASSERT_EQUAL(apic_icr_init(), (5u << 8) | (1u << 14) | (1u << 15));
	/* fixed: mode 000, assert, edge, the vector in bits 7..0 */
	CU_ASSERT_EQUAL(apic_icr_fixed(0xF0), (1u << 14) | 0xF0);
	CU_ASSERT_EQUAL(apic_icr_fixed(0x40), (1u << 14) | 0x40);
	CU_ASSERT_EQUAL(APIC_ICR_SELF, 1u << 18);	/* shorthand 01 */
	CU_ASSERT_EQUAL(APIC_ICR_ALL_BUT_SELF, 3u << 18); /* shorthand 11 */
	CU_ASSERT_EQUAL(APIC_ICR_BUSY, 1u << 12);
	CU_ASSERT_EQUAL(apic_icr_dest(0), 0);
	CU_ASSERT_EQUAL(apic_icr_dest(1), 0x01000000u);
	CU_ASSERT_EQUAL(apic_icr_dest(0xFF), 0xFF000000u);
}

/* ---- redirection entries ---------------------------------------------- */

static void
test_rte_every_signal_and_mask(void)
{
	int low, level, masked;
	uint64_t rte, want;

	for (low = 0; low < 2; low++)
		for (level = 0; level < 2; level++)
			for (masked = 0; masked < 2; masked++) {
				rte = ioapic_rte(0x34, 3, low, level, masked);
				want = 0x34 | (uint64_t)low << 13 |
				    (uint64_t)level << 15 |
				    (uint64_t)masked << 16 | 3ULL << 56;
				CHECK_MSG(rte == want, __LINE__,
				    "low %d level %d masked %d: 0x%llx, "
				    "want 0x%llx", low, level, masked,
				    (unsigned long long)rte,
				    (unsigned long long)want);
			}
}

static void
test_rte_destination_and_vector_fields(void)
{
	uint64_t rte = ioapic_rte(0xFF, 0xFF, 0, 0, 0);

	CU_ASSERT_EQUAL(rte, 0xFF000000000000FFULL);
	CU_ASSERT_EQUAL(ioapic_rte_dest(rte), 0xFF);
	CU_ASSERT_EQUAL(ioapic_rte_dest(ioapic_rte(0x30, 0, 1, 1, 1)), 0);
	CU_ASSERT_EQUAL(ioapic_rte(0x30, 0, 0, 0, 0) & IOAPIC_RTE_VECTOR, 0x30);
	/* Fixed delivery, physical destination: bits 8..11 stay 0. */
	CU_ASSERT_EQUAL(ioapic_rte(0x30, 7, 1, 1, 1) & 0xF00, 0);
	CU_ASSERT_EQUAL(IOAPIC_REG_RTE(0), 0x10);
	CU_ASSERT_EQUAL(IOAPIC_REG_RTE(23), 0x10 + 46);
	CU_ASSERT_EQUAL(IOAPIC_VERSION_NPINS(0x00170020), 24);
}

/* ---- where ISA IRQs arrive ------------------------------------------ */

/* What QEMU's and Bochs' MADTs say (IRQ 0 on GSI 2; QEMU adds 5, 9, 10
 * and 11 level-triggered, active high). */
static void
qemu_like(struct machine_info *mi)
{
	static const uint8_t level_irqs[] = { 5, 9, 10, 11 };
	unsigned i;

	machine_clear(mi);
	machine_add_ioapic(mi, 0, 0xFEC00000, 0);
	machine_add_override(mi, 0, 2, 0);
	for (i = 0; i < sizeof(level_irqs); i++)
		machine_add_override(mi, level_irqs[i], level_irqs[i],
		    IRQ_POLARITY_HIGH | IRQ_TRIGGER_LEVEL);
}

static void
test_isa_routes_on_a_qemu_like_machine(void)
{
	struct machine_info mi;
	struct isa_route r;
	int irq;

	qemu_like(&mi);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 0, &r), 0);
	CU_ASSERT_EQUAL(r.gsi, 2);
	CU_ASSERT_EQUAL(r.active_low, 0);	/* bus default: high */
	CU_ASSERT_EQUAL(r.level, 0);		/* bus default: edge */
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 2, &r), -ENOENT);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 9, &r), 0);
	CU_ASSERT_EQUAL(r.gsi, 9);
	CU_ASSERT_EQUAL(r.level, 1);
	CU_ASSERT_EQUAL(r.active_low, 0);
	for (irq = 0; irq < ISA_NIRQ; irq++) {
		int want_level = irq == 5 || irq == 9 || irq == 10 || irq == 11;

		if (irq == 0 || irq == 2)
			continue;
		CU_ASSERT_EQUAL_FATAL(isa_irq_route(&mi, irq, &r), 0);
		CHECK_MSG(r.gsi == (uint32_t)irq && r.level == want_level &&
		    r.active_low == 0, __LINE__, "IRQ %d: gsi %u level %d "
		    "low %d", irq, r.gsi, r.level, r.active_low);
	}
}

static void
test_isa_routes_without_overrides(void)
{
	struct machine_info mi;
	struct isa_route r;
	int irq;

	machine_clear(&mi);
	for (irq = 0; irq < ISA_NIRQ; irq++) {
		CU_ASSERT_EQUAL_FATAL(isa_irq_route(&mi, irq, &r), 0);
		CU_ASSERT_EQUAL(r.gsi, (uint32_t)irq);
		CU_ASSERT_EQUAL(r.level, 0);
		CU_ASSERT_EQUAL(r.active_low, 0);
	}
	CU_ASSERT_EQUAL(isa_irq_route(&mi, -1, &r), -EINVAL);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, ISA_NIRQ, &r), -EINVAL);
}

static void
test_isa_routes_explicit_and_reserved_flags(void)
{
	struct machine_info mi;
	struct isa_route r;

	machine_clear(&mi);
	machine_add_override(&mi, 9, 20, IRQ_POLARITY_LOW | IRQ_TRIGGER_LEVEL);
	machine_add_override(&mi, 4, 4, IRQ_POLARITY_HIGH | IRQ_TRIGGER_EDGE);
	machine_add_override(&mi, 3, 3, 0x2 | 0x8);	/* reserved values */
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 9, &r), 0);
	CU_ASSERT_EQUAL(r.gsi, 20);
	CU_ASSERT_EQUAL(r.active_low, 1);
	CU_ASSERT_EQUAL(r.level, 1);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 4, &r), 0);
	CU_ASSERT_EQUAL(r.active_low, 0);
	CU_ASSERT_EQUAL(r.level, 0);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 3, &r), 0);	/* read as ISA's */
	CU_ASSERT_EQUAL(r.active_low, 0);
	CU_ASSERT_EQUAL(r.level, 0);
	/* GSI 9 is free (IRQ 9 moved away), GSI 20 is no ISA IRQ's. */
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 8, &r), 0);
	CU_ASSERT_EQUAL(r.gsi, 8);
}

static void
test_isa_route_of_an_irq_sent_to_another_irqs_gsi(void)
{
	struct machine_info mi;
	struct isa_route r;

	machine_clear(&mi);
	machine_add_override(&mi, 14, 15, 0);	/* IRQ 14 on GSI 15 */
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 14, &r), 0);
	CU_ASSERT_EQUAL(r.gsi, 15);
	CU_ASSERT_EQUAL(isa_irq_route(&mi, 15, &r), -ENOENT);
}

/* ---- the timer's arithmetic -------------------------------------------- */

static void
test_counts_per_tick_one_second(void)
{
	/* Measured over one second of PIT counts: elapsed / hz exactly. */
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(62500000, PIT_HZ, 100),
	    625000);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(4000000, PIT_HZ, 100),
	    40000);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(1000, PIT_HZ, 1000), 1);
	/* Rounded to nearest: 150 / 100 = 1.5 -> 2, 149 / 100 -> 1. */
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(150, PIT_HZ, 100), 2);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(149, PIT_HZ, 100), 1);
}

static void
test_counts_per_tick_ten_ms(void)
{
	uint32_t pit = pit_count_for_us(10000);		/* 11932 */
	uint64_t elapsed = 625000, exact_num, got;

	/* 11932 PIT counts are 10.000151 ms: the figure is elapsed scaled
	 * by 11931.82 / 11932, i.e. slightly below elapsed. */
	exact_num = elapsed * PIT_HZ;
	got = apic_timer_counts_per_tick((uint32_t)elapsed, pit, 100);
	CU_ASSERT(got * pit * 100 <= exact_num + pit * 100 / 2);
	CU_ASSERT(got * pit * 100 + pit * 100 / 2 >= exact_num);
	CU_ASSERT(got < elapsed && got > elapsed - 20);
}

static void
test_counts_per_tick_zero_and_overflow(void)
{
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(1000, 0, 100), 0);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(1000, 100, 0), 0);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(0, 11932, 100), 0);
	CU_ASSERT_EQUAL(apic_timer_counts_per_tick(0xFFFFFFFFu, 1, 1),
	    UINT32_MAX);
}

static void
test_pit_count_for_us(void)
{
	CU_ASSERT_EQUAL(pit_count_for_us(0), 0);
	CU_ASSERT_EQUAL(pit_count_for_us(1000000), PIT_HZ);
	CU_ASSERT_EQUAL(pit_count_for_us(10000), 11932);	/* 11931.82 */
	CU_ASSERT_EQUAL(pit_count_for_us(200), 239);		/* 238.64 */
	CU_ASSERT_EQUAL(pit_count_for_us(1), 1);		/* 1.19 */
	CU_ASSERT(pit_count_for_us(50000) <= PIT_MAX_COUNT);
}

/* ---- the jitter generator --------------------------------------------- */

#define DRAWS	1000

static void
draw(unsigned long seed, int cpu, uint32_t base, uint32_t *out, int n)
{
	uint32_t state;
	int i;

	timer_jitter_seed(&state, seed, cpu);
	for (i = 0; i < n; i++)
		out[i] = timer_jitter_next(&state, base);
}

static void
test_jitter_same_seed_same_sequence(void)
{
	static uint32_t a[DRAWS], b[DRAWS];

	draw(17, 2, 2500, a, DRAWS);
	draw(17, 2, 2500, b, DRAWS);
	CU_ASSERT_EQUAL(memcmp(a, b, sizeof(a)), 0);
}

static void
test_jitter_other_seed_or_cpu_differs(void)
{
	static uint32_t a[DRAWS], b[DRAWS], c[DRAWS];
	unsigned long seed;
	int same_b = 0, same_c = 0, i;

	draw(17, 0, 625000, a, DRAWS);
	draw(18, 0, 625000, b, DRAWS);
	draw(17, 1, 625000, c, DRAWS);
	for (i = 0; i < DRAWS; i++) {
		same_b += a[i] == b[i];
		same_c += a[i] == c[i];
	}
	/* Two independent draws from 312501 values rarely coincide. */
	CU_ASSERT(same_b < 10);
	CU_ASSERT(same_c < 10);
	/* The first count differs between neighbouring seeds. */
	for (seed = 0; seed < 100; seed++) {
		draw(seed, 0, 625000, a, 1);
		draw(seed + 1, 0, 625000, b, 1);
		CHECK_MSG(a[0] != b[0], __LINE__, "seeds %lu and %lu start "
		    "with the same count %u", seed, seed + 1, a[0]);
	}
}

static void
test_jitter_bounds_and_both_halves(void)
{
	static const uint32_t bases[] = { 1, 2, 3, 4, 5, 2500, 625000,
	    APIC_TIMER_MAX_BASE };
	static uint32_t v[DRAWS];
	unsigned i;
	int j, below, above;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		uint32_t base = bases[i], q = base / 4;

		draw(3, 1, base, v, DRAWS);
		below = above = 0;
		for (j = 0; j < DRAWS; j++) {
			CHECK_MSG(v[j] >= base - q && v[j] <= base + q &&
			    v[j] > 0, __LINE__, "base %u: count %u", base,
			    v[j]);
			below += v[j] < base;
			above += v[j] > base;
		}
		if (q >= 1) {
			CHECK_MSG(below > DRAWS / 4 && above > DRAWS / 4,
			    __LINE__, "base %u: %d below, %d above", base,
			    below, above);
		}
	}
}

static void
test_jitter_seed_zero_works(void)
{
	uint32_t state = 0, v[8];
	int i, distinct = 0;

	timer_jitter_seed(&state, 0, 0);
	CU_ASSERT_NOT_EQUAL(state, 0);
	draw(0, 0, 625000, v, 8);
	for (i = 1; i < 8; i++)
		distinct += v[i] != v[0];
	CU_ASSERT(distinct > 0);
}

static const struct unit_test apic_tests[] = {
	{ "icr_startup_vector_is_the_page", test_icr_startup_vector_is_the_page },
	{ "icr_startup_refuses_bad_addresses",
	    test_icr_startup_refuses_bad_addresses },
	{ "icr_init_fixed_and_dest", test_icr_init_fixed_and_dest },
	{ "rte_every_signal_and_mask", test_rte_every_signal_and_mask },
	{ "rte_destination_and_vector_fields",
	    test_rte_destination_and_vector_fields },
	{ "isa_routes_on_a_qemu_like_machine",
	    test_isa_routes_on_a_qemu_like_machine },
	{ "isa_routes_without_overrides", test_isa_routes_without_overrides },
	{ "isa_routes_explicit_and_reserved_flags",
	    test_isa_routes_explicit_and_reserved_flags },
	{ "isa_route_of_an_irq_sent_to_another_irqs_gsi",
	    test_isa_route_of_an_irq_sent_to_another_irqs_gsi },
	{ "counts_per_tick_one_second", test_counts_per_tick_one_second },
	{ "counts_per_tick_ten_ms", test_counts_per_tick_ten_ms },
	{ "counts_per_tick_zero_and_overflow",
	    test_counts_per_tick_zero_and_overflow },
	{ "pit_count_for_us", test_pit_count_for_us },
	{ "jitter_same_seed_same_sequence", test_jitter_same_seed_same_sequence },
	{ "jitter_other_seed_or_cpu_differs",
	    test_jitter_other_seed_or_cpu_differs },
	{ "jitter_bounds_and_both_halves", test_jitter_bounds_and_both_halves },
	{ "jitter_seed_zero_works", test_jitter_seed_zero_works },
	{ NULL, NULL }
};

int
add_apic_suite(void)
{
	return add_suite("apic", apic_tests);
}
