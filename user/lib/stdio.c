/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kern/kvcprintf.h"

#define F_READ		0x01	/* a stream for input */
#define F_WRITE		0x02	/* a stream for output */
#define F_LINEBUF	0x04	/* output: write at every newline */
#define F_UNBUF		0x08	/* output: write at the end of every call */
#define F_EOF		0x10	/* input: read returned 0 */
#define F_ERR		0x20	/* a read or write failed */

struct FILE {
	int	fd;		/* the file descriptor */
	int	flags;		/* F_* */
	int	len;		/* output: bytes waiting; input: bytes held */
	int	pos;		/* input: the next byte to hand out */
	char	buf[BUFSIZ];
};

static FILE std_files[3] = {
	{ 0, F_READ, 0, 0, { 0 } },
	{ 1, F_WRITE | F_LINEBUF, 0, 0, { 0 } },
	{ 2, F_WRITE | F_UNBUF, 0, 0, { 0 } },
};

FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];
/* Write F's waiting bytes; drop them and flag F on an error. */
int
fflush(FILE *f)
{
	int i, bad = 0;

	if (f == NULL) {
		for (i = 0; i < 3; i++)
			if (fflush(&std_files[i]) != 0)
				bad = 1;
		return bad ? EOF : 0;
	}
	if ((f->flags & F_WRITE) == 0 || f->len == 0)
		return 0;
	bad = write_all(f->fd, f->buf, (size_t)f->len) != 0;
	f->len = 0;
	if (bad) {
		f->flags |= F_ERR;
		return EOF;
	}
	return 0;
}

/* Buffer C, writing out a full buffer or a finished line. */
static void
put_byte(FILE *f, int c)
{
	f->buf[f->len++] = (char)c;
	if (f->len == BUFSIZ || (c == '\n' && (f->flags & F_LINEBUF)))
		fflush(f);
}

/* The end of a public output call: an unbuffered stream is written. */
static int
end_call(FILE *f)
{
	if (f->flags & F_UNBUF)
		return fflush(f);
	return 0;
}
/* Write C to F. */
int
fputc(int c, FILE *f)
{
	if ((f->flags & F_WRITE) == 0) {
		f->flags |= F_ERR;
		return EOF;
	}
	put_byte(f, c);
	if (end_call(f) != 0 || (f->flags & F_ERR))
		return EOF;
	return (unsigned char)c;
}

/* The same as fputc. */
int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

/* fputc to stdout. */
int
putchar(int c)
{
	return fputc(c, stdout);
}

/* Write S to F, as one call (one write when F is unbuffered). */
int
fputs(const char *s, FILE *f)
{
	int was_bad = f->flags & F_ERR;

	if ((f->flags & F_WRITE) == 0) {
		f->flags |= F_ERR;
		return EOF;
	}
	while (*s != '\0')
		put_byte(f, (unsigned char)*s++);
	if (end_call(f) != 0 || (!was_bad && (f->flags & F_ERR)))
		return EOF;
	return 0;
}

/* S and a newline to stdout. */
int
puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

/* kvcprintf's sink for a stream. */
static void
stream_sink(int c, void *arg)
{
	put_byte(arg, c);
}

/* Format to F: kvcprintf into F's buffer. */
int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
	int n, was_bad = f->flags & F_ERR;

	if ((f->flags & F_WRITE) == 0) {
		f->flags |= F_ERR;
		return -1;
	}
	n = kvcprintf(fmt, stream_sink, f, ap);
	if (end_call(f) != 0 || (!was_bad && (f->flags & F_ERR)))
		return -1;
	return n;
}

/* Format to F. */
int
fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

/* Format to stdout, with a va_list. */
int
vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* Format to stdout. */
int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* Format into a buffer: the kernel's kvsnprintf, unchanged. */
int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return kvsnprintf(buf, size, fmt, ap);
}

/* Format into a buffer. */
int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
/* Refill F's empty buffer with one read; 0, or EOF at the end or error. */
static int
refill(FILE *f)
{
	ssize_t n;

	if ((f->flags & F_READ) == 0) {
		f->flags |= F_ERR;
		return EOF;
	}
	if (f == stdin)
		fflush(stdout);
	n = read(f->fd, f->buf, BUFSIZ);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->pos = 0;
	f->len = (int)n;
	return 0;
}

/* The next byte of F. */
int
fgetc(FILE *f)
{
	if (f->pos == f->len && refill(f) == EOF)
		return EOF;
	return (unsigned char)f->buf[f->pos++];
}

/* The same as fgetc. */
int
getc(FILE *f)
{
	return fgetc(f);
}

/* The next byte of stdin. */
int
getchar(void)
{
	return fgetc(stdin);
}

/* A line of F, or what fits of it, into S. */
char *
fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1 && c != '\n') {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
	}
	s[i] = '\0';
	return i == 0 && size > 1 ? NULL : s;
}

/* The end-of-input flag. */
int
feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

/* The error flag. */
int
ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

/* Clear both flags, so the next read tries again. */
void
clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

/* S, a colon, and what errno means, on stderr. */
void
perror(const char *s)
{
	int error = errno;

	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, strerror(error));
	else
		fprintf(stderr, "%s\n", strerror(error));
}
