/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * User mode (book/24-usermode.nw), without processes: a test copies a
 * few instructions of machine code into an address space and starts a
 * thread there in ring 3.  For the length of the test it puts its own
 * handler on the system call vector, which records each int $0x80 and
 * ends the thread on request (call 1), and its own user_trap_hook,
 * which records the signal of a user exception and ends the thread.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/segments.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/signal.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "vm/vm_page.h"
#include "vm/vmspace.h"
#include "lwkt_testlib.h"

#define CODE	USER_TEXT_START
#define STACK	(USER_STACK_TOP - USER_STACK_MAX)

/* What a user thread of a test did. */
struct uthread {
	struct vmspace	*vm;		/* its address space */
	struct kt_group	*g;		/* to say it ended */
	uint32_t	regs[4];	/* ebx esi edi eax at its exit call */
	uint32_t	fs_seen;	/* %fs of the frame at call 3 */
	int		cpu_ok;		/* mycpu worked at call 3 */
	int		calls;		/* int $0x80 it made */
	int		sig;		/* the signal of its exception */
};


/* The user thread of TD (its start argument). */
static struct uthread *
ut_of(struct thread *td)
{
	return td->td_startarg;
}

/* End the calling user thread: leave its space, tell the test. */
static void __attribute__((noreturn))
ut_end(void)
{
	struct kt_group *g = ut_of(curthread)->g;

	vmspace_adopt(NULL);
	kt_group_exit(g);
}

/* The test's VEC_SYSCALL: 1 exits (recording), 2 answers ebx+1,
 * 3 looks at mycpu and the frame's %fs. */
static void
test_syscall(struct trapframe *tf)
{
	struct uthread *u = ut_of(curthread);

	u->calls++;
	switch (tf->tf_eax) {
	case 1:
		u->regs[0] = tf->tf_ebx;
		u->regs[1] = tf->tf_esi;
		u->regs[2] = tf->tf_edi;
		u->regs[3] = tf->tf_eax;
		ut_end();
	case 2:
		tf->tf_eax = tf->tf_ebx + 1;
		break;
	case 3:
		u->cpu_ok = mycpu->gd_self == mycpu &&
		    mycpu->gd_curthread == curthread;
		u->fs_seen = tf->tf_fs & 0xffff;
		tf->tf_eax = 0;
		break;
	}
}

/* The test's user_trap_hook: record the signal, end the thread. */
static void
test_trap(struct trapframe *tf, int sig)
{
	(void)tf;
	ut_of(curthread)->sig = sig;
	ut_end();
}

/* The first C code of a user thread: into its space, then ring 3. */
static void
ut_start(void *arg)
{
	struct uthread *u = arg;

	vmspace_adopt(u->vm);
	cpu_user_frame_init(curthread->td_frame, CODE, USER_STACK_TOP);
	cpu_enter_user(curthread->td_frame);
}

/* An address space with CODE (LEN bytes) at CODE and a stack. */
static struct vmspace *
ut_space(const uint8_t *code, size_t len)
{
	struct vmspace *vm = vmspace_alloc();

	if (vm == NULL)
		return NULL;
	if (vmspace_map(vm, CODE, CODE + PAGE_SIZE,
	    VM_PROT_READ | VM_PROT_EXEC, VR_PROGRAM) != 0 ||
	    vmspace_map(vm, STACK, USER_STACK_TOP,
	    VM_PROT_READ | VM_PROT_WRITE, VR_STACK) != 0 ||
	    vmspace_write(vm, CODE, code, len) != 0) {
		vmspace_free(vm);
		return NULL;
	}
	return vm;
}

/*
 * Run CODE in N user threads on this CPU, with the test's handlers in
 * place; wait for all to end.  U[i] is filled in.  0, or -1 if the
 * threads could not be made.
 */
static int
run_user(struct ktest_ctx *kt, const uint8_t *code, size_t len,
    struct uthread *u, int n)
{
	trap_handler_fn *old_sys;
	void (*old_trap)(struct trapframe *, int);
	struct kt_group g = { 0 };
	struct thread *td[4];
	int i, threads = lwkt_threads_allocated();

	for (i = 0; i < n; i++) {
		kmemset(&u[i], 0, sizeof(u[i]));
		u[i].g = &g;
		if ((u[i].vm = ut_space(code, len)) == NULL)
			return -1;
	}
	old_sys = trap_set_handler(VEC_SYSCALL, test_syscall);
	old_trap = user_trap_hook;
	user_trap_hook = test_trap;
	for (i = 0; i < n; i++) {
		td[i] = kt_group_create(kt, &g, ut_start, &u[i],
		    TDPRI_KERN_DAEMON, 0, "usermode");
		if (td[i] == NULL)
			break;
		cpu_thread_make_user(td[i]);
	}
	n = i;
	for (i = 0; i < n; i++)
		lwkt_schedule(td[i]);
	kt_group_wait(&g);
	kt_wait_threads_freed(threads);
	user_trap_hook = old_trap;
	trap_set_handler(VEC_SYSCALL, old_sys);
	for (i = 0; i < n; i++)
		vmspace_free(u[i].vm);
	return 0;
}

KTEST(usermode_syscall_roundtrip)
{
	static const uint8_t code[] = {
		0xbe, 0x34, 0x12, 0x00, 0x00,	/* mov $0x1234, %esi */
		0xbf, 0x55, 0x00, 0x00, 0x00,	/* mov $0x55, %edi */
		0xbb, 0x77, 0x00, 0x00, 0x00,	/* mov $0x77, %ebx */
		0xb8, 0x02, 0x00, 0x00, 0x00,	/* mov $2, %eax */
		0xcd, 0x80,			/* int $0x80: eax = ebx + 1 */
		0x89, 0xc3,			/* mov %eax, %ebx */
		0xb8, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %eax */
		0xcd, 0x80,			/* int $0x80: exit */
		0xeb, 0xfe,			/* jmp . */
	};
	struct uthread u;
	unsigned before;

	KT_EXPECT_EQ(0, run_user(kt, code, sizeof(code), &u, 1));
	before = vm_page_count_free();
	KT_EXPECT_EQ(0, run_user(kt, code, sizeof(code), &u, 1));
	KT_EXPECT_EQ(2, u.calls);
	KT_EXPECT_EQ(0x78, u.regs[0]);		/* ebx: the answer */
	KT_EXPECT_EQ(0x1234, u.regs[1]);	/* esi preserved */
	KT_EXPECT_EQ(0x55, u.regs[2]);		/* edi preserved */
	KT_EXPECT_EQ(0, u.sig);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(usermode_fs_reloaded)
{
	static const uint8_t code[] = {
		0x31, 0xc0,			/* xor %eax, %eax */
		0x8e, 0xe0,			/* mov %ax, %fs */
		0xb8, 0x03, 0x00, 0x00, 0x00,	/* mov $3, %eax */
		0xcd, 0x80,			/* int $0x80: mycpu works? */
		0x8c, 0xe3,			/* mov %fs, %ebx */
		0xb8, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %eax */
		0xcd, 0x80,			/* int $0x80: exit */
		0xeb, 0xfe,			/* jmp . */
	};
	struct uthread u;

	KT_EXPECT_EQ(0, run_user(kt, code, sizeof(code), &u, 1));
	KT_EXPECT_EQ(1, u.cpu_ok);
	KT_EXPECT_EQ(0, u.fs_seen);		/* the frame kept the user's */
	KT_EXPECT_EQ(0, u.regs[0] & 0xffff);	/* and it got it back */
}

KTEST(usermode_faults_become_signals)
{
	static const struct {
		uint8_t	code[12];
		int	sig;
	} cases[] = {
		{ { 0xa1, 0x00, 0x00, 0x10, 0x00 }, SIGSEGV },	/* kernel page */
		{ { 0xc7, 0x05, 0x00, 0x10, 0x00, 0x40, 0x01, 0x00, 0x00,
		    0x00 }, SIGSEGV },			/* write our own code */
		{ { 0xa1, 0x00, 0x00, 0x00, 0x60 }, SIGSEGV },	/* no region */
		{ { 0xfa }, SIGSEGV },			/* cli */
		{ { 0x0f, 0x0b }, SIGILL },		/* ud2 */
		{ { 0xcd, 0x30 }, SIGSEGV },		/* int $0x30: DPL 0 */
		{ { 0xdb, 0xe3 }, SIGFPE },		/* fninit: no FPU */
		{ { 0x31, 0xc9, 0xf7, 0xf1 }, SIGFPE },	/* divide by 0 */
		{ { 0xcc }, SIGTRAP },			/* int3 */
		{ { 0xf4 }, SIGSEGV },			/* hlt */
	};
	unsigned before = vm_page_count_free(), i;
	struct uthread u;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		KT_EXPECT_EQ(0, run_user(kt, cases[i].code,
		    sizeof(cases[i].code), &u, 1));
		KT_EXPECT_EQ(cases[i].sig, u.sig);
		KT_EXPECT_EQ(0, u.calls);
	}
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* Two threads count on one CPU while the clock switches between them:
 * each trap must land on the right thread's kernel stack. */
KTEST(usermode_two_threads_one_cpu)
{
	static const uint8_t code[] = {
		0x31, 0xc9,			/* xor %ecx, %ecx */
		0x41,				/* 1: inc %ecx */
		0x81, 0xf9, 0x80, 0x1a, 0x06, 0x00, /* cmp $400000, %ecx */
		0x75, 0xf7,			/* jne 1b */
		0x89, 0xcb,			/* mov %ecx, %ebx */
		0xbe, 0x11, 0x00, 0x00, 0x00,	/* mov $0x11, %esi */
		0xb8, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %eax */
		0xcd, 0x80,			/* int $0x80: exit */
		0xeb, 0xfe,			/* jmp . */
	};
	struct uthread u[2];

	KT_EXPECT_EQ(0, run_user(kt, code, sizeof(code), u, 2));
	KT_EXPECT_EQ(400000, u[0].regs[0]);
	KT_EXPECT_EQ(400000, u[1].regs[0]);
	KT_EXPECT_EQ(0x11, u[0].regs[1]);
	KT_EXPECT_EQ(0x11, u[1].regs[1]);
	KT_EXPECT_EQ(0, u[0].sig + u[1].sig);
}

/* This CPU's GDT has the user segments and its TSS, loaded. */
KTEST(usermode_gdt_and_tss)
{
	struct region_descriptor rd;
	const uint64_t *gdt;
	uint64_t accessed = 1ULL << 40;
	uint16_t tr;
	uint32_t base;

	crit_enter();
	__asm__ __volatile__("sgdt %0" : "=m"(rd));
	__asm__ __volatile__("str %0" : "=r"(tr));
	gdt = (const uint64_t *)(uintptr_t)rd.rd_base;
	KT_EXPECT_EQ(gdt_descriptor(0, 0xfffff, SEG_P | SEG_DPL(3) | SEG_S |
	    SEG_CODE_XR, SEG_G | SEG_D), gdt[GDT_UCODE] & ~accessed);
	KT_EXPECT_EQ(gdt_descriptor(0, 0xfffff, SEG_P | SEG_DPL(3) | SEG_S |
	    SEG_DATA_RW, SEG_G | SEG_D), gdt[GDT_UDATA] & ~accessed);
	KT_EXPECT_EQ(GDT_TSS_SEL, tr);
	KT_EXPECT_EQ(0x8b, (gdt[GDT_TSS] >> 40) & 0xff);	/* busy TSS */
	base = (uint32_t)((gdt[GDT_TSS] >> 16) & 0xffffff) |
	    (uint32_t)((gdt[GDT_TSS] >> 56) << 24);
	KT_EXPECT_EQ((uint32_t)(uintptr_t)&mycpu->gd_tss, base);
	KT_EXPECT_EQ(GDT_KDATA_SEL, mycpu->gd_tss.tss_ss0);
	crit_exit();
}
