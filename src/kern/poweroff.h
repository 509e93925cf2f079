/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Switching the machine off.
 */
#ifndef NAIAD_KERN_POWEROFF_H
#define NAIAD_KERN_POWEROFF_H

/** Why the machine is switched off; QEMU exits with 2*value+1. */
enum poweroff_reason {
	POWEROFF_OK = 0x10,		/**< normal end: QEMU exits 33 */
	POWEROFF_PANIC = 0x11,		/**< after a panic: QEMU exits 35 */
	POWEROFF_TESTS_FAILED = 0x12	/**< tests failed: QEMU exits 37 */
};

/** \brief Drain the console and switch the machine off; never returns. */
void poweroff(enum poweroff_reason why) __attribute__((noreturn));

/**
 * \brief Make \a door the firmware's way to switch off, tried after the
 * emulators' doors.  Boot CPU, at boot.
 */
void poweroff_set_firmware_door(void (*door)(void));

#endif /* !NAIAD_KERN_POWEROFF_H */
