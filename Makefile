# Naiad: the entry points of README.md and shared/DESIGN.md.
#
# The book (book/*.nw) is the source of src/ and user/.  Every target that
# builds first tangles, then calls make again, so that files new in the
# book are seen by the wildcards below.

EMU	?= qemu
CPUS	?= 1
CMDLINE	?=
LAB	?=
DEBUG	?=

ifeq ($(DEBUG),1)
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
LD	:= ld
KCFLAGS	:= -m32 -std=gnu99 -ffreestanding -fno-pie -fno-pic \
	   -fno-stack-protector -fno-builtin -fno-omit-frame-pointer \
	   -fno-asynchronous-unwind-tables -mno-sse -mno-mmx -mno-80387 \
	   -O2 -g -Wall -Wextra -Werror -I$(T)src -MMD -MP
ifeq ($(DEBUG),1)
KCFLAGS	+= -O0
endif
KLDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack \
	    --no-warn-rwx-segments \
	    -T $(T)src/arch/i386/kernel.ld
LIBGCC	:= $(shell $(CC) -m32 -print-libgcc-file-name)

KDIRS	:= kern arch/i386 lwkt ipi vfs ata
KSRCS	:= $(foreach d,$(KDIRS),$(wildcard $(T)src/$(d)/*.c $(T)src/$(d)/*.S))
KTESTS	:= $(wildcard tests/kern/*.c)
KOBJS	:= $(patsubst $(T)%,$(BUILD)/obj/%.o,$(KSRCS)) \
	   $(patsubst %,$(BUILD)/obj/%.o,$(KTESTS))

.PHONY: all tangle check-tangle build-all kernel image image-only run qemu-gdb test \
	unit ktest grade book docs lab-start check-labs clean deps \
	selftest-kernel bench livecd

all:
	@$(TANGLE)
	@$(MAKE) --no-print-directory build-all

tangle:
	@tools/tangle .

check-tangle:
	@tools/check-tangle

build-all: $(BUILD)/kernel.elf $(BUILD)/naiad.img

kernel: all

# ---- the kernel --------------------------------------------------------

$(BUILD)/obj/%.c.o: $(T)%.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/obj/%.S.o: $(T)%.S
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -D__ASSEMBLER__ -c $< -o $@

ifneq ($(TREE),.)
$(BUILD)/obj/tests/%.c.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@
endif

$(BUILD)/kernel.elf: $(KOBJS) $(T)src/arch/i386/kernel.ld
	$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(LIBGCC)

-include $(KOBJS:.o=.d)

# ---- the boot loader and the disk image (book/02-boot.nw) ------------------

HOSTCC	:= cc
HOSTCFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -I$(T)src -MMD -MP
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
	$(CC) $(BOOTFLAGS) -c $< -o $@

$(BUILD)/boot/%.elf: $(BUILD)/boot/%.o
	$(LD) $(BOOTLDFLAGS) -Ttext $(BOOT_ADDR_$*) -o $@ $<

$(BUILD)/boot/%.bin: $(BUILD)/boot/%.elf
	objcopy -O binary -j .text $< $@

.SECONDARY: $(BOOT_BINS:.bin=.o) $(BOOT_BINS:.bin=.elf)

$(MKDISK): $(T)src/boot/mkdisk.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $<

$(BUILD)/naiad.img: $(MKDISK) $(BOOT_BINS) $(BUILD)/kernel.elf
	$(MKDISK) $(BOOT_BINS) $(BUILD)/kernel.elf $@

# make image KERNEL=/abs/k.elf IMAGE=/abs/out.img: wrap any kernel.
image:
	@$(TANGLE)
	@$(MAKE) --no-print-directory image-only

image-only: $(MKDISK) $(BOOT_BINS)
	@if [ -z "$(KERNEL)" ] || [ -z "$(IMAGE)" ]; then \
		echo "usage: make image KERNEL=kernel.elf IMAGE=out.img" >&2; \
		exit 2; \
	fi
	$(MKDISK) $(BOOT_BINS) $(KERNEL) $(IMAGE)

-include $(BOOT_BINS:.bin=.d) $(MKDISK).d

# ---- running -------------------------------------------------------------

run: all
	@tools/run --emu $(EMU) --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --image $(BUILD)/naiad.img --cmdline "$(CMDLINE)"

qemu-gdb: all
	@tools/run --emu qemu --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --cmdline "$(CMDLINE)" --gdb

clean:
	rm -rf build
