/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Programs: the boot archive, building an address space from an ELF
 * file, execve, spawning from the kernel, and init.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/tss.h"
#include "kern/archive.h"
#include "kern/cmdline.h"
#include "kern/elf.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/poweroff.h"
#include "kern/proc.h"
#include "kern/sysinit.h"
#include "vm/kmalloc.h"
#include "vm/vm.h"
#include "vm/vm_map.h"
#include "vm/vmspace.h"

static const void *bootarchive;		/* the loader's module, or NULL */
static size_t bootarchive_size;

/* Boot: the first module, if it starts with a ustar header. */
static void
bootarchive_init(void)
{
	const struct phys_range *m;
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];
	size_t off = 0;
	int n;

	m = vm_boot_modules(&n);
	if (n == 0) {
		kprintf("exec: no boot archive: programs come from the root "
		    "filesystem\n");
		return;
	}
	bootarchive = (const void *)(uintptr_t)m[0].start;
	bootarchive_size = (size_t)(m[0].end - m[0].start);
	if (archive_next(bootarchive, bootarchive_size, &off, &af,
	    name) != 1) {
		kprintf("exec: module 0 is not a ustar archive\n");
		bootarchive = NULL;
		return;
	}
	kprintf("exec: boot archive of %u bytes at 0x%x\n",
	    (unsigned)bootarchive_size, (unsigned)m[0].start);
}

/* The file PATH of the boot archive: 0 and *AF, -ENOENT, -EINVAL. */
int
bootarchive_lookup(const char *path, struct archive_file *af, char *name)
{
	if (bootarchive == NULL)
		return -ENOENT;
	return archive_lookup(bootarchive, bootarchive_size, path, af, name);
}
/* The monitor's archive command: every file of the boot archive. */
static int
bootarchive_command(int argc, char **argv)
{
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];
	size_t off = 0;
	int r;

	(void)argc;
	(void)argv;
	if (bootarchive == NULL) {
		kprintf("no boot archive\n");
		return 0;
	}
	while ((r = archive_next(bootarchive, bootarchive_size, &off, &af,
	    name)) == 1)
		kprintf("%c %8u %s\n", af.af_type == '5' ? 'd' : '-',
		    (unsigned)af.af_size, af.af_name);
	if (r < 0)
		kprintf("the archive is damaged at byte %u\n", (unsigned)off);
	return 0;
}

MONITOR_COMMAND(archive, "archive", "archive",
    "list the files of the boot archive", bootarchive_command);
int (*exec_vmspace_hook)(struct vmspace *vm);
int (*exec_image_hook)(const char *path, struct archive_file *af,
    void **freep);

/* The file PATH, through exec_image_hook, else from the boot archive:
 * 0 and *AF (free *FREEP with kfree once done with it; NAME holds
 * ARCHIVE_PATHMAX bytes), -ENOENT, -EIO (a damaged archive), or the
 * hook's error. */
int
exec_image_find(const char *path, struct archive_file *af, char *name,
    void **freep)
{
	int error;

	*freep = NULL;
	error = exec_image_hook != NULL ? exec_image_hook(path, af, freep) :
	    -ENOENT;
	if (error == -ENOENT)
		error = bootarchive_lookup(path, af, name);
	return error == -EINVAL ? -EIO : error;
}

/* Is there a file PATH to run?  1 or 0.  The hook is asked without a
 * FREEP, so that it only looks and reads nothing. */
int
exec_image_exists(const char *path)
{
	char name[ARCHIVE_PATHMAX];
	struct archive_file af;
	int error;

	error = exec_image_hook != NULL ? exec_image_hook(path, &af, NULL) :
	    -ENOENT;
	if (error == -ENOENT)
		error = bootarchive_lookup(path, &af, name);
	return error == 0;
}

/* Map ELF segment PH of IMG into VM and copy its file bytes; 0 or err. */
static int
exec_load_segment(struct vmspace *vm, const char *img, const Elf32_Phdr *ph)
{
	int prot = 0, error;

	if (ph->p_flags & PF_R)
		prot |= VM_PROT_READ;
	if (ph->p_flags & PF_W)
		prot |= VM_PROT_WRITE | VM_PROT_READ;
	if (ph->p_flags & PF_X)
		prot |= VM_PROT_EXEC | VM_PROT_READ;
	error = vmspace_map(vm, trunc_page(ph->p_vaddr),
	    round_page(ph->p_vaddr + ph->p_memsz), prot, VR_PROGRAM);
	if (error != 0)
		return error == -EINVAL ? -ENOEXEC : error;
	return vmspace_write(vm, ph->p_vaddr, img + ph->p_offset,
	    ph->p_filesz);
}

/* The stack region of VM, with A's strings and vectors at its top;
 * 0 and *ESP, or an error. */
static int
exec_build_stack(struct vmspace *vm, const struct exec_args *a,
    uint32_t *esp)
{
	int len, error;
	char *buf;

	error = vmspace_map(vm, USER_STACK_TOP - USER_STACK_MAX,
	    USER_STACK_TOP, VM_PROT_READ | VM_PROT_WRITE, VR_STACK);
	if (error != 0)
		return error;
	if ((buf = kmalloc(ARG_MAX + 4 * (2 * ARG_MAXSTRINGS + 4), 0)) == NULL)
		return -ENOMEM;
	len = exec_stack_layout(a, USER_STACK_TOP, buf,
	    ARG_MAX + 4 * (2 * ARG_MAXSTRINGS + 4));
	error = len < 0 ? -E2BIG : vmspace_write(vm,
	    USER_STACK_TOP - (uint32_t)len, buf, (size_t)len);
	kfree(buf);
	*esp = USER_STACK_TOP - (uint32_t)len;
	return error;
}

/* A new address space running A's program: 0 and *VMP, *EIP, *ESP; or
 * -ENOENT, -ENOEXEC, -ENOMEM, -E2BIG, with nothing left allocated. */
int
exec_build(const struct exec_args *a, struct vmspace **vmp, uint32_t *eip,
    uint32_t *esp)
{
	char name[ARCHIVE_PATHMAX];
	struct archive_file af;
	struct elf_image *ei;
	struct vmspace *vm;
	void *image = NULL;
	const char *why;
	int i, error;

	if ((error = exec_image_find(a->ea_buf, &af, name, &image)) != 0)
		return error;
	if ((ei = kmalloc(sizeof(*ei), 0)) == NULL) {
		kfree(image);
		return -ENOMEM;
	}
	if ((error = elf_check(af.af_data, af.af_size, ei, &why)) != 0) {
		kprintf("exec: %s: %s\n", a->ea_buf, why);
		kfree(ei);
		kfree(image);
		return error;
	}
	if ((vm = vmspace_alloc()) == NULL) {
		kfree(ei);
		kfree(image);
		return -ENOMEM;
	}
	for (i = 0, error = 0; i < ei->ei_nsegs && error == 0; i++)
		error = exec_load_segment(vm, af.af_data, &ei->ei_segs[i]);
	if (error == 0)
		error = exec_build_stack(vm, a, esp);
	if (error == 0 && exec_vmspace_hook != NULL)
		error = exec_vmspace_hook(vm);
	if (error == 0) {
		vm->vm_brk_base = vm->vm_brk = round_page(ei->ei_end);
		*eip = ei->ei_entry;
		*vmp = vm;
	} else
		vmspace_free(vm);
	kfree(ei);
	kfree(image);
	return error;
}
/* The last part of PATH, for a process's name. */
static const char *
exec_basename(const char *path)
{
	const char *s = path, *base = path;

	for (; *s != '\0'; s++)
		if (*s == '/' && s[1] != '\0')
			base = s + 1;
	return base;
}

/* The current process runs A's program from now on: 0, or an error
 * and the process as it was. */
int
kern_execve(struct exec_args *a)
{
	struct proc *p = curproc;
	struct vmspace *vm, *old;
	uint32_t eip, esp;
	int error;

	if ((error = exec_build(a, &vm, &eip, &esp)) != 0)
		return error;
	old = p->p_vmspace;
	p->p_vmspace = vm;
	vmspace_adopt(vm);
	vmspace_free(old);
	cpu_user_frame_init(curthread->td_frame, eip, esp);
	kstrlcpy(p->p_comm, exec_basename(a->ea_buf), sizeof(p->p_comm));
	kstrlcpy(curthread->td_name, p->p_comm, sizeof(curthread->td_name));
	proc_hooks_exec(p);
	return 0;
}
/* Start PATH with ARGV and ENVP (kernel strings) as a child of proc0:
 * 0 and *PIDP, or an error. */
int
proc_spawn(const char *path, char *const *argv, char *const *envp,
    pid_t *pidp)
{
	struct exec_args a;
	struct vmspace *vm;
	uint32_t eip, esp;
	int error;

	error = exec_args_kernel(&a, path, argv, envp);
	if (error == 0)
		error = exec_build(&a, &vm, &eip, &esp);
	if (error == 0) {
		error = proc_create(vm, exec_basename(path), eip, esp, pidp);
		if (error != 0)
			vmspace_free(vm);
	}
	exec_args_free(&a);
	return error;
}
/* The boot step before the monitor: run init as pid 1, wait for it,
 * switch off.  With init=none, or an init= that cannot start, go on;
 * with no init= and no program anywhere, panic. */
static void
init_boot(void *arg)
{
	const char *path = cmdline_get("init");
	char *argv[2];
	pid_t pid;
	int error, xstat;

	(void)arg;
	if (path == NULL)
		path = "/sbin/init";
	if (kstrcmp(path, "none") == 0)
		return;
	argv[0] = (char *)(uintptr_t)path;
	argv[1] = NULL;
	if ((error = proc_spawn(path, argv, NULL, &pid)) != 0) {
		kprintf("init: cannot start %s: error %d\n", path, -error);
		if (error == -ENOENT && bootarchive == NULL &&
		    cmdline_get("init") == NULL)
			panic("init: no %s: no root filesystem holds it and "
			    "no boot archive came with the kernel", path);
		return;
	}
	proc_tree_lock();
	initproc = pfind(pid);
	proc_tree_unlock();
	kern_wait4(&proc0, pid, &xstat, 0);
	if (WIFSIGNALED(xstat))
		kprintf("init: %s killed by signal %d\n", path,
		    WTERMSIG(xstat));
	else
		kprintf("init: %s exited with status %d\n", path,
		    WEXITSTATUS(xstat));
	poweroff(xstat == 0 ? POWEROFF_OK : POWEROFF_TESTS_FAILED);
}

SYSINIT(init, SI_SUB_RUN, SI_ORDER_MIDDLE, init_boot, NULL);
int exec_ktest_passed, exec_ktest_failed;	/* the kernel's, for programs */

#define EXEC_TESTNAME_MAX	80	/* longer lines name no test */

/* Does PATTERN name a test of the list AF (one name per line)? */
static int
exec_names_match(const char *pattern, const struct archive_file *af)
{
	const char *p = af->af_data, *end = p + af->af_size, *nl;
	char name[EXEC_TESTNAME_MAX];
	size_t len;

	while (p < end) {
		for (nl = p; nl < end && *nl != '\n'; nl++)
			continue;
		len = (size_t)(nl - p);
		if (len > 0 && len < sizeof(name)) {
			kmemcpy(name, p, len);
			name[len] = '\0';
			if (ktest_match(pattern, name))
				return 1;
		}
		p = nl + 1;
	}
	return 0;
}

/* Is PATTERN a list of exact names (no glob, no "all"), RAN of which
 * were kernel tests, so that it cannot name a user test?  1 or 0. */
static int
exec_names_only_kernel_tests(const char *pattern, int ran)
{
	const char *p = pattern, *end;
	int names = 0;

	for (;;) {
		for (end = p; *end != '\0' && *end != ','; end++)
			if (*end == '*' || *end == '?')
				return 0;
		if (end - p == 3 && kstrncmp(p, "all", 3) == 0)
			return 0;
		names++;
		if (*end == '\0')
			return names == ran;
		p = end + 1;
	}
}

/* ktest_handoff: go on to init when the programs include the user
 * tests and the pattern names one of them. */
static int
exec_ktest_handoff(int passed, int failed)
{
	char name[ARCHIVE_PATHMAX];
	struct archive_file af;
	const char *pattern = cmdline_get("test");
	void *mem;
	int named;

	if (pattern == NULL ||
	    exec_names_only_kernel_tests(pattern, passed + failed))
		return 0;
	if (exec_image_find("/test/usertests.names", &af, name, &mem) == 0) {
		named = exec_names_match(pattern, &af);
		kfree(mem);
		if (!named)
			return 0;
	}
	if (!exec_image_exists("/bin/usertests"))
		return 0;
	exec_ktest_passed = passed;
	exec_ktest_failed = failed;
	kprintf("ktest: the kernel's tests: %d passed, %d failed; the user "
	    "tests follow (/bin/usertests)\n", passed, failed);
	return 1;
}
/* Boot: the archive the loader brought. */
static void
exec_init(void *arg)
{
	(void)arg;
	bootarchive_init();
	ktest_handoff = exec_ktest_handoff;
}

SYSINIT(exec, SI_SUB_EXEC, SI_ORDER_FIRST, exec_init, NULL);
