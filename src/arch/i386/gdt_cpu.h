/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief A GDT for every CPU, whose entry GDT_PERCPU is that CPU's
 * globaldata: what makes mycpu one instruction.
 */
#ifndef NAIAD_ARCH_GDT_CPU_H
#define NAIAD_ARCH_GDT_CPU_H

#include "arch/i386/segments.h"

struct globaldata;

/**
 * \brief Make CPU gd->gd_cpuid's GDT: the boot GDT plus the segment of
 * \a gd.  Boot CPU, before that CPU loads it.
 */
void gdt_cpu_init(struct globaldata *gd);
/** \brief The lgdt operand of CPU \a cpuid's GDT, in *\a rd. */
void gdt_cpu_region(int cpuid, struct region_descriptor *rd);
/** \brief Load the running CPU's GDT (CPU \a cpuid's) and %fs. */
void gdt_cpu_load(int cpuid);

#endif /* !NAIAD_ARCH_GDT_CPU_H */
