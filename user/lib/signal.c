/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *text;
} signals[NSIG] = {
	[SIGHUP] = { "HUP", "Hangup" },
	[SIGINT] = { "INT", "Interrupt" },
	[SIGQUIT] = { "QUIT", "Quit" },
	[SIGILL] = { "ILL", "Illegal instruction" },
	[SIGTRAP] = { "TRAP", "Trace/BPT trap" },
	[SIGABRT] = { "ABRT", "Abort trap" },
	[SIGEMT] = { "EMT", "EMT trap" },
	[SIGFPE] = { "FPE", "Floating point exception" },
	[SIGKILL] = { "KILL", "Killed" },
	[SIGBUS] = { "BUS", "Bus error" },
	[SIGSEGV] = { "SEGV", "Segmentation fault" },
	[SIGSYS] = { "SYS", "Bad system call" },
	[SIGPIPE] = { "PIPE", "Broken pipe" },
	[SIGALRM] = { "ALRM", "Alarm clock" },
	[SIGTERM] = { "TERM", "Terminated" },
	[SIGURG] = { "URG", "Urgent I/O condition" },
	[SIGSTOP] = { "STOP", "Suspended (signal)" },
	[SIGTSTP] = { "TSTP", "Suspended" },
	[SIGCONT] = { "CONT", "Continued" },
	[SIGCHLD] = { "CHLD", "Child exited" },
	[SIGTTIN] = { "TTIN", "Stopped (tty input)" },
	[SIGTTOU] = { "TTOU", "Stopped (tty output)" },
	[SIGIO] = { "IO", "I/O possible" },
	[SIGXCPU] = { "XCPU", "Cputime limit exceeded" },
	[SIGXFSZ] = { "XFSZ", "Filesize limit exceeded" },
	[SIGVTALRM] = { "VTALRM", "Virtual timer expired" },
	[SIGPROF] = { "PROF", "Profiling timer expired" },
	[SIGWINCH] = { "WINCH", "Window size changes" },
	[SIGINFO] = { "INFO", "Information request" },
	[SIGUSR1] = { "USR1", "User defined signal 1" },
	[SIGUSR2] = { "USR2", "User defined signal 2" },
};

/* SIG's short name ("INT"), or NULL for a number without one. */
const char *
signame(int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return NULL;
	return signals[sig].name;
}

/* SIG's description, or "Signal N". */
char *
strsignal(int sig)
{
	static char unknown[24];

	if (sig > 0 && sig < NSIG && signals[sig].text != NULL)
		return (char *)signals[sig].text;
	snprintf(unknown, sizeof(unknown), "Signal %d", sig);
	return unknown;
}

/* Set SIG's handler the simple way; the old one, or SIG_ERR. */
sighandler_t
signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	if (sigaction(sig, &sa, &old) != 0)
		return SIG_ERR;
	return old.sa_handler;
}
