/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Included first (gcc -include) in the ext2 sources compiled for the
 * host and in the test double: the buffer cache's names and kprintf
 * become the double's, so that a host test may also link the kernel's
 * own buffer cache or a kprintf without a clash.
 */
#define bread		hostdisk_bread
#define getblk		hostdisk_getblk
#define brelse		hostdisk_brelse
#define bwrite		hostdisk_bwrite
#define bdwrite		hostdisk_bdwrite
#define bawrite		hostdisk_bawrite
#define bsync		hostdisk_bsync
#define binval		hostdisk_binval
#define kprintf		hostdisk_kprintf
