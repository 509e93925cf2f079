/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The machine description: CPUs, interrupt controllers and
 * power-off facts, read from the firmware's ACPI or MP tables.
 */
#ifndef NAIAD_ARCH_MACHINE_H
#define NAIAD_ARCH_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "arch/i386/param.h"

/** Most I/O APICs recorded. */
#define MAXIOAPIC		4
/** Most interrupt source overrides recorded (at most one per ISA IRQ). */
#define MAXIRQOVERRIDE		16
/** Problems remembered in a description; later ones are only counted. */
#define MACHINE_NOTES		6
/** Longest remembered problem, with its NUL. */
#define MACHINE_NOTE_LEN	72
/** Where every local APIC sits after reset, unless firmware moved it. */
#define LAPIC_DEFAULT_PADDR	0xFEE00000u

/** Polarity field of override flags: as the bus defines it. */
#define IRQ_POLARITY_BUS	0x0
/** Polarity field: active high. */
#define IRQ_POLARITY_HIGH	0x1
/** Polarity field: active low. */
#define IRQ_POLARITY_LOW	0x3
/** Mask of the polarity field. */
#define IRQ_POLARITY_MASK	0x3
/** Trigger field of override flags: as the bus defines it. */
#define IRQ_TRIGGER_BUS		0x0
/** Trigger field: edge-triggered. */
#define IRQ_TRIGGER_EDGE	0x4
/** Trigger field: level-triggered. */
#define IRQ_TRIGGER_LEVEL	0xC
/** Mask of the trigger field. */
#define IRQ_TRIGGER_MASK	0xC

/** One usable CPU. */
struct machine_cpu {
	uint8_t	apic_id;	/**< its local APIC ID: how IPIs name it */
	uint8_t	acpi_id;	/**< ACPI processor ID; 0xFF from MP tables */
	uint8_t	bsp;		/**< 1 for the CPU that booted the machine */
};

/** One I/O APIC. */
struct machine_ioapic {
	uint8_t	id;		/**< its I/O APIC ID */
	uint32_t paddr;		/**< physical address of its registers */
	uint32_t gsi_base;	/**< the first global system interrupt it serves */
};

/** An ISA interrupt that is not GSI number IRQ, edge, active high. */
struct machine_irq_override {
	uint8_t	isa_irq;	/**< the ISA IRQ, 0 to 15 */
	uint32_t gsi;		/**< the global system interrupt it arrives on */
	uint16_t flags;		/**< IRQ_POLARITY_* | IRQ_TRIGGER_* */
};

/** What the firmware's tables say about this machine. */
struct machine_info {
	const char *source;	/**< "ACPI", "MP" or "none" */
	uint32_t root_paddr;	/**< where the RSDP or MP pointer was found */
	char	oem[9];		/**< the firmware maker's ID, NUL-terminated */

	int	ncpus;		/**< usable CPUs recorded in cpus[] */
	struct machine_cpu cpus[MAXCPU]; /**< in table order */
	int	cpus_disabled;	/**< CPUs listed but marked unusable */
	int	cpus_ignored;	/**< usable CPUs beyond MAXCPU, not recorded */
	uint32_t lapic_paddr;	/**< physical address of the local APICs */

	int	nioapics;	/**< entries in ioapics[] */
	struct machine_ioapic ioapics[MAXIOAPIC]; /**< in table order */
	int	noverrides;	/**< entries in overrides[] */
	struct machine_irq_override overrides[MAXIRQOVERRIDE]; /**< by IRQ */
	int	has_8259;	/**< the PC/AT pair of 8259 PICs is present */
	int	imcr;		/**< MP only: the IMCR exists (PIC mode at boot) */

	int	has_fadt;	/**< the next four fields come from a valid FADT */
	uint16_t pm1a_cnt_port;	/**< I/O port of the PM1a control register */
	uint16_t pm1b_cnt_port;	/**< I/O port of PM1b control, or 0 */
	uint16_t smi_cmd;	/**< port that switches ACPI mode on, or 0 */
	uint8_t	acpi_enable;	/**< the value to write to smi_cmd */
	int	has_s5;		/**< the DSDT's _S5 package was understood */
	uint8_t	s5_slp_typa;	/**< SLP_TYP for PM1a that means "off" */
	uint8_t	s5_slp_typb;	/**< SLP_TYP for PM1b that means "off" */

	int	nnotes;		/**< problems found; MACHINE_NOTES are kept */
	char	notes[MACHINE_NOTES][MACHINE_NOTE_LEN]; /**< reported, skipped */
};

/**
 * How a table parser reads physical memory.  The kernel's is
 * kernel_physmem (acpi_map); the unit tests pass a fake one.
 */
struct physmem {
	/** Make \a len bytes at \a paddr readable; NULL when impossible. */
	const void *(*map)(void *arg, uint64_t paddr, uint32_t len);
	void	*arg;		/**< handed to map unchanged */
};

/** \brief Empty \a mi: no CPUs, no tables, source "none". */
void machine_clear(struct machine_info *mi);

/** \brief Record a problem found in the tables (printf-style). */
void machine_note(struct machine_info *mi, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** \brief Copy the \a len-character, space-padded OEM ID \a id. */
void machine_set_oem(struct machine_info *mi, const char *id, size_t len);

/** \brief Record a usable CPU; counts it if cpus[] is full. */
void machine_add_cpu(struct machine_info *mi, uint8_t apic_id,
    uint8_t acpi_id, int bsp);

/** \brief Record an I/O APIC; notes it if ioapics[] is full. */
void machine_add_ioapic(struct machine_info *mi, uint8_t id, uint32_t paddr,
    uint32_t gsi_base);

/** \brief Record that ISA \a irq arrives on \a gsi with \a flags. */
void machine_add_override(struct machine_info *mi, uint8_t irq, uint32_t gsi,
    uint16_t flags);

/**
 * \brief Describe the machine from the tables in \a mem: ACPI, or the MP
 * tables when ACPI has no usable MADT.
 * \return 0; -ENOENT when neither exists; -EINVAL when what exists is
 * unusable.  On error \a mi has no CPUs and source "none".
 */
int machine_scan(struct machine_info *mi, const struct physmem *mem);

/**
 * \brief Mark the CPU whose local APIC ID is \a apic_id as the boot CPU,
 * and no other.  \return 0, or -ENOENT when it is not in cpus[].
 */
int machine_set_bsp(struct machine_info *mi, uint8_t apic_id);

/**
 * \brief The one-line summary, e.g. "2 CPUs (APIC IDs 0 1), 1 I/O APIC
 * at 0xfec00000, from ACPI".  \return as ksnprintf.
 */
int machine_describe(const struct machine_info *mi, char *buf, size_t size);

/**
 * The machine this kernel runs on.  Written once by machine_init on the
 * boot CPU before other CPUs start; read-only afterwards.
 */
extern struct machine_info machine;

/** The kernel's way to read physical memory: acpi_map. */
extern const struct physmem kernel_physmem;

/**
 * \brief Make \a len bytes of physical memory at \a paddr readable.
 * \return a pointer to them, or NULL when they cannot be reached.
 */
const void *acpi_map(uint64_t paddr, uint32_t len);

/**
 * \brief Describe the machine this kernel runs on (machine_scan with
 * kernel_physmem), the boot CPU marked.  \return as machine_scan.
 */
int machine_probe(struct machine_info *mi);

/** \brief Print every field of \a mi on the console. */
void machine_print(const struct machine_info *mi);

/** \brief Switch the machine off through ACPI (the S5 state of machine). */
void acpi_poweroff(void);
#endif /* !NAIAD_ARCH_MACHINE_H */
