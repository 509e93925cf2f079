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
NM	:= nm
HOSTCC	:= gcc
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
# src/kern/mksyms.c is a program for the build machine, not kernel code.
KSRCS	:= $(filter-out %/mksyms.c,\
	   $(foreach d,$(KDIRS),$(wildcard $(T)src/$(d)/*.c $(T)src/$(d)/*.S)))
KTESTS	:= $(wildcard tests/kern/*.c)
KOBJS	:= $(patsubst $(T)%,$(BUILD)/obj/%.o,$(KSRCS)) \
	   $(patsubst %,$(BUILD)/obj/%.o,$(KTESTS))

.PHONY: all tangle check-tangle build-all kernel image run qemu-gdb test \
	unit ktest grade book docs lab-start check-labs clean deps \
	selftest-kernel bench livecd

all:
	@$(TANGLE)
	@$(MAKE) --no-print-directory build-all

tangle:
	@tools/tangle .

check-tangle:
	@tools/check-tangle

build-all: $(BUILD)/kernel.elf

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

# The kernel is linked twice (book, Chapter 4): once without its symbol
# table, whose function symbols mksyms turns into the .ksyms section, then
# with it.  The table made from the final kernel must be the table it
# carries: that proves adding the table moved no function.
MKSYMS	:= $(BUILD)/host/mksyms

$(MKSYMS): $(T)src/kern/mksyms.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu99 -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/kernel.elf: $(KOBJS) $(T)src/arch/i386/kernel.ld $(MKSYMS)
	$(LD) $(KLDFLAGS) -o $(BUILD)/kernel-nosyms.elf $(KOBJS) $(LIBGCC)
	$(NM) -n $(BUILD)/kernel-nosyms.elf | $(MKSYMS) >$(BUILD)/ksyms.S
	$(CC) $(KCFLAGS) -c $(BUILD)/ksyms.S -o $(BUILD)/ksyms.o
	$(LD) $(KLDFLAGS) -o $@.tmp $(KOBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@$(NM) -n $@.tmp | $(MKSYMS) | cmp -s - $(BUILD)/ksyms.S || { \
	    echo "ksyms: the second link moved code: a function's address" \
	        "differs from the first link (see book, Chapter 4)" >&2; \
	    rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

-include $(KOBJS:.o=.d)

# ---- running -------------------------------------------------------------

run: all
	@tools/run --emu $(EMU) --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --cmdline "$(CMDLINE)"

qemu-gdb: all
	@tools/run --emu qemu --cpus $(CPUS) --kernel $(BUILD)/kernel.elf \
	    --cmdline "$(CMDLINE)" --gdb

clean:
	rm -rf build
