/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Traps (book/06-traps.nw): exceptions raised on purpose inside
 * trap_catch, and reports formatted from trap frames built by hand.  Expected values come
 * from the Intel manuals (names, which instruction eip points at, error
 * codes), from the values a test puts in registers or frames itself, and
 * from function addresses; never from a previous run.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/segments.h"
#include "arch/i386/trap.h"
#include "kern/ksyms.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/kvcprintf.h"

/* "Does the report contain this text?", with the report in the message. */
#define EXPECT_REPORT_HAS(report, text) do {				\
	if (kstrstr((report), (text)) == NULL)				\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "report lacks \"%s\": %s", (text), (report));	\
} while (0)

/* "Does the report start with this text?" */
#define EXPECT_REPORT_STARTS(report, text) do {				\
	if (kstrncmp((report), (text), kstrlen(text)) != 0)		\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "report does not start with \"%s\": %s", (text),	\
		    (report));						\
} while (0)

static char report[TRAP_REPORT_MAX];
static char expect[128];

/* ---- functions that fault on purpose -------------------------------- */

static void __attribute__((noinline))
divide_by_zero(void *arg)
{
	(void)arg;
	__asm__ __volatile__("xorl %%ecx, %%ecx\n\t"
	    "divl %%ecx" : : : "eax", "ecx", "edx");
}

static void __attribute__((noinline))
execute_ud2(void *arg)
{
	(void)arg;
	__asm__ __volatile__("ud2");
}

static void __attribute__((noinline))
load_fs(void *arg)
{
	uint32_t selector = *(const uint32_t *)arg;

	__asm__ __volatile__("movw %w0, %%fs" : : "r"(selector) : "memory");
}

static void __attribute__((noinline))
breakpoint(void *arg)
{
	(void)arg;
	__asm__ __volatile__("int3");
}

/* Distinct values that the faulting function loads into registers. */
#define REG_EAX	0x11111111u
#define REG_EBX	0x22222222u
#define REG_ECX	0x33333333u
#define REG_EDX	0x44444444u
#define REG_ESI	0x55555555u
#define REG_EDI	0x66666666u

static volatile uint32_t fault_esp, fault_ebp;

static void __attribute__((noinline))
fault_with_known_registers(void *arg)
{
	(void)arg;
	fault_ebp = (uint32_t)(uintptr_t)__builtin_frame_address(0);
	__asm__ __volatile__(
	    "movl %%esp, %0\n\t"
	    "movl %1, %%eax\n\t"
	    "movl %2, %%ebx\n\t"
	    "movl %3, %%ecx\n\t"
	    "movl %4, %%edx\n\t"
	    "movl %5, %%esi\n\t"
	    "movl %6, %%edi\n\t"
	    "ud2"
	    : "=m"(fault_esp)
	    : "i"(REG_EAX), "i"(REG_EBX), "i"(REG_ECX), "i"(REG_EDX),
	      "i"(REG_ESI), "i"(REG_EDI)
	    : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory");
}

/* ---- exceptions caught ---------------------------------------------- */

KTEST(trap_divide_error_is_caught_and_named)
{
	struct trapframe tf;
	const uint8_t *insn;

	KT_EXPECT_EQ(TRAP_DE, trap_catch(divide_by_zero, NULL, &tf));
	KT_EXPECT_EQ(TRAP_DE, tf.tf_trapno);
	KT_EXPECT_EQ(0, tf.tf_err);		/* the stub's dummy */
	KT_EXPECT_EQ(0, tf.tf_ecx);		/* the divisor */
	/* A fault: eip is the div instruction itself, f7 f1 = divl %ecx. */
	insn = (const uint8_t *)(uintptr_t)tf.tf_eip;
	KT_EXPECT_EQ(0xf7, insn[0]);
	KT_EXPECT_EQ(0xf1, insn[1]);
	trap_format(&tf, report, sizeof(report));
	EXPECT_REPORT_STARTS(report, "divide error (vector 0) at ");
	KT_ASSERT(trap_catch_current == NULL);
}

KTEST(trap_frame_holds_the_registers)
{
	struct trapframe tf;

	KT_EXPECT_EQ(TRAP_UD, trap_catch(fault_with_known_registers, NULL,
	    &tf));
	KT_EXPECT_EQ(REG_EAX, tf.tf_eax);
	KT_EXPECT_EQ(REG_EBX, tf.tf_ebx);
	KT_EXPECT_EQ(REG_ECX, tf.tf_ecx);
	KT_EXPECT_EQ(REG_EDX, tf.tf_edx);
	KT_EXPECT_EQ(REG_ESI, tf.tf_esi);
	KT_EXPECT_EQ(REG_EDI, tf.tf_edi);
	KT_EXPECT_EQ(fault_ebp, tf.tf_ebp);
	KT_EXPECT_EQ(fault_esp, trapframe_esp(&tf));
	KT_EXPECT_EQ(GDT_KCODE_SEL, tf.tf_cs & 0xffff);
	KT_EXPECT_EQ(GDT_KDATA_SEL, tf.tf_ds & 0xffff);
	KT_EXPECT_EQ(GDT_KDATA_SEL, tf.tf_es & 0xffff);
	/* %fs is the per-CPU segment (book/10-globaldata.nw). */
	KT_EXPECT_EQ(GDT_PERCPU_SEL, tf.tf_fs & 0xffff);
	KT_EXPECT_EQ(GDT_KDATA_SEL, tf.tf_gs & 0xffff);
	KT_EXPECT_EQ(0, trapframe_from_user(&tf));
	KT_EXPECT_EQ(0x2, tf.tf_eflags & 0x2);	/* bit 1 always reads 1 */
}

KTEST(trap_invalid_opcode_reports_eip_function)
{
	struct trapframe tf;
	const uint8_t *insn;
	const char *name;
	uintptr_t off = 0;

	KT_EXPECT_EQ(TRAP_UD, trap_catch(execute_ud2, NULL, &tf));
	insn = (const uint8_t *)(uintptr_t)tf.tf_eip;
	KT_EXPECT_EQ(0x0f, insn[0]);		/* ud2 is 0f 0b */
	KT_EXPECT_EQ(0x0b, insn[1]);
	name = ksyms_lookup(tf.tf_eip, &off);
	KT_EXPECT_STREQ("execute_ud2", name);
	KT_EXPECT_EQ(tf.tf_eip - (uintptr_t)execute_ud2, off);
	trap_format(&tf, report, sizeof(report));
	EXPECT_REPORT_STARTS(report, "invalid opcode (vector 6) at ");
	ksnprintf(expect, sizeof(expect), "at 0x%08x execute_ud2+0x%x, "
	    "kernel mode\n", tf.tf_eip,
	    (unsigned)(tf.tf_eip - (uintptr_t)execute_ud2));
	EXPECT_REPORT_HAS(report, expect);
}

KTEST(trap_gp_fault_has_error_code)
{
	struct trapframe tf;
	uint32_t selector = GDT_SEL(GDT_NENTRIES, 0);	/* past the GDT */

	KT_EXPECT_EQ(TRAP_GP, trap_catch(load_fs, &selector, &tf));
	/* Error code of a selector fault: the selector, EXT = IDT = 0. */
	KT_EXPECT_EQ(selector, tf.tf_err);
	KT_EXPECT_EQ(GDT_PERCPU_SEL, tf.tf_fs & 0xffff);	/* load failed */
	trap_format(&tf, report, sizeof(report));
	EXPECT_REPORT_STARTS(report, "general protection fault (vector 13)");
	ksnprintf(expect, sizeof(expect), "error 0x%08x", selector);
	EXPECT_REPORT_HAS(report, expect);
}

static unsigned bp_hits;
static uint32_t bp_eip;

static void
count_breakpoint(struct trapframe *tf)
{
	bp_hits++;
	bp_eip = tf->tf_eip;
	tf->tf_eax += 1;		/* must reach the interrupted code */
}

KTEST(trap_breakpoint_handler_resumes)
{
	struct trapframe tf;
	trap_handler_fn *old;
	uint32_t eax, after;

	/* The user mode chapter has a handler here for breakpoints in user
	 * code; it passes the kernel's on, so it is put back after. */
	old = trap_set_handler(TRAP_BP, count_breakpoint);
	bp_hits = 0;
	__asm__ __volatile__(
	    "movl $0x1234, %%eax\n\t"
	    "int3\n"
	    "1:\tmovl $1b, %1"
	    : "=a"(eax), "=r"(after) : : "memory");
	KT_ASSERT(trap_set_handler(TRAP_BP, old) == count_breakpoint);
	KT_EXPECT_EQ(1, bp_hits);
	KT_EXPECT_EQ(0x1235, eax);
	/* A trap, not a fault: eip is the instruction after int3 (cc). */
	KT_EXPECT_EQ(after, bp_eip);
	KT_EXPECT_EQ(0xcc, *(const uint8_t *)(uintptr_t)(bp_eip - 1));

	/* Without a handler, a breakpoint is caught like any exception. */
	KT_EXPECT_EQ(TRAP_BP, trap_catch(breakpoint, NULL, &tf));
	KT_EXPECT_EQ(0xcc, *(const uint8_t *)(uintptr_t)(tf.tf_eip - 1));
}

static void
count_call(void *arg)
{
	*(int *)arg += 1;
}

static void
catch_inside(void *arg)
{
	struct trapframe tf;

	*(int *)arg = trap_catch(execute_ud2, NULL, &tf);
}

/*
 * volatile: the compiler does not know that divide_by_zero never returns
 * here, and would drop the first store as overwritten by the second.
 */
static void
catch_then_divide(void *arg)
{
	volatile int *result = arg;

	*result = trap_catch(execute_ud2, NULL, NULL);
	divide_by_zero(NULL);
	*result = 999;			/* never reached */
}

KTEST(trap_catch_nests_and_returns_minus_one)
{
	struct trapframe tf;
	int calls = 0, inner = 0;

	KT_EXPECT_EQ(-1, trap_catch(count_call, &calls, &tf));
	KT_EXPECT_EQ(1, calls);
	KT_EXPECT_EQ(-1, trap_catch(catch_inside, &inner, &tf));
	KT_EXPECT_EQ(TRAP_UD, inner);
	inner = 0;
	KT_EXPECT_EQ(TRAP_DE, trap_catch(catch_then_divide, &inner, &tf));
	KT_EXPECT_EQ(TRAP_UD, inner);
	KT_EXPECT_EQ(TRAP_DE, tf.tf_trapno);
	KT_ASSERT(trap_catch_current == NULL);
}

/* ---- reports of hand-made frames ------------------------------------ */

/* The exceptions' names, from the Intel and AMD manuals. */
static const char *const manual_names[TRAP_NEXCEPTIONS] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode",
	"device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack-segment fault", "general protection fault", "page fault",
	"reserved", "x87 floating-point error", "alignment check",
	"machine check", "SIMD floating-point exception",
	"virtualization exception", "control protection exception",
	"reserved", "reserved", "reserved", "reserved", "reserved",
	"reserved", "hypervisor injection exception",
	"VMM communication exception", "security exception", "reserved",
};

/* A frame whose every register says which register and vector it is. */
static void
make_frame(struct trapframe *tf, unsigned vector, int user)
{
	kmemset(tf, 0, sizeof(*tf));
	tf->tf_trapno = vector;
	tf->tf_eax = 0xa0000000u | vector;
	tf->tf_ebx = 0xb0000000u | vector;
	tf->tf_ecx = 0xc0000000u | vector;
	tf->tf_edx = 0xd0000000u | vector;
	tf->tf_esi = 0x51000000u | vector;
	tf->tf_edi = 0xd1000000u | vector;
	tf->tf_ebp = 0xeb000000u | vector;
	tf->tf_isp = 0x15000000u | (vector << 4);
	tf->tf_err = 0xe0000000u | vector;
	tf->tf_eip = 0xf0000000u | vector;	/* in no function */
	tf->tf_eflags = 0x00000202u | (vector << 12);
	tf->tf_cs = user ? GDT_SEL(GDT_UCODE, 3) : GDT_KCODE_SEL;
	tf->tf_ds = tf->tf_es = user ? GDT_SEL(GDT_UDATA, 3) : GDT_KDATA_SEL;
	tf->tf_fs = 0xffff0000u | 0x30;		/* upper half: garbage */
	tf->tf_gs = 0x38;
	tf->tf_esp = 0x5e000000u | vector;
	tf->tf_ss = GDT_SEL(GDT_UDATA, 3);
}

static void
check_report(struct ktest_ctx *kt, const struct trapframe *tf,
    const char *name, int user)
{
	trap_format(tf, report, sizeof(report));
	ksnprintf(expect, sizeof(expect), "%s (vector %u) at 0x%08x ?, %s "
	    "mode\n", name, tf->tf_trapno, tf->tf_eip,
	    user ? "user" : "kernel");
	EXPECT_REPORT_STARTS(report, expect);
#define HAS(fmt, value) do {						\
	ksnprintf(expect, sizeof(expect), fmt, value);			\
	EXPECT_REPORT_HAS(report, expect);				\
} while (0)
	HAS("eax 0x%08x", tf->tf_eax);
	HAS("ebx 0x%08x", tf->tf_ebx);
	HAS("ecx 0x%08x", tf->tf_ecx);
	HAS("edx 0x%08x", tf->tf_edx);
	HAS("esi 0x%08x", tf->tf_esi);
	HAS("edi 0x%08x", tf->tf_edi);
	HAS("ebp 0x%08x", tf->tf_ebp);
	/* Kernel mode: esp is computed from isp; user mode: saved. */
	HAS("esp 0x%08x", user ? tf->tf_esp : tf->tf_isp + 36);
	HAS("eip 0x%08x", tf->tf_eip);
	HAS("eflags 0x%08x", tf->tf_eflags);
	HAS("error 0x%08x", tf->tf_err);
	HAS("cs 0x%04x", tf->tf_cs);
	HAS("ds 0x%04x", tf->tf_ds);
	HAS("es 0x%04x", tf->tf_es);
	HAS("fs 0x%04x", tf->tf_fs & 0xffff);
	HAS("gs 0x%04x", tf->tf_gs);
	HAS("ss 0x%04x", user ? tf->tf_ss : (uint32_t)GDT_KDATA_SEL);
#undef HAS
	if (tf->tf_trapno != TRAP_PF)
		KT_ASSERT(kstrstr(report, "cr2") == NULL);
	KT_ASSERT(report[kstrlen(report) - 1] != '\n');
}

KTEST(trap_report_names_every_exception)
{
	struct trapframe tf;
	unsigned v;
	int user;

	for (user = 0; user <= 1; user++) {
		for (v = 0; v < TRAP_NEXCEPTIONS; v++) {
			make_frame(&tf, v, user);
			check_report(kt, &tf, manual_names[v], user);
		}
		make_frame(&tf, 32, user);
		check_report(kt, &tf, "interrupt", user);
		make_frame(&tf, 255, user);
		check_report(kt, &tf, "interrupt", user);
	}
	/* An eip inside a function is shown as function+offset. */
	make_frame(&tf, TRAP_UD, 0);
	tf.tf_eip = (uint32_t)(uintptr_t)ksnprintf + 5;
	trap_format(&tf, report, sizeof(report));
	ksnprintf(expect, sizeof(expect), "at 0x%08x ksnprintf+0x5, kernel",
	    tf.tf_eip);
	EXPECT_REPORT_HAS(report, expect);
}

KTEST(trap_report_decodes_page_fault_bits)
{
	static const struct {
		uint32_t	err;
		const char	*words;
	} cases[] = {
		{ 0, "page not present, read, kernel access" },
		{ PGEX_P, "protection violation, read, kernel access" },
		{ PGEX_W, "page not present, write, kernel access" },
		{ PGEX_U, "page not present, read, user access" },
		{ PGEX_P | PGEX_W | PGEX_U,
		    "protection violation, write, user access" },
		{ PGEX_RSV | PGEX_P,
		    "protection violation, read, kernel access, "
		    "reserved bit set" },
		{ PGEX_I | PGEX_U,
		    "page not present, read, user access, instruction fetch" },
	};
	struct trapframe tf;
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_frame(&tf, TRAP_PF, 0);
		tf.tf_err = cases[i].err;
		tf.tf_cr2 = 0xdead0000u + i;
		trap_format(&tf, report, sizeof(report));
		EXPECT_REPORT_STARTS(report, "page fault (vector 14) at ");
		ksnprintf(expect, sizeof(expect), "\n  cr2 0x%08x: %s",
		    tf.tf_cr2, cases[i].words);
		EXPECT_REPORT_HAS(report, expect);
		/* ...and it is the last line. */
		KT_EXPECT_STREQ(cases[i].words,
		    report + kstrlen(report) - kstrlen(cases[i].words));
	}
}

KTEST(trap_report_is_cut_safely)
{
	static char whole[TRAP_REPORT_MAX], cut[TRAP_REPORT_MAX + 8];
	struct trapframe tf;
	int len, n, size, i, vector;

	for (vector = TRAP_GP; vector <= TRAP_PF; vector++) {
		make_frame(&tf, vector, 0);
		len = trap_format(&tf, whole, sizeof(whole));
		KT_EXPECT_EQ(len, kstrlen(whole));
		EXPECT_REPORT_STARTS(whole, manual_names[vector]);
		KT_ASSERT(len < TRAP_REPORT_MAX);
		for (size = 0; size <= len + 1; size++) {
			kmemset(cut, '#', sizeof(cut));
			n = trap_format(&tf, cut, size);
			KT_EXPECT_EQ(len, n);
			for (i = size; i < (int)sizeof(cut); i++)
				if (cut[i] != '#')
					break;
			KT_EXPECT_EQ((int)sizeof(cut), i);	/* untouched */
			if (size == 0)
				continue;
			KT_EXPECT_EQ(0, cut[size - 1 < len ? size - 1 : len]);
			KT_EXPECT_EQ(0, kstrncmp(whole, cut, size - 1));
		}
	}
}

KTEST(trap_set_handler_returns_the_previous_one)
{
	trap_handler_fn *old;

	old = trap_set_handler(200, count_breakpoint);
	KT_ASSERT(old == NULL);
	KT_ASSERT(trap_set_handler(200, NULL) == count_breakpoint);
	KT_ASSERT(trap_set_handler(200, NULL) == NULL);
}

/* ---- the GDT -------------------------------------------------------- */

KTEST(trap_gdt_is_loaded_and_flat)
{
	struct region_descriptor rd;
	const uint64_t *gdt;
	uint64_t accessed = 1ULL << 40;	/* the CPU sets it on a load */
	uint16_t cs, ss;

	/* The flat 4 GiB ring-0 segments, as the Intel manuals encode them. */
	KT_EXPECT_EQ(0x00cf9a000000ffffULL, gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(0) | SEG_S | SEG_CODE_XR, SEG_G | SEG_D));
	KT_EXPECT_EQ(0x00cf92000000ffffULL, gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(0) | SEG_S | SEG_DATA_RW, SEG_G | SEG_D));
	KT_EXPECT_EQ(0x12cf9a345678ffffULL, gdt_descriptor(0x12345678,
	    0xfffff, 0x9a, 0xc));

	__asm__ __volatile__("sgdt %0" : "=m"(rd));
	__asm__ __volatile__("movw %%cs, %0; movw %%ss, %1"
	    : "=r"(cs), "=r"(ss));
	KT_EXPECT_EQ(GDT_NENTRIES * 8 - 1, rd.rd_limit);
	KT_EXPECT_EQ(GDT_KCODE_SEL, cs);
	KT_EXPECT_EQ(GDT_KDATA_SEL, ss);
	gdt = (const uint64_t *)(uintptr_t)rd.rd_base;
	KT_EXPECT_EQ(0, gdt[GDT_NULL]);
	KT_EXPECT_EQ(0x00cf9a000000ffffULL, gdt[GDT_KCODE] & ~accessed);
	KT_EXPECT_EQ(0x00cf92000000ffffULL, gdt[GDT_KDATA] & ~accessed);
	/* GDT_UCODE, GDT_UDATA and GDT_TSS belong to the user mode chapter
	 * (book/24-usermode.nw), whose tests check them. */
}
