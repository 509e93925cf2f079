/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The trap report: a pure function of a trap frame, so that tests can
 * format frames they build by hand.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/trap.h"
#include "kern/ksyms.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"

static const char *const trap_names[TRAP_NEXCEPTIONS] = {
	[TRAP_DE] = "divide error",
	[TRAP_DB] = "debug",
	[TRAP_NMI] = "non-maskable interrupt",
	[TRAP_BP] = "breakpoint",
	[TRAP_OF] = "overflow",
	[TRAP_BR] = "bound range exceeded",
	[TRAP_UD] = "invalid opcode",
	[TRAP_NM] = "device not available",
	[TRAP_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[TRAP_TS] = "invalid TSS",
	[TRAP_NP] = "segment not present",
	[TRAP_SS] = "stack-segment fault",
	[TRAP_GP] = "general protection fault",
	[TRAP_PF] = "page fault",
	[TRAP_MF] = "x87 floating-point error",
	[TRAP_AC] = "alignment check",
	[TRAP_MC] = "machine check",
	[TRAP_XM] = "SIMD floating-point exception",
	[TRAP_VE] = "virtualization exception",
	[TRAP_CP] = "control protection exception",
	[28] = "hypervisor injection exception",
	[TRAP_VC] = "VMM communication exception",
	[TRAP_SX] = "security exception",
};

/* The manual's name of VECTOR, in lower case. */
const char *
trap_name(unsigned vector)
{
	if (vector >= TRAP_NEXCEPTIONS)
		return "interrupt";
	return trap_names[vector] != NULL ? trap_names[vector] : "reserved";
}

/* The room left in a buffer of size bytes after len characters. */
static size_t
report_room(size_t size, int len)
{
	return (size_t)len < size ? size - (size_t)len : 0;
}

/* The report of TF into BUF, always terminated; pure (the boot lab's). */
int
trap_format(const struct trapframe *tf, char *buf, size_t size)
{
	char where[64];
	const char *fn;
	uintptr_t off;
	size_t room;
	int len;

	fn = ksyms_lookup(tf->tf_eip, &off);
	if (fn != NULL)
		ksnprintf(where, sizeof(where), "%s+0x%x", fn, (unsigned)off);
	else
		kstrlcpy(where, "?", sizeof(where));
	len = ksnprintf(buf, size,
	    "%s (vector %u) at 0x%08x %s, %s mode\n"
	    "  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n"
	    "  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n"
	    "  eip 0x%08x  eflags 0x%08x  error 0x%08x\n"
	    "  cs 0x%04x  ds 0x%04x  es 0x%04x  fs 0x%04x  gs 0x%04x"
	    "  ss 0x%04x",
	    trap_name(tf->tf_trapno), tf->tf_trapno, tf->tf_eip, where,
	    trapframe_from_user(tf) ? "user" : "kernel",
	    tf->tf_eax, tf->tf_ebx, tf->tf_ecx, tf->tf_edx,
	    tf->tf_esi, tf->tf_edi, tf->tf_ebp, trapframe_esp(tf),
	    tf->tf_eip, tf->tf_eflags, tf->tf_err,
	    tf->tf_cs & 0xffff, tf->tf_ds & 0xffff, tf->tf_es & 0xffff,
	    tf->tf_fs & 0xffff, tf->tf_gs & 0xffff, trapframe_ss(tf) & 0xffff);
	if (tf->tf_trapno == TRAP_PF) {
		room = report_room(size, len);
		len += ksnprintf(buf + size - room, room,
		    "\n  cr2 0x%08x: %s, %s, %s access%s%s", tf->tf_cr2,
		    (tf->tf_err & PGEX_P) ? "protection violation" :
		    "page not present",
		    (tf->tf_err & PGEX_W) ? "write" : "read",
		    (tf->tf_err & PGEX_U) ? "user" : "kernel",
		    (tf->tf_err & PGEX_RSV) ? ", reserved bit set" : "",
		    (tf->tf_err & PGEX_I) ? ", instruction fetch" : "");
	}
	return len;
}
