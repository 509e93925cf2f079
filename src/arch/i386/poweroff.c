/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/uart.h"
#include "kern/poweroff.h"

#define QEMU_DEBUG_EXIT_PORT	0xF4
#define BOCHS_SHUTDOWN_PORT	0x8900

/* The firmware's door, or NULL: written once at boot, then read-only. */
static void (*poweroff_firmware_door)(void);

/* Boot CPU, at boot: the door poweroff tries after the emulators'. */
void
poweroff_set_firmware_door(void (*door)(void))
{
	poweroff_firmware_door = door;
}

/* Any CPU, any state (a panic included): knock on every door. */
void
poweroff(enum poweroff_reason why)
{
	const char *word = "Shutdown";

	uart_drain();
	outb(QEMU_DEBUG_EXIT_PORT, (uint8_t)why);
	while (*word != '\0')
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*word++);
	if (poweroff_firmware_door != NULL)
		poweroff_firmware_door();
	for (;;) {
		cpu_disable_intr();
		cpu_halt();
	}
}
