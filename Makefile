# Naiad: the entry points of README.md and shared/DESIGN.md.
#
# The book (book/*.nw) is the source of src/.  Every target that
# builds first tangles, then calls make again, so that files new in the
# book are seen by the wildcards below.

EMU	?= qemu
CPUS	?= 1
CMDLINE	?=
LAB	?=
DEBUG	?=

ifeq ($(SELFTEST),1)
BUILD	:= build/selftest
TREE	:= .
T	:=
TANGLE	:= tools/tangle .
else ifeq ($(DEBUG),1)
BUILD	:= build/debug
TREE	:= build/debug/tree
T	:= $(TREE)/
TANGLE	:= tools/tangle -L $(TREE)
else
BUILD	:= build
TREE	:= .
T	:=
TANGLE	:= tools/tangle .
endif

CC	:= gcc
# The system call table's generated files (book/28-syscall.nw).
GEN	:= $(BUILD)/gen
# V=1 shows every command in full.
Q	:= $(if $(filter 1,$(V)),,@)
LD	:= ld
NM	:= nm
HOSTCC	:= gcc
# Programs that run on the build machine (mksyms, mkdisk).
HOSTTOOL_CFLAGS := -std=gnu99 -O2 -g -Wall -Wextra -Werror -I$(T)src
KCFLAGS	:= -m32 -std=gnu99 -ffreestanding -fno-pie -fno-pic \
	   -fno-stack-protector -fno-builtin -fno-omit-frame-pointer \
	   -fno-asynchronous-unwind-tables -mno-sse -mno-mmx -mno-80387 \
	   -O2 -g -Wall -Wextra -Werror -I$(T)src -I$(GEN) -MMD -MP
ifeq ($(DEBUG),1)
KCFLAGS	+= -O0
endif
KLDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack \
	    --no-warn-rwx-segments \
	    -T $(T)src/arch/i386/kernel.ld
LIBGCC	:= $(shell $(CC) -m32 -print-libgcc-file-name)

KDIRS	:= kern arch/i386 vm lwkt ipi ata
# The virtual file system and its filesystems (book/43-vfs.nw and after).
KDIRS	+= vfs
# ext2 (book/47-ext2.nw) and its VFS glue (book/51-ext2-vfs.nw).
KDIRS	+= vfs/ext2
# ISO 9660, read-only (book/52-cd9660.nw).
KDIRS	+= vfs/cd9660
# src/kern/mksyms.c is a program for the build machine, not kernel code.
KSRCS	:= $(filter-out %/mksyms.c,\
	   $(foreach d,$(KDIRS),$(wildcard $(T)src/$(d)/*.c $(T)src/$(d)/*.S)))
KTESTS	:= $(wildcard tests/kern/*.c tests/bench/*.c)
KGEN	:= $(GEN)/kern/systable.c
ifeq ($(SELFTEST),1)
KTESTS	+= $(wildcard tests/grader/*.c)
endif
# src/kern/mksyscalls.c is a host program too.
KSRCS	:= $(filter-out %/mksyscalls.c,$(KSRCS))
KOBJS	:= $(patsubst $(T)%,$(BUILD)/obj/%.o,$(KSRCS)) \
	   $(patsubst %,$(BUILD)/obj/%.o,$(KTESTS)) \
	   $(BUILD)/obj/gen/systable.c.o

.PHONY: print-kobjs all tangle check-tangle build-all kernel image image-only run qemu-gdb test \
	unit ktest grade book figures docs lab-start check-labs clean deps \
	selftest-kernel bench livecd trace ext2-images ext2-fuzz \
	cd9660-images

all:
	@$(TANGLE)
	@$(MAKE) --no-print-directory build-all

tangle:
	@tools/tangle .

check-tangle:
	@tools/check-tangle
	@tools/check-book

build-all: $(BUILD)/kernel.elf $(BUILD)/initrd.tar $(BUILD)/naiad.img \
	   $(BUILD)/naiad-archive.img

kernel: all

# A kernel with the deliberately broken tests of tests/grader/, for the
# grader's self-test; never the kernel that is graded.
selftest-kernel:
	@$(TANGLE)
	@$(MAKE) --no-print-directory SELFTEST=1 build-all

# ---- the kernel --------------------------------------------------------

$(BUILD)/obj/%.c.o: $(T)%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/obj/%.S.o: $(T)%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(KCFLAGS) -D__ASSEMBLER__ -c $< -o $@

ifneq ($(TREE),.)
$(BUILD)/obj/tests/%.c.o: tests/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@
endif

# The kernel is linked twice (book/06-traps.nw): once without its symbol
# table, whose function symbols mksyms turns into the .ksyms section, then
# with it.  The table made from the final kernel must be the table it
# carries: that proves adding the table moved no function.
MKSYMS	:= $(BUILD)/host/mksyms

$(MKSYMS): $(T)src/kern/mksyms.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOSTTOOL_CFLAGS) -o $@ $<

$(BUILD)/kernel.elf: $(KOBJS) $(T)src/arch/i386/kernel.ld $(MKSYMS)
	@echo "  LD      $@ (twice: the second time with its symbol table)"
	$(Q)$(LD) $(KLDFLAGS) -o $(BUILD)/kernel-nosyms.elf $(KOBJS) $(LIBGCC)
	$(Q)$(NM) -n $(BUILD)/kernel-nosyms.elf | $(MKSYMS) >$(BUILD)/ksyms.S
	$(Q)$(CC) $(KCFLAGS) -c $(BUILD)/ksyms.S -o $(BUILD)/ksyms.o
	$(Q)$(LD) $(KLDFLAGS) -o $@.tmp $(KOBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@$(NM) -n $@.tmp | $(MKSYMS) | cmp -s - $(BUILD)/ksyms.S || { \
	    echo "ksyms: the second link moved code: a function's address" \
	        "differs from the first link (see book/06-traps.nw)" >&2; \
	    rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@

-include $(KOBJS:.o=.d)

# Every kernel object may include the generated sysproto.h.
$(KOBJS): | $(GEN)/.syscalls

$(BUILD)/obj/gen/systable.c.o: $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  CC      $(KGEN)"
	$(Q)$(CC) $(KCFLAGS) -c $(KGEN) -o $@

# ---- system calls, user programs, the boot archive ---------------------
# (book/27-exec.nw, book/28-syscall.nw).  The table's generator writes
# build/gen/; user/lib/ becomes build/uobj/libc.a with the generated
# stubs; each user/bin/NAME.c or user/bin/NAME/ is /bin/NAME, likewise
# user/sbin/; each tests/user/NAME.c (with tests/user/lib/) is
# /test/NAME; all of them go into build/initrd.tar, the boot archive.

MKSYSCALLS := $(BUILD)/host/mksyscalls
MKARCHIVE  := $(BUILD)/host/mkarchive

$(MKSYSCALLS): $(T)src/kern/mksyscalls.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOSTTOOL_CFLAGS) -o $@ $<

$(MKARCHIVE): $(T)src/boot/mkarchive.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOSTTOOL_CFLAGS) -o $@ $<

$(GEN)/.syscalls: $(MKSYSCALLS) $(T)src/kern/syscalls.master
	@echo "  GEN     build/gen (system call table)"
	$(Q)rm -rf $(GEN)/libc/stubs
	$(Q)$(MKSYSCALLS) $(T)src/kern/syscalls.master $(GEN)
	@touch $@

USER_CFLAGS := -m32 -std=gnu99 -ffreestanding -nostdinc -fno-pie -fno-pic \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -O2 -g \
	-Wall -Wextra -Werror -I$(T)user/include -I$(GEN)/libc -MMD -MP \
	-isystem $(shell $(CC) -m32 -print-file-name=include) -I$(T)src
USER_LDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 \
	-z noexecstack -T $(T)user/lib/user.ld
ULIB_SRCS := $(filter-out %/crt0.S,\
	     $(wildcard $(T)user/lib/*.c $(T)user/lib/*.S))
# The kernel's pure files the C library shares (book/34-libc.nw): the
# printf formatter and the test pattern matcher, compiled for user space.
ULIB_KERN := kvcprintf kvsnprintf ktest_match
ULIB_OBJS := $(patsubst $(T)user/%,$(BUILD)/uobj/%.o,$(ULIB_SRCS)) \
	     $(patsubst %,$(BUILD)/uobj/kern/%.c.o,$(ULIB_KERN))
UCRT0	:= $(BUILD)/uobj/lib/crt0.S.o
ULIBC	:= $(BUILD)/uobj/libc.a
# Programs: one .c file each, or a directory of them.
uprog_names = $(sort $(basename $(notdir $(wildcard $(T)user/$(1)/*.c))) \
	      $(notdir $(patsubst %/,%,$(wildcard $(T)user/$(1)/*/))))
UBIN	:= $(addprefix $(BUILD)/user/bin/,$(call uprog_names,bin))
USBIN	:= $(addprefix $(BUILD)/user/sbin/,$(call uprog_names,sbin))
UTEST_LIB := $(wildcard tests/user/lib/*.c)
UTEST	:= $(addprefix $(BUILD)/user/test/,\
	   $(basename $(notdir $(wildcard tests/user/*.c))))
UPROGS	:= $(UBIN) $(USBIN) $(UTEST)
# Files the test programs read: tests/user/data/NAME is /test/data/NAME.
UDATA	:= $(wildcard tests/user/data/*)
# Files of the root that are not programs (book/53-utilities.nw):
# user/root/PATH is /PATH.
UROOT	:= $(patsubst $(T)user/root/%,%,$(shell find $(T)user/root -type f \
	   2>/dev/null))

$(BUILD)/uobj/%.c.o: $(T)user/%.c | $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/uobj/kern/%.c.o: $(T)src/kern/%.c | $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/uobj/%.S.o: $(T)user/%.S | $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  UAS     $<"
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BUILD)/uobj/tests/%.c.o: tests/user/%.c | $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	$(Q)$(CC) $(USER_CFLAGS) -Itests/user/lib -c $< -o $@

# The C library: user/lib/ and one object per system call stub.
$(ULIBC): $(ULIB_OBJS) $(GEN)/.syscalls
	@mkdir -p $(BUILD)/uobj/stubs
	@echo "  AR      $@"
	$(Q)for f in $(GEN)/libc/stubs/*.S; do \
	    $(CC) $(USER_CFLAGS) -D__ASSEMBLER__ -c $$f \
	        -o $(BUILD)/uobj/stubs/$$(basename $$f .S).o || exit 1; done
	$(Q)rm -f $@ && ar rcs $@ $(ULIB_OBJS) $(BUILD)/uobj/stubs/*.o

ulink = $(LD) $(USER_LDFLAGS) -o $(1) $(UCRT0) $(2) $(ULIBC) $(LIBGCC)

# The objects of program $(2) of user/$(1)/ (a file, or a directory).
uprog_objs = $(patsubst $(T)user/%,$(BUILD)/uobj/%.o,\
	     $(wildcard $(T)user/$(1)/$(2).c $(T)user/$(1)/$(2)/*.c))

.SECONDEXPANSION:
$(BUILD)/user/bin/%: $$(call uprog_objs,bin,$$*) $(UCRT0) $(ULIBC) \
	    $(T)user/lib/user.ld
	@mkdir -p $(dir $@)
	@echo "  ULD     $@"
	$(Q)$(call ulink,$@,$(filter %.o,$(filter-out $(UCRT0),$^)))

$(BUILD)/user/sbin/%: $$(call uprog_objs,sbin,$$*) $(UCRT0) $(ULIBC) \
	    $(T)user/lib/user.ld
	@mkdir -p $(dir $@)
	@echo "  ULD     $@"
	$(Q)$(call ulink,$@,$(filter %.o,$(filter-out $(UCRT0),$^)))

$(BUILD)/user/test/%: $(BUILD)/uobj/tests/%.c.o \
	    $(patsubst tests/user/%,$(BUILD)/uobj/tests/%.o,$(UTEST_LIB)) \
	    $(UCRT0) $(ULIBC) $(T)user/lib/user.ld
	@mkdir -p $(dir $@)
	@echo "  ULD     $@"
	$(Q)$(call ulink,$@,$(filter %.o,$(filter-out $(UCRT0),$^)))

# The names of the user tests, so that the kernel hands a test run to
# user space only when its pattern names one (book/27-exec.nw).
$(BUILD)/usertests.names: $(wildcard $(T)user/bin/usertests/*.c)
	@mkdir -p $(dir $@)
	$(Q)sed -n 's/^UTEST(\([A-Za-z0-9_]*\)).*/\1/p' $^ | sort > $@

$(BUILD)/initrd.tar: $(MKARCHIVE) $(UPROGS) $(UDATA) $(BUILD)/usertests.names \
	    $(addprefix $(T)user/root/,$(UROOT))
	@echo "  ARCHIVE $@"
	$(Q)$(MKARCHIVE) $@ $(foreach p,$(UPROGS),\
	    $(patsubst $(BUILD)/user/%,%,$(p))=$(p)) \
	    $(foreach f,$(UROOT),$(f)=$(T)user/root/$(f)) \
	    $(foreach f,$(UDATA),test/data/$(notdir $(f))=$(f)) \
	    test/usertests.names=$(BUILD)/usertests.names

-include $(wildcard $(BUILD)/uobj/*/*.d $(BUILD)/uobj/*/*/*.d)

# The kernel's objects, for tests that link a variant (tests/boot/run).
print-kobjs:
	@echo $(KOBJS)

# ---- the boot loader and the disk image (book/02-boot.nw) ------------------

BOOTFLAGS := -m32 -ffreestanding -fno-pie -fno-pic -I$(T)src -MMD -MP
BOOTLDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments \
	       -e start
# Where each stage runs: BOOT_MBR_ADDR and BOOT_STAGE2_ADDR of boot.h.
BOOT_ADDR_mbr	 := 0x7C00
BOOT_ADDR_stage2 := 0x8000
BOOT_BINS := $(BUILD)/boot/mbr.bin $(BUILD)/boot/stage2.bin
MKDISK	:= $(BUILD)/host/mkdisk

$(BUILD)/boot/%.o: $(T)src/boot/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(BOOTFLAGS) -c $< -o $@

$(BUILD)/boot/%.elf: $(BUILD)/boot/%.o
	$(Q)$(LD) $(BOOTLDFLAGS) -Ttext $(BOOT_ADDR_$*) -o $@ $<

$(BUILD)/boot/%.bin: $(BUILD)/boot/%.elf
	$(Q)objcopy -O binary -j .text $< $@

.SECONDARY: $(BOOT_BINS:.bin=.o) $(BOOT_BINS:.bin=.elf)

$(MKDISK): $(T)src/boot/mkdisk.c $(T)src/boot/boot.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOSTTOOL_CFLAGS) -o $@ $<

# The boot disk: the loader, the kernel, and the userland in the root
# filesystem of partition 1 (book/51-ext2-vfs.nw); no module.  The same
# disk with the boot archive as a module, for the boots that ask for the
# fallback (make run EMU=bochs ARCHIVE=1, the tests of bootfs).
$(BUILD)/naiad.img: $(MKDISK) $(BOOT_BINS) $(BUILD)/kernel.elf \
	    $(BUILD)/initrd.tar tools/mkroot
	$(Q)$(MKDISK) $(BOOT_BINS) $(BUILD)/kernel.elf $@
	$(Q)tools/mkroot $@ $(BUILD)/initrd.tar

$(BUILD)/naiad-archive.img: $(MKDISK) $(BOOT_BINS) $(BUILD)/kernel.elf \
	    $(BUILD)/initrd.tar tools/mkroot
	$(Q)$(MKDISK) -m $(BUILD)/initrd.tar $(BOOT_BINS) $(BUILD)/kernel.elf $@
	$(Q)tools/mkroot $@ $(BUILD)/initrd.tar

# make image KERNEL=/abs/k.elf IMAGE=/abs/out.img [ARCHIVE=1]: wrap any
# kernel; the programs of initrd.tar beside it go in the root partition
# (and with ARCHIVE=1 in a module too).
image:
	@$(TANGLE)
	@$(MAKE) --no-print-directory image-only

image-only: $(MKDISK) $(BOOT_BINS)
	@if [ -z "$(KERNEL)" ] || [ -z "$(IMAGE)" ]; then \
		echo "usage: make image KERNEL=kernel.elf IMAGE=out.img" >&2; \
		exit 2; \
	fi
	$(MKDISK) $(if $(and $(filter 1,$(ARCHIVE)),$(wildcard $(dir $(KERNEL))initrd.tar)),-m $(dir $(KERNEL))initrd.tar) \
	    $(BOOT_BINS) $(KERNEL) $(IMAGE)
	$(if $(wildcard $(dir $(KERNEL))initrd.tar),tools/mkroot $(IMAGE) $(dir $(KERNEL))initrd.tar)

-include $(BOOT_BINS:.bin=.d) $(MKDISK).d

# ---- the test disks (book/39-ata.nw, book/40-atapi.nw) ----------------------
# A disk whose every sector says where it is (ata0 slave) and a CD with a
# file whose every block does (ata1 master), both by tools/mkpattern,
# and a symbolic link made here (the tree holds only regular files: the
# Gradescope autograder's zip takes no link); the
# emulators find them in build/disks/ and every boot writes on copies
# (grading/naiadgrade/disks.py).  The disk is 8 cylinders of 16 heads and
# 63 sectors, a size Bochs and QEMU both report as it is.
ATA_DISK_SECTORS := 8064
ATA_CD_BLOCKS	:= 40
DISKS_DIR	:= $(BUILD)/disks
TEST_DISKS	:= $(DISKS_DIR)/ata0-slave.img $(DISKS_DIR)/ata1-master.iso

build-all: $(TEST_DISKS)

$(DISKS_DIR)/ata0-slave.img: tools/mkpattern
	@mkdir -p $(dir $@)
	@echo "  PATTERN $@"
	$(Q)tools/mkpattern disk $@.tmp $(ATA_DISK_SECTORS) && mv $@.tmp $@

$(DISKS_DIR)/ata1-master.iso: tools/mkpattern $(shell find tests/ata/cdrom)
	@command -v xorriso >/dev/null || { echo "make: xorriso is needed" \
	    "for the test CD (tools/deps installs it)" >&2; exit 1; }
	@rm -rf $(DISKS_DIR)/cdroot && mkdir -p $(DISKS_DIR)/cdroot
	@echo "  ISO     $@"
	$(Q)cp -R tests/ata/cdrom/. $(DISKS_DIR)/cdroot/
	$(Q)tools/mkpattern cdfile $(DISKS_DIR)/cdroot/PATTERN.BIN $(ATA_CD_BLOCKS)
	$(Q)ln -s sub/hello.txt $(DISKS_DIR)/cdroot/dir/link
	$(Q)xorriso -as mkisofs -quiet -R -V NAIAD_TEST -o $@.tmp \
	    $(DISKS_DIR)/cdroot 2>$@.log || { cat $@.log >&2; exit 1; }
	$(Q)mv $@.tmp $@ && rm -f $@.log

# ---- running -------------------------------------------------------------

# ARCHIVE=1: with the boot archive as a Multiboot module, the fallback
# of book/51-ext2-vfs.nw (QEMU's -initrd; Bochs boots naiad-archive.img).
run: all
	@tools/run --emu $(EMU) --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --image $(BUILD)/naiad$(if $(filter 1,$(ARCHIVE)),-archive).img \
	    --cmdline "$(CMDLINE)" $(if $(filter 1,$(ARCHIVE)),--archive) \
	    $(foreach d,$(DISKS),--disk $(d))

qemu-gdb: all
	@tools/run --emu qemu --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --cmdline "$(CMDLINE)" --gdb $(if $(filter 1,$(ARCHIVE)),--archive)

clean:
	rm -rf build

# ---- host unit tests (CUnit) --------------------------------------------

UNIT_SRCS := src/kern/kvcprintf.c src/kern/kvsnprintf.c src/kern/kstring.c \
	     src/kern/cmdline.c src/kern/ktest_match.c src/kern/monitor_split.c \
	     src/kern/ksyms.c src/lwkt/lwkt_runq.c \
	     src/vm/physmap.c src/vm/pagemap.c src/vm/slab.c \
	     src/arch/i386/acpi.c src/arch/i386/mptable.c src/arch/i386/machine.c \
	     src/arch/i386/machine_scan.c \
	     src/arch/i386/isa_route.c src/arch/i386/apic_timer_calc.c \
	     src/ipi/ipififo.c src/kern/msgbuf.c src/kern/watchdog_rules.c \
	     src/vm/vm_map.c src/kern/archive.c src/kern/elf.c \
	     src/kern/exec_stack.c src/kern/sig_logic.c \
	     src/kern/callout_list.c src/lwkt/lwkt_msgport.c \
	     src/lwkt/lwkt_thread_port.c \
	     src/kern/fdtable.c src/kern/ring.c src/kern/ldisc.c \
	     src/kern/usched_dflt.c src/kern/devname.c
# PCI addresses, the ATA state machine (book/38-pci.nw, book/39-ata.nw).
UNIT_SRCS += src/arch/i386/pci_addr.c src/ata/ata_lowlevel.c src/ata/ata_ident.c \
	     src/ata/atapi.c src/ata/ata_dma_prd.c
UNIT_SRCS += src/kern/buf_policy.c
# The pure part of path lookup (book/45-namei.nw).
UNIT_SRCS += src/vfs/vfs_path.c
# The pure part of variant symlinks (book/46-varsym.nw).
UNIT_SRCS += src/kern/varsym_logic.c
UNIT_TESTS := $(wildcard tests/unit/*.c)
# V=1 shows every command in full.
Q	:= $(if $(filter 1,$(V)),,@)
# tests/unit/host/ comes first: host stand-ins for the few kernel headers
# that only make sense on the target (critical sections).
UNIT_CFLAGS := -std=gnu99 -O1 -g -Wall -Wextra -Werror -Itests/unit/host \
	       -Isrc -Itests/unit \
	      -fsanitize=address,undefined -fno-sanitize-recover=all \
	      -fno-omit-frame-pointer -Wno-format-truncation

# The user C library and the pure parts of the programs (book/34-libc.nw
# and after), compiled against user/include with every public name
# renamed ulib_* (tests/unit/host/ulib_names.h), so that they link beside
# the host's C library.
UNIT_USER_SRCS := $(filter-out user/lib/exit.c user/lib/signal.c \
	user/lib/wait.c,$(wildcard user/lib/*.c)) \
	user/bin/sh/parse.c user/bin/wc/count.c
UNIT_USER_SRCS += user/bin/ls/mode.c user/bin/grep/match.c
# The directory functions call getdents, which the host has not.
UNIT_USER_SRCS := $(filter-out user/lib/dirent.c user/lib/getmntinfo.c,\
	$(UNIT_USER_SRCS))
UNIT_USER_OBJS := $(patsubst %.c,build/unit/%.o,$(UNIT_USER_SRCS))
UNIT_USER_CFLAGS := -std=gnu99 -O1 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -fno-builtin \
	-isystem $(shell $(HOSTCC) -print-file-name=include) \
	-Itests/unit/host/user -Iuser/include -I$(GEN)/libc -Isrc \
	-include tests/unit/host/ulib_names.h \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

build/unit/user/%.o: user/%.c tests/unit/host/ulib_names.h \
	    $(wildcard user/include/*.h user/include/*/*.h) | $(GEN)/.syscalls
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(UNIT_USER_CFLAGS) -c $< -o $@

# ext2 on the host (book/47-ext2.nw): its sources and the block layer's
# test double (tests/unit/host/ext2/) are compiled apart, with that
# folder first so that kern/buf.h is the double's, and the double's
# names renamed (hostdisk_names.h); the tests run on images that
# tests/unit/ext2/mkimages makes with mke2fs under build/ext2/.
EXT2_HOST_SRCS := $(wildcard src/vfs/ext2/*.c) tests/unit/host/ext2/hostdisk.c
UNIT_EXT2_OBJS := $(patsubst %.c,build/unit/ext2/%.o,$(EXT2_HOST_SRCS))
EXT2_TEST_SRCS := tests/unit/ext2/ext2test.c tests/unit/ext2/fuzz.c
# ISO 9660 on the host (book/52-cd9660.nw): compiled like ext2's, against
# the same test double, on images tests/unit/cd9660/mkimages makes with
# xorriso under build/cd9660/.
UNIT_EXT2_OBJS += build/unit/ext2/src/vfs/cd9660/cd9660_iso.o
build/unit/ext2/src/vfs/cd9660/cd9660_iso.o: $(wildcard src/vfs/cd9660/*.h)

# tools/lab-holes lists the lab holes that still hold their stub: their
# suites are skipped, by name (a lab starter's stand-ins are not meant to
# pass them).
unit:
	@$(TANGLE)
	@$(MAKE) --no-print-directory build/unit/run_tests ext2-images \
	    cd9660-images
	@tools/lab-holes --out build/unit/lab-holes.txt
	@build/unit/run_tests build/unit/lab-holes.txt

# The tests see the host's errno.h (CUnit includes it) and then the
# library's: this header, made from the library's, forgets the host's
# numbers in between.
build/unit/ulib_errno_undef.h: user/include/errno.h
	@mkdir -p $(dir $@)
	$(Q)sed -n 's/^#define[ \t]*\(E[A-Z0-9]*\)[ \t].*/#undef \1/p' $< >$@

build/unit/run_tests: $(UNIT_SRCS) $(UNIT_TESTS) $(UNIT_USER_OBJS) \
	    $(UNIT_EXT2_OBJS) $(EXT2_TEST_SRCS) \
	    build/unit/ulib_errno_undef.h \
	    $(wildcard tests/unit/*.h tests/unit/host/*.h tests/unit/host/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  build/unit/run_tests"
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -Ibuild/unit -o $@ $(UNIT_TESTS) \
	    $(UNIT_SRCS) $(UNIT_USER_OBJS) $(UNIT_EXT2_OBJS) \
	    $(EXT2_TEST_SRCS) -lcunit -pthread

build/unit/ext2/%.o: %.c $(wildcard src/vfs/ext2/*.h tests/unit/host/ext2/*.h \
	    tests/unit/host/ext2/kern/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) -Itests/unit/host/ext2 $(UNIT_CFLAGS) \
	    -include tests/unit/host/ext2/hostdisk_names.h -c $< -o $@

ext2-images: build/ext2/images.stamp

build/ext2/images.stamp: tests/unit/ext2/mkimages
	@tools/deps e2fsprogs
	@tests/unit/ext2/mkimages build/ext2
	@touch $@

cd9660-images: build/cd9660/images.stamp

build/cd9660/images.stamp: tests/unit/cd9660/mkimages
	@tests/unit/cd9660/mkimages build/cd9660
	@touch $@

# The image fuzzer: make ext2-fuzz [SEED=1] [COUNT=2000].
build/unit/ext2fuzz: $(UNIT_EXT2_OBJS) tests/unit/ext2/fuzz.c \
	    tests/unit/ext2/fuzz_main.c tests/unit/ext2/fuzz.h
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/ext2/fuzz_main.c \
	    tests/unit/ext2/fuzz.c $(UNIT_EXT2_OBJS) src/kern/kstring.c \
	    src/kern/kvsnprintf.c src/kern/kvcprintf.c

ext2-fuzz:
	@$(TANGLE)
	@$(MAKE) --no-print-directory ext2-images build/unit/ext2fuzz
	@nice build/unit/ext2fuzz build/ext2/fuzz.img $(or $(SEED),1) \
	    $(or $(COUNT),2000)

# ---- documentation -------------------------------------------------------

docs:
	@$(TANGLE)
	@mkdir -p build/docs
	@doxygen Doxyfile
	@echo "docs: build/docs/html/index.html"

# The book: build/book/index.html (a page per chapter) and, where LaTeX is
# installed, build/book/naiad.pdf.  `make figures` redraws the figures of
# tools/book/figures.py into book/figures/ (committed, like src/).
book:
	@tools/mkbook

figures:
	@tools/mkfigures

# The kernel trace's picture (book, chapter "Watching the kernel"): boot
# the ktrace_pingpong workload in Bochs with two CPUs and a fixed seed,
# draw build/ktr/timeline.svg and copy it to book/figures/ for the book.
TRACE_EMU	?= bochs
TRACE_CPUS	?= 2
trace: all
	@tools/trace --emu $(TRACE_EMU) --cpus $(TRACE_CPUS) --seed 1 \
	    --out build/ktr/timeline.svg --figure book/figures/ktr-timeline.svg

# ---- everything CI checks ----------------------------------------------

test:
	@tools/deps
	@tools/test-all

# ---- labs and grading ----------------------------------------------------

define need_lab
	@if [ -z "$(LAB)" ]; then echo "usage: make $@ LAB=name (labs: $$(ls labs | tr '\n' ' '))"; exit 2; fi
endef

grade:
	$(need_lab)
	@grading/grade . --lab $(LAB)

# A Gradescope autograder for a lab: build/gradescope/LAB.zip.
.PHONY: gradescope
gradescope:
	$(need_lab)
	@grading/gradescope/build $(LAB)

lab-start:
	$(need_lab)
	@tools/lab-start $(LAB) $(or $(DEST),../naiad-$(LAB))

check-labs:
	@tools/check-labs

# ---- benchmarks (book/09-bench.nw) -------------------------------------

bench: all
	@tools/bench
