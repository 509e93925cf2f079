/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The ext2 on-disk format: superblock, group descriptors,
 * inodes, directory entries, feature flags (book/47-ext2.nw).
 */
#ifndef NAIAD_VFS_EXT2_EXT2_FS_H
#define NAIAD_VFS_EXT2_EXT2_FS_H

#include <stdint.h>

#define EXT2_SUPER_OFFSET	1024	/**< the superblock's byte offset */
#define EXT2_SUPER_SIZE		1024	/**< ... and its size */
#define EXT2_MAGIC		0xEF53	/**< s_magic */
#define EXT2_GOOD_OLD_REV	0	/**< revision 0: no features */
#define EXT2_DYNAMIC_REV	1	/**< revision 1: features, inode size */
#define EXT2_VALID_FS		0x0001	/**< s_state: cleanly unmounted */
#define EXT2_ERROR_FS		0x0002	/**< s_state: errors were found */

/** The superblock, at byte 1024 of the disk (1024 bytes). */
struct ext2_super {
	uint32_t s_inodes_count;	/**< inodes in the filesystem */
	uint32_t s_blocks_count;	/**< blocks in the filesystem */
	uint32_t s_r_blocks_count;	/**< blocks reserved for root */
	uint32_t s_free_blocks_count;	/**< free blocks (sum of groups') */
	uint32_t s_free_inodes_count;	/**< free inodes (sum of groups') */
	uint32_t s_first_data_block;	/**< the first group's first block */
	uint32_t s_log_block_size;	/**< block size is 1024 << this */
	uint32_t s_log_frag_size;	/**< fragments: as the block size */
	uint32_t s_blocks_per_group;	/**< blocks in a group */
	uint32_t s_frags_per_group;	/**< fragments in a group */
	uint32_t s_inodes_per_group;	/**< inodes in a group */
	uint32_t s_mtime;		/**< last mount time */
	uint32_t s_wtime;		/**< last write time */
	uint16_t s_mnt_count;		/**< mounts since the last check */
	uint16_t s_max_mnt_count;	/**< mounts before a check is due */
	uint16_t s_magic;		/**< EXT2_MAGIC */
	uint16_t s_state;		/**< EXT2_VALID_FS, EXT2_ERROR_FS */
	uint16_t s_errors;		/**< what to do on an error */
	uint16_t s_minor_rev_level;	/**< minor revision */
	uint32_t s_lastcheck;		/**< time of the last check */
	uint32_t s_checkinterval;	/**< seconds between checks */
	uint32_t s_creator_os;		/**< the OS that made it */
	uint32_t s_rev_level;		/**< EXT2_GOOD_OLD_REV or DYNAMIC */
	uint16_t s_def_resuid;		/**< owner of the reserved blocks */
	uint16_t s_def_resgid;		/**< ... their group */
	/* revision 1 only: */
	uint32_t s_first_ino;		/**< first ordinary inode */
	uint16_t s_inode_size;		/**< bytes per inode */
	uint16_t s_block_group_nr;	/**< group of this copy */
	uint32_t s_feature_compat;	/**< compatible features */
	uint32_t s_feature_incompat;	/**< incompatible features */
	uint32_t s_feature_ro_compat;	/**< read-only compatible features */
	uint8_t  s_uuid[16];		/**< the filesystem's identity */
	char     s_volume_name[16];	/**< its name */
	char     s_last_mounted[64];	/**< where it was last mounted */
	uint32_t s_algo_bitmap;		/**< compression (unused) */
	uint8_t  s_prealloc_blocks;	/**< preallocation hint for files */
	uint8_t  s_prealloc_dir_blocks;	/**< ... for directories */
	uint16_t s_reserved_gdt_blocks;	/**< blocks kept after the GDT */
	uint8_t  s_rest[1024 - 208];	/**< journal, hashes, ext4 fields */
};
#define EXT2_COMPAT_DIR_PREALLOC	0x0001	/**< preallocate dirs */
#define EXT2_COMPAT_HAS_JOURNAL		0x0004	/**< ext3's journal */
#define EXT2_COMPAT_EXT_ATTR		0x0008	/**< extended attributes */
#define EXT2_COMPAT_RESIZE_INODE	0x0010	/**< reserved GDT blocks */
#define EXT2_COMPAT_DIR_INDEX		0x0020	/**< hashed directories */

#define EXT2_INCOMPAT_COMPRESSION	0x0001	/**< never finished */
#define EXT2_INCOMPAT_FILETYPE		0x0002	/**< type in dir entries */
#define EXT2_INCOMPAT_RECOVER		0x0004	/**< journal to replay */
#define EXT2_INCOMPAT_JOURNAL_DEV	0x0008	/**< is a journal */
#define EXT2_INCOMPAT_META_BG		0x0010	/**< descriptors spread */
#define EXT2_INCOMPAT_EXTENTS		0x0040	/**< ext4 extent maps */
#define EXT2_INCOMPAT_64BIT		0x0080	/**< 64-bit block numbers */
#define EXT2_INCOMPAT_MMP		0x0100	/**< multi-mount protection */
#define EXT2_INCOMPAT_FLEX_BG		0x0200	/**< tables anywhere */
#define EXT2_INCOMPAT_EA_INODE		0x0400	/**< attributes in inodes */
#define EXT2_INCOMPAT_DIRDATA		0x1000	/**< data in dir entries */
#define EXT2_INCOMPAT_CSUM_SEED		0x2000	/**< checksum seed */
#define EXT2_INCOMPAT_LARGEDIR		0x4000	/**< huge directories */
#define EXT2_INCOMPAT_INLINE_DATA	0x8000	/**< data in the inode */
#define EXT2_INCOMPAT_ENCRYPT		0x10000	/**< encrypted files */
#define EXT2_INCOMPAT_CASEFOLD		0x20000	/**< case-folded names */

#define EXT2_RO_COMPAT_SPARSE_SUPER	0x0001	/**< few superblock copies */
#define EXT2_RO_COMPAT_LARGE_FILE	0x0002	/**< sizes past 2 GiB */
#define EXT2_RO_COMPAT_BTREE_DIR	0x0004	/**< never used */
#define EXT2_RO_COMPAT_HUGE_FILE	0x0008	/**< i_blocks in blocks */
#define EXT2_RO_COMPAT_GDT_CSUM		0x0010	/**< uninit_bg */
#define EXT2_RO_COMPAT_DIR_NLINK	0x0020	/**< over 65000 subdirs */
#define EXT2_RO_COMPAT_EXTRA_ISIZE	0x0040	/**< big inodes' extra */
#define EXT2_RO_COMPAT_QUOTA		0x0100	/**< quota inodes */
#define EXT2_RO_COMPAT_BIGALLOC		0x0200	/**< clusters of blocks */
#define EXT2_RO_COMPAT_METADATA_CSUM	0x0400	/**< checksums */
#define EXT2_RO_COMPAT_READONLY		0x1000	/**< mount read-only */
#define EXT2_RO_COMPAT_PROJECT		0x2000	/**< project quotas */

/** The incompatible features Naiad implements. */
#define EXT2_INCOMPAT_OK	EXT2_INCOMPAT_FILETYPE
/** The read-only compatible features Naiad may write. */
#define EXT2_RO_COMPAT_OK	(EXT2_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_RO_COMPAT_LARGE_FILE)
/** A group descriptor: 32 bytes, in the table after the superblock. */
struct ext2_gd {
	uint32_t bg_block_bitmap;	/**< block of the block bitmap */
	uint32_t bg_inode_bitmap;	/**< block of the inode bitmap */
	uint32_t bg_inode_table;	/**< first block of the inode table */
	uint16_t bg_free_blocks_count;	/**< free blocks in the group */
	uint16_t bg_free_inodes_count;	/**< free inodes in the group */
	uint16_t bg_used_dirs_count;	/**< directories in the group */
	uint16_t bg_flags;		/**< ext4's; 0 on ext2 */
	uint32_t bg_reserved[3];	/**< ext4's; 0 on ext2 */
};
#define EXT2_ROOT_INO		2	/**< the root directory */
#define EXT2_GOOD_OLD_FIRST_INO	11	/**< first ordinary inode, rev 0 */
#define EXT2_GOOD_OLD_INODE_SIZE 128	/**< inode size in revision 0 */
#define EXT2_NDIR_BLOCKS	12	/**< direct blocks in the map */
#define EXT2_IND_BLOCK		12	/**< slot of the single indirect */
#define EXT2_DIND_BLOCK		13	/**< ... the double indirect */
#define EXT2_TIND_BLOCK		14	/**< ... the triple indirect */
#define EXT2_N_BLOCKS		15	/**< slots in the block map */
#define EXT2_FAST_SYMLINK_MAX	60	/**< a shorter target fits in i_block */
#define EXT2_LINK_MAX		32000	/**< most links to one inode */

#define EXT2_S_IFMT	0170000	/**< the type bits of i_mode */
#define EXT2_S_IFSOCK	0140000	/**< socket */
#define EXT2_S_IFLNK	0120000	/**< symbolic link */
#define EXT2_S_IFREG	0100000	/**< regular file */
#define EXT2_S_IFBLK	0060000	/**< block device */
#define EXT2_S_IFDIR	0040000	/**< directory */
#define EXT2_S_IFCHR	0020000	/**< character device */
#define EXT2_S_IFIFO	0010000	/**< named pipe */
#define EXT2_S_ISDIR(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFDIR) /**< a dir? */
#define EXT2_S_ISREG(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFREG) /**< a file? */
#define EXT2_S_ISLNK(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFLNK) /**< a link? */

#define EXT2_INDEX_FL	0x00001000	/**< i_flags: hashed directory */

/** An inode as on the disk (the first 128 bytes). */
struct ext2_dinode {
	uint16_t i_mode;		/**< type and permissions */
	uint16_t i_uid;			/**< owner */
	uint32_t i_size;		/**< size in bytes (low 32 bits) */
	uint32_t i_atime;		/**< last access */
	uint32_t i_ctime;		/**< last change of the inode */
	uint32_t i_mtime;		/**< last change of the content */
	uint32_t i_dtime;		/**< deletion time (0: in use) */
	uint16_t i_gid;			/**< group */
	uint16_t i_links_count;		/**< directory entries naming it */
	uint32_t i_blocks;		/**< 512-byte sectors used */
	uint32_t i_flags;		/**< EXT2_INDEX_FL, ... */
	uint32_t i_osd1;		/**< OS-dependent */
	uint32_t i_block[EXT2_N_BLOCKS];	/**< the block map */
	uint32_t i_generation;		/**< for NFS */
	uint32_t i_file_acl;		/**< extended attribute block */
	uint32_t i_size_high;		/**< size's high 32 bits (files) */
	uint32_t i_faddr;		/**< fragment address (unused) */
	uint8_t  i_osd2[12];		/**< OS-dependent: uid/gid high */
};
#define EXT2_NAME_LEN	255	/**< longest name */
/** The room an entry with a name of \a n bytes needs. */
#define EXT2_DIR_REC_LEN(n)	((8 + (n) + 3) & ~3u)

#define EXT2_FT_UNKNOWN		0	/**< file types in entries */
#define EXT2_FT_REG_FILE	1	/**< regular file */
#define EXT2_FT_DIR		2	/**< directory */
#define EXT2_FT_CHRDEV		3	/**< character device */
#define EXT2_FT_BLKDEV		4	/**< block device */
#define EXT2_FT_FIFO		5	/**< named pipe */
#define EXT2_FT_SOCK		6	/**< socket */
#define EXT2_FT_SYMLINK		7	/**< symbolic link */
#define EXT2_FT_MAX		8	/**< types are below this */

/** A directory entry's header; the name follows, unterminated. */
struct ext2_dirent {
	uint32_t inode;			/**< its inode, 0 for an unused one */
	uint16_t rec_len;		/**< bytes to the next entry */
	uint8_t  name_len;		/**< the name's bytes */
	uint8_t  file_type;		/**< EXT2_FT_* (filetype feature) */
	char     name[];		/**< the name */
};

#endif /* !NAIAD_VFS_EXT2_EXT2_FS_H */
